import Foundation
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// Row scopes and date filters through the engine's stores, on the field-kind tests' table.
@Suite("Admin engine: scopes and date filters")
struct AdminScopeTests {
    static let scoped = AdminResource(
        slug: "gadgets", singularName: "gadget", pluralName: "gadgets", table: "gadgets",
        labelExpression: "name",
        list: AdminListDeclaration(
            columns: [AdminColumn("name", label: "Name"), AdminColumn("day", label: "Day", format: .date)],
            filters: [AdminFilter("day", label: "Day", kind: .date(isTimestamp: false))]
        ),
        form: AdminFormDeclaration(
            fields: [AdminField("name", label: "Name", kind: .text(maxLength: 20), required: true)]
        ),
        access: AdminAccess(
            permissions: [.admin: Set(AdminPermission.allCases), .coach: [.view, .change, .delete]],
            scope: { user in user.role == .admin ? .all : .rows("owner = {user}") }
        )
    )

    static func user(_ id: Int, _ role: Role) -> User {
        User(id: id, email: "\(role.rawValue)\(id)@example.org", displayName: "U\(id)", role: role, language: nil)
    }

    @Test("a coach sees, changes and deletes only their own rows; others are as if they did not exist")
    func rows() async throws {
        try await TestDatabase.with { database in
            try await database.run(AdminFieldKindTests.createTable)
            let mine = try await TestUsers.create("coach1@example.org", role: .coach, in: database)
            let theirs = try await TestUsers.create("coach2@example.org", role: .coach, in: database)
            try await database.run(
                "INSERT INTO gadgets (name, owner) VALUES ('A', $1), ('B', $1), ('C', $2)", [mine, theirs]
            )
            let other: Int = try await database.value("SELECT id::int FROM gadgets WHERE name = 'C'")
            let coach = Self.user(mine, .coach)
            try await database.withClient { client in
                let zone = TimeZone(identifier: "Europe/Moscow")!
                let lists = AdminListStore(database: client, timeZone: zone)
                let records = AdminRecordStore(database: client, timeZone: zone)
                let state = AdminListState(query: FormData(), resource: Self.scoped, today: .today(in: .gmt))
                let page = try await lists.page(of: Self.scoped, for: coach, state: state, at: nil)
                #expect(page.total == 2)
                #expect(page.rows.map(\.label) == ["A", "B"])
                #expect(try await lists.page(of: Self.scoped, for: Self.user(0, .admin), state: state, at: nil).total == 3)
                #expect(try await records.record(of: Self.scoped, id: other, for: coach) == nil)
                guard case .notFound = try await records.update(["name": .text("Mine now")], of: Self.scoped, id: other, version: 1, actor: coach, address: "test") else {
                    Issue.record("a row outside the scope was changed"); return
                }
                #expect(try await records.delete(ids: [other], of: Self.scoped, actor: coach, address: "test").labels.isEmpty)
                let targets = try await lists.targets(of: Self.scoped, for: coach, ids: [other] + page.rows.map(\.id), selectAcross: false, state: state)
                #expect(targets.map(\.label).sorted() == ["A", "B"])
                #expect(try await records.updateEach(ids: [other], to: ["name": .text("X")], of: Self.scoped, actor: coach, address: "test").changed == 0)
            }
            #expect(try await database.value("SELECT name FROM gadgets WHERE id = $1", [other], as: String.self) == "C")
        }
    }

    @Test("a read-only form (view without change) shows every field as text, no inputs")
    func readOnlyForm() async throws {
        let localizations = try Localizations(directory: Repository.templates + "/locales")
        let record = AdminRecord(id: 1, label: "A", version: 1, values: ["name": "A"])
        let viewer = Self.user(5, .coach)
        let view = AdminFormView(
            resource: Self.scoped, values: .stored(record), isReadOnly: true, user: viewer, csrfToken: "t", choices: [:],
            formatter: AdminCellFormatter(localizer: localizations.localizer(for: .en), timeZone: .gmt)
        )
        let allReadOnly = view.fields.allSatisfy { $0.isReadOnly }
        #expect(allReadOnly)
        #expect(view.fields.first?.displayValue == "A")
        #expect(view.title == "View gadget: A")
    }

