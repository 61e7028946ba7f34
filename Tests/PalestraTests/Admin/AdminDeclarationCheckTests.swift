import Foundation
@testable import Palestra
import TestSupport
import Postgres
import Testing

/// Django's system checks for admin declarations: one broken resource per check, with the message a
/// start-up would print; and every registered resource's queries `EXPLAIN`ed against the migrated schema.
@Suite("Admin engine: checked declarations")
struct AdminDeclarationCheckTests {
    /// A resource that passes every check; each case below breaks one thing of it.
    static func gadgets(
        columns: [AdminColumn] = [AdminColumn("name", label: "Name"), AdminColumn("day", label: "Day", format: .date)],
        searchExpressions: [String] = ["name"],
        filters: [AdminFilter] = [AdminFilter("day", label: "Day", kind: .date(isTimestamp: false))],
        defaultOrdering: [Int] = [1],
        actions: [AdminAction] = [],
        fields: [AdminField] = [AdminField("name", label: "Name", kind: .text(maxLength: 20), required: true)],
        listEditable: [String] = ["name"],
        inlines: [AdminInline] = [],
        panels: [AdminPanel] = [],
        scope: @escaping @Sendable (User) -> AdminScope = { user in user.role == .admin ? .all : .rows("owner = {user}") },
        uniqueConstraints: [String: (field: String, message: String)] = ["gadgets_name_key": (field: "name", message: "Taken.")],
        dependents: [AdminDependent] = [],
        objectLinks: [AdminObjectLink] = [AdminObjectLink(label: "Owner", to: AdminURL.changeForm(.value("users"), .key))],
        stamps: [AdminStamp] = []
    ) -> AdminResource {
        AdminResource(
            slug: "gadgets", singularName: "gadget", pluralName: "gadgets", table: "gadgets",
            labelExpression: "name", dependents: dependents,
            list: AdminListDeclaration(
                columns: columns,
                searchExpressions: searchExpressions,
                filters: filters,
                defaultOrdering: defaultOrdering,
                actions: actions,
                editable: listEditable
            ),
            form: AdminFormDeclaration(
                fields: fields,
                inlines: inlines,
                panels: panels,
                uniqueConstraints: uniqueConstraints,
                objectLinks: objectLinks,
                stamps: stamps
            ),
            access: AdminAccess(
                permissions: [.admin: Set(AdminPermission.allCases), .coach: [.view]],
                scope: scope
            )
        )
    }

    static func panel(_ query: String) -> AdminPanel {
        AdminPanel(label: "Recent", query: query, columns: [AdminTableColumn("name", label: "Name")], empty: "None.")
    }

    static let broken: [(resource: AdminResource, message: String)] = [
        (gadgets(listEditable: ["nmae"]), "admin resource “gadgets”, listEditable “nmae”: not a field"),
        (gadgets(fields: [AdminField("name", label: "Name", kind: .text(maxLength: 20)), AdminField("notes", label: "Notes", kind: .markdown(maxLength: 99))],
                 listEditable: ["notes"]),
         "admin resource “gadgets”, listEditable “notes”: no column of the same name shows it"),
        (gadgets(columns: [AdminColumn("name", label: "Name"), AdminColumn("age", label: "Age", expression: "{todya} - day")]),
         "admin resource “gadgets”, column “age”: unknown placeholder {todya} in its column expression (allowed: {today})"),
        (gadgets(searchExpressions: ["name = $1"]),
         "admin resource “gadgets”, searchExpressions “name = $1”: $1 is not allowed in a search expression (allowed: {pattern}, {prefix})"),
        (gadgets(filters: [AdminFilter("mine", label: "Mine", condition: "owner = {user}", kind: .choices([AdminChoice("1", "Yes")]))]),
         "admin resource “gadgets”, filter “mine”: {user} is not allowed in a filter condition (allowed: {value})"),
        (gadgets(filters: [AdminFilter("day", label: "Day", kind: .boolean), AdminFilter("day", label: "Day", kind: .boolean)]),
         "admin resource “gadgets”, filter “day”: declared twice"),
        (gadgets(defaultOrdering: [-3]), "admin resource “gadgets”, defaultOrdering -3: no such column (1 to 2, negative for descending)"),
        (gadgets(columns: [AdminColumn("name", label: "Name", sortable: false), AdminColumn("day", label: "Day")]),
         "admin resource “gadgets”, defaultOrdering 1: column “name” does not sort"),
        (gadgets(actions: [AdminAction("close", label: "Close", operation: .setField("is_closed", to: "true"))]),
         "admin resource “gadgets”, action “close”: sets “is_closed”, which is not a field"),
        (gadgets(objectLinks: [AdminObjectLink(label: "Session", to: AdminURL.changeForm(.value("training-sessions"), .key), filling: ["id": "sesion_id"])]),
         "admin resource “gadgets”, objectLinks “/admin/training-sessions/:id/”: “sesion_id” is neither id nor a field"),
        (gadgets(objectLinks: [AdminObjectLink(label: "Session", to: AttendanceURL.journal(.key), filling: [:])]),
         "admin resource “gadgets”, objectLinks “/coach/sessions/:id”: :id is filled by no field"),
        (gadgets(objectLinks: [AdminObjectLink(label: "Session", to: AttendanceURL.journal(.key), filling: ["id": "id", "slug": "name"])]),
         "admin resource “gadgets”, objectLinks “/coach/sessions/:id”: the route has no :slug"),
        (gadgets(objectLinks: [AdminObjectLink(label: "Password", page: "pasword")]),
         "admin resource “gadgets”, objectLinks “pasword”: not one of the resource's object pages"),
        (gadgets(uniqueConstraints: ["gadgets_name_key": (field: "nmae", message: "Taken.")]),
         "admin resource “gadgets”, uniqueConstraints “gadgets_name_key”: “nmae” is not a field"),
        (gadgets(scope: { _ in .rows("day = {today}") }),
         "admin resource “gadgets”, scope (admin): {today} is not allowed in a scope (allowed: {user})"),
        (gadgets(panels: [panel("SELECT name FROM gadgets WHERE id = {id} AND name = {value}")]),
         "admin resource “gadgets”, panel “Recent”: {value} is not allowed in a panel query (allowed: {id}, {today}, {zone})"),
        (gadgets(dependents: [AdminDependent(label: "{count} parts", countSQL: "SELECT count(*) FROM parts WHERE gadget_id = {id}")]),
         "admin resource “gadgets”, dependent “{count} parts”: {id} is not allowed in a dependent count (allowed: $1)"),
        (gadgets(stamps: [AdminStamp(when: "stauts", set: "marked_by", to: .actor)]),
         "admin resource “gadgets”, stamps “marked_by”: “stauts” is not a field"),
        (gadgets(inlines: [AdminInline(
            "parts", label: "Parts", table: "parts", foreignKey: "gadget_id", labelExpression: "name",
            fields: [AdminField("name", label: "Name", kind: .text(maxLength: 20))], ordering: "name",
            constraints: ["parts_name_key": (field: "title", message: "Taken.")]
        )]), "admin resource “gadgets”, inline “parts” constraint “parts_name_key”: “title” is not a field of the inline"),
    ]

    @Test("every registered resource passes the checks")
    func standardSite() throws {
        #expect(AdminSite.standard.declarationProblems().map(\.description) == [])
        try AdminSite.standard.check()
    }

    @Test("a resource that passes them, and one broken resource per check, each with its message", arguments: 0...broken.count)
    func brokenResource(_ index: Int) {
        guard index < Self.broken.count else {
            #expect(Self.gadgets().declarationProblems().isEmpty)
            return
        }
        #expect(Self.broken[index].resource.declarationProblems().map(\.description) == [Self.broken[index].message])
    }