    @Test("date presets and ranges on a date column count days in the organisation's time zone")
    func datePresets() async throws {
        try await TestDatabase.with { database in
            try await database.run(AdminFieldKindTests.createTable)
            try await database.run(
                """
                INSERT INTO gadgets (name, day)
                SELECT 'g' || offset_days, (now() AT TIME ZONE 'Europe/Moscow')::date - offset_days
                FROM unnest(ARRAY[0, 3, 6, 7, 40, 400]) AS offset_days
                """
            )
            try await database.withClient { client in
                let lists = AdminListStore(database: client, timeZone: TimeZone(identifier: "Europe/Moscow")!)
                func count(_ query: String) async throws -> Int {
                    let state = AdminListState(query: try FormData(urlEncoded: Substring(query)), resource: Self.scoped, today: .today(in: .gmt))
                    return try await lists.page(of: Self.scoped, for: Self.user(0, .admin), state: state, at: nil).total
                }
                #expect(try await count("day=today") == 1)
                #expect(try await count("day=past-7-days") == 3)
                let month: Int = try await client.query(
                    "SELECT count(*)::int FROM gadgets WHERE day >= date_trunc('month', now() AT TIME ZONE 'Europe/Moscow')::date AND day <= (now() AT TIME ZONE 'Europe/Moscow')::date"
                )[0].decode(at: 0)
                #expect(try await count("day=this-month") == month)
                let year: Int = try await client.query(
                    "SELECT count(*)::int FROM gadgets WHERE day >= date_trunc('year', now() AT TIME ZONE 'Europe/Moscow')::date"
                )[0].decode(at: 0)
                #expect(try await count("day=this-year") == year)
                let today: String = try await client.query("SELECT ((now() AT TIME ZONE 'Europe/Moscow')::date - 7)::text")[0].decode(at: 0)
                #expect(try await count("day_from=\(today)&day_to=\(today)") == 1)
                #expect(try await count("day_from=not-a-date") == 6)
            }
        }
    }

    @Test("{today} in a column's expression is the organisation's date, in the cells and in the sort, not the session's UTC one")
    func todayColumn() async throws {
        let resource = AdminResource(
            slug: "gadgets", singularName: "gadget", pluralName: "gadgets", table: "gadgets",
            labelExpression: "name",
            list: AdminListDeclaration(
                columns: [AdminColumn("name", label: "Name"), AdminColumn("is_today", label: "Today", expression: "(day = {today})")]
            ),
            form: AdminFormDeclaration(
                fields: [AdminField("name", label: "Name", kind: .text(maxLength: 20), required: true)]
            ),
            access: AdminAccess(
                permissions: [.admin: Set(AdminPermission.allCases)]
            )
        )
        try await TestDatabase.with { database in
            try await database.run(AdminFieldKindTests.createTable)
            // A zone whose date is not UTC's now, an hour or more from either edge: UTC+14 from 11:00 UTC, else UTC-12
            let hour: Int = try await database.value("SELECT extract(hour FROM now() AT TIME ZONE 'UTC')::int")
            let zone = hour >= 11 ? "Pacific/Kiritimati" : "Etc/GMT+12"
            let differs: Bool = try await database.value("SELECT (now() AT TIME ZONE $1)::date <> current_date", [zone])
            #expect(differs)
            try await database.run(
                "INSERT INTO gadgets (name, day) VALUES ('local', (now() AT TIME ZONE $1)::date), ('utc', current_date)", [zone]
            )
            try await database.withClient { client in
                let lists = AdminListStore(database: client, timeZone: TimeZone(identifier: zone)!)
                let state = AdminListState(query: try FormData(urlEncoded: "o=-2"), resource: resource, today: .today(in: .gmt))
                let page = try await lists.page(of: resource, for: Self.user(0, .admin), state: state, at: nil)
                #expect(page.rows.map(\.label) == ["local", "utc"])
                #expect(page.rows.map { $0.cells[1] } == ["true", "false"])
                let targets = try await lists.targets(of: resource, for: Self.user(0, .admin), ids: [], selectAcross: true, state: state)
                #expect(targets.map(\.label) == ["local", "utc"])
            }
        }
    }