    @Test("a broken declaration stops start-up with a line naming the resource and the field; so does a slug used twice")
    func startup() throws {
        let site = AdminSite(resources: [Self.gadgets(listEditable: ["nmae"]), Self.gadgets()])
        #expect {
            try site.check()
        } throws: { error in
            (error as? StartupError)?.description == """
                admin resource “gadgets”, listEditable “nmae”: not a field
                admin resource “gadgets”, slug: another resource has it
                """
        }
    }

    @Test("every resource's list, record, inline, panel, dependent and lookup queries EXPLAIN against the migrated schema, for every role")
    func explained() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                for resource in AdminSite.standard.resources {
                    let failures = try await Self.explain(resource, on: client)
                    #expect(failures == [], "resource \(resource.slug)")
                }
                // The test can fail: a column typo in a fragment is found.
                let typo = AdminResource(
                    slug: "users", singularName: "user", pluralName: "users", table: "users",
                    labelExpression: "email",
                    list: AdminListDeclaration(
                        columns: [AdminColumn("email", label: "Email", expression: "emial")]
                    ),
                    form: AdminFormDeclaration(
                        fields: []
                    ),
                    access: AdminAccess(
                        permissions: [.admin: [.view]]
                    )
                )
                let found = try await Self.explain(typo, on: client)
                // Every statement of the page names it: the column is read for the rows and sorted by for the keys.
                #expect(found.map { $0.prefix { $0 != ":" } } == ["list (admin)", "list keys (admin)", "list keys counted (admin)", "list rows probed (admin)", "list rows by key (admin)"]
                        && found.allSatisfy { $0.contains("emial") }, "\(found)")
            }
        }
    }

    @Test("a list's own label and read-only rules, over its related rows, hold the resource's own values row for row: attendance with a closed session, an archived group and neither")
    func listSideExpressions() async throws {
        try await TestDatabase.with { database in
            let scene = try await AttendanceAdminTests.scene(database)
            try await database.run("UPDATE training_sessions SET is_closed = true WHERE id = $1", [scene.session])
            try await database.run("UPDATE training_groups SET is_archived = true WHERE name = 'Swimming'")
            var compared: [String: (rows: Int, holding: [Int])] = [:]
            for resource in AdminSite.standard.resources {
                let rules = resource.access.readOnlyRules.filter { $0.onList != nil }
                guard resource.list.labelExpression != nil || !rules.isEmpty else { continue }
                let joins = AdminListStore.relatedJoins(resource)
                let label = resource.list.labelExpression ?? resource.labelExpression
                let differing = ["(\(resource.labelExpression))::text IS DISTINCT FROM (\(label))::text"]
                    + rules.map { "(\($0.sql)) IS DISTINCT FROM (\($0.onList!))" }
                let row = try await database.withClient { client in
                    try await client.query(
                        """
                        SELECT count(*)::int AS n, count(*) FILTER (WHERE \(differing.joined(separator: " OR ")))::int AS differing,
                               ARRAY[\((rules.map { "count(*) FILTER (WHERE \($0.sql))::int" } + ["0"]).joined(separator: ", "))] AS holding
                        FROM \(resource.table) \(joins)
                        """
                    )[0]
                }
                let differingRows: Int = try row.decode("differing")
                #expect(differingRows == 0, "\(resource.slug): \(differingRows) rows differ")
                compared[resource.slug] = (try row.decode("n"), try row.decode("holding", as: [Int].self).dropLast())
            }
            // The comparison saw rows each rule holds for and rows it does not: the four records of two sessions, one
            // closed (three records), one of an archived group (one record).
            let attendance = try #require(compared[AttendanceJournal.recordAuditType])
            #expect(attendance.rows == 4 && attendance.holding == [1], "\(attendance)")
        }
    }

    /// Each statement the engine composes from the declaration, `EXPLAIN`ed: the list with every filter
    /// set, a two-word search and every sortable column in the ordering, for each role that may view it;
    /// the record; each inline's rows, panel, dependent count and foreign-key lookup. The failures, named.
    static func explain(_ resource: AdminResource, on client: PostgresClient) async throws -> [String] {
        var failures: [String] = []
        for (name, statement) in try statements(of: resource, on: client) {
            do {
                _ = try await client.query("EXPLAIN " + statement.sql, statement.values)
            } catch {
                failures.append("\(name): \(error)")
            }
        }
        return failures
    }

    /// The statements ``explain(_:on:)`` checks, named.
    static func statements(of resource: AdminResource, on client: PostgresClient) throws -> [(String, SQLStatement)] {
        let zone = TimeZone(identifier: "Europe/Moscow")!
        let lists = AdminListStore(database: client, timeZone: zone)
        let records = AdminRecordStore(database: client, timeZone: zone)
        var query = ["q=a+b", "o=" + resource.list.columns.indices.filter { resource.list.columns[$0].sortExpression != nil }.map { String(-($0 + 1)) }.joined(separator: ".")]
        for filter in resource.list.filters {
            switch filter.kind {
            case .choices(let choices): query.append("\(filter.name)=\(choices.first?.value ?? "")")
            case .boolean: query.append("\(filter.name)=yes")
            // A row's id is compared as a number, any other key (a job's kind) as text.
            case .foreignKey(let lookup): query.append("\(filter.name)=\(lookup.valueColumn == "id" ? "1" : "x")")
            case .date: query += ["\(filter.name)=this-month", "\(filter.name)_from=2024-01-01", "\(filter.name)_to=2024-12-31"]
            }
        }
        let state = AdminListState(query: try FormData(urlEncoded: Substring(query.joined(separator: "&"))), resource: resource, today: .today(in: .gmt))
        var statements: [(String, SQLStatement)] = []
        for role in Role.allCases where resource.allows(.view, for: User(id: 1, email: "", displayName: "", role: role, language: nil)) {
            let user = User(id: 1, email: "", displayName: "", role: role, language: nil)
            let page = lists.pageStatements(of: resource, for: user, state: state)
            statements.append(("list (\(role.rawValue))", page.select))
            statements.append(("list keys (\(role.rawValue))", page.keys))
            statements.append(("list keys counted (\(role.rawValue))", page.keysCounted))
            statements.append(("list rows probed (\(role.rawValue))", page.probe))
            statements.append(("list rows by key (\(role.rawValue))", page.rowsByKey))
            statements.append(("count (\(role.rawValue))", lists.countStatement(resource, conditions: page.conditions)))
            statements.append(("record (\(role.rawValue))", records.recordStatement(of: resource, id: 1, for: user)))
            for filter in resource.list.filters {
                if case .foreignKey(let lookup) = filter.kind {
                    statements.append(("filter \(filter.name) (\(role.rawValue))", lists.choicesStatement(lookup, filteringFor: user)))
                }
            }
        }
        for inline in resource.form.inlines {
            statements.append(("inline \(inline.name)", records.inlineStatement(inline, parentID: 1)))
            for field in inline.fields {
                if case .foreignKey(let lookup) = field.kind {
                    statements.append(("inline \(inline.name) field \(field.name)", lists.choicesStatement(lookup, filteringFor: nil)))
                }
            }
        }
        for panel in resource.form.panels { statements.append(("panel \(panel.label)", records.panelStatement(panel, objectID: 1))) }
        for dependent in resource.dependents { statements.append(("dependent \(dependent.label)", records.dependentStatement(dependent, ids: [1]))) }
        for dependent in resource.dependents {
            if let sql = dependent.blockersSQL {
                var parameters = SQLParameters()
                _ = parameters.bind([1])
                statements.append(("blocking dependent \(dependent.label)", SQLStatement(sql: sql, parameters: parameters)))
            }
        }
        for action in resource.list.actions {
            if let condition = action.condition {
                statements.append(("action \(action.name)", SQLStatement(sql: "SELECT (\(condition.sql)) FROM \(resource.table)", parameters: SQLParameters())))
            }
        }
        for rule in resource.access.readOnlyRules {
            statements.append(("read-only rule \(rule.reason)", SQLStatement(sql: "SELECT (\(rule.sql)) FROM \(resource.table)", parameters: SQLParameters())))
        }
        for field in resource.form.fields {
            if case .foreignKey(let lookup) = field.kind { statements.append(("field \(field.name)", lists.choicesStatement(lookup, filteringFor: nil))) }
        }
        return statements
    }
}