    @Test("stamps: a column set in the saving statement only when its field changes — on add, change and set-based bulk change")
    func stamps() async throws {
        let resource = AdminResource(
            slug: "gadgets", singularName: "gadget", pluralName: "gadgets", table: "gadgets",
            labelExpression: "name",
            list: AdminListDeclaration(
                columns: [AdminColumn("name", label: "Name")]
            ),
            form: AdminFormDeclaration(
                fields: [AdminField("name", label: "Name", kind: .text(maxLength: 20), required: true),
                         AdminField("colour", label: "Colour", kind: .text(maxLength: 20))],
                stamps: [AdminStamp(when: "name", set: "owner", to: .actor), AdminStamp(when: "name", set: "moment", to: .now)]
            ),
            access: AdminAccess(
                permissions: [.admin: Set(AdminPermission.allCases)]
            )
        )
        try await TestDatabase.with { database in
            try await database.run(AdminFieldKindTests.createTable)
            let first = try await TestUsers.create("admin1@example.org", role: .admin, in: database)
            let second = try await TestUsers.create("admin2@example.org", role: .admin, in: database)
            func row(_ id: Int) async throws -> String {
                try await database.value(
                    "SELECT name || '|' || coalesce(owner::text, '-') || '|' || (moment IS NOT NULL) || '|v' || version FROM gadgets WHERE id = $1", [id]
                )
            }
            try await database.withClient { client in
                let records = AdminRecordStore(database: client, timeZone: .gmt)
                let added = try await records.insert(["name": .text("A"), "colour": .text("red")], into: resource, actor: Self.user(first, .admin), address: "test")
                #expect(try await row(added.id) == "A|\(first)|true|v1")
                // Another field changing leaves the stamp alone; the stamped field changing stamps again
                try await database.run("UPDATE gadgets SET owner = NULL, moment = NULL WHERE id = $1", [added.id])
                _ = try await records.update(["name": .text("A"), "colour": .text("blue")], of: resource, id: added.id, version: 1, actor: Self.user(second, .admin), address: "test")
                #expect(try await row(added.id) == "A|-|false|v2")
                _ = try await records.update(["name": .text("B")], of: resource, id: added.id, version: 2, actor: Self.user(second, .admin), address: "test")
                #expect(try await row(added.id) == "B|\(second)|true|v3")

                try await database.run("INSERT INTO gadgets (name) VALUES ('C'), ('D'), ('Z')")
                let ids: [Int] = try await client.query("SELECT id::int FROM gadgets ORDER BY id").map { try $0.decode(at: 0) }
                let changed = try await records.updateEach(ids: ids, to: ["name": .text("Z")], of: resource, actor: Self.user(first, .admin), address: "test").changed
                #expect(changed == 3)
                #expect(try await row(ids[1]) == "Z|\(first)|true|v2")
                #expect(try await row(ids[3]) == "Z|-|false|v1", "a row already so is not written")
                let audited: Int = try await database.value("SELECT count(*)::int FROM audit_records WHERE object_type = 'gadgets' AND action = 'change'")
                #expect(audited == 2 + 3)
            }
        }
    }

    @Test("a bulk change and a stamp compare values whatever the column's type: a select of numbers over a text column")
    func stampsAcrossTypes() async throws {
        let resource = AdminResource(
            slug: "gadgets", singularName: "gadget", pluralName: "gadgets", table: "gadgets",
            labelExpression: "name",
            list: AdminListDeclaration(
                columns: [AdminColumn("name", label: "Name")]
            ),
            form: AdminFormDeclaration(
                fields: [AdminField("colour", label: "Colour", kind: .select([AdminChoice("1", "one"), AdminChoice("2", "two")]))],
                stamps: [AdminStamp(when: "colour", set: "owner", to: .actor)]
            ),
            access: AdminAccess(
                permissions: [.admin: Set(AdminPermission.allCases)]
            )
        )
        try await TestDatabase.with { database in
            try await database.run(AdminFieldKindTests.createTable)
            let admin = try await TestUsers.create("admin@example.org", role: .admin, in: database)
            try await database.run("INSERT INTO gadgets (name, colour) VALUES ('a', '1'), ('b', '2')")
            try await database.withClient { client in
                let records = AdminRecordStore(database: client, timeZone: .gmt)
                let ids: [Int] = try await client.query("SELECT id::int FROM gadgets ORDER BY id").map { try $0.decode(at: 0) }
                let changed = try await records.updateEach(ids: ids, to: ["colour": .text("2")], of: resource, actor: Self.user(admin, .admin), address: "test").changed
                #expect(changed == 1)
                let rows: String = try await database.value(
                    "SELECT string_agg(name || ':' || colour || ':' || coalesce(owner::text, '-') || ':v' || version, ',' ORDER BY id) FROM gadgets"
                )
                #expect(rows == "a:2:\(admin):v2,b:2:-:v1")
                _ = try await records.update(["colour": .text("1")], of: resource, id: ids[1], version: 1, actor: Self.user(admin, .admin), address: "test")
                #expect(try await database.value("SELECT colour || ':' || owner FROM gadgets WHERE id = $1", [ids[1]], as: String.self) == "1:\(admin)")
            }
        }
    }
}
