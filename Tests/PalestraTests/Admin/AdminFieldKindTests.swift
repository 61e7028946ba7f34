import Foundation
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// Every field kind through the engine's own SQL, on a table made for the test.
@Suite("Admin engine: field kinds")
struct AdminFieldKindTests {
    static let kinds = [AdminChoice("red", "Red"), AdminChoice("blue", "Blue")]

    static let resource = AdminResource(
        slug: "gadgets", singularName: "gadget", pluralName: "gadgets", table: "gadgets",
        labelExpression: "name",
        list: AdminListDeclaration(
            columns: [AdminColumn("name", label: "Name")]
        ),
        form: AdminFormDeclaration(
            fields: [
                AdminField("name", label: "Name", kind: .text(maxLength: 20), required: true),
                AdminField("notes", label: "Notes", kind: .markdown(maxLength: 200)),
                AdminField("contact", label: "Contact", kind: .email),
                AdminField("amount", label: "Amount", kind: .integer(0...100)),
                AdminField("day", label: "Day", kind: .date),
                AdminField("starts", label: "Starts", kind: .time),
                AdminField("moment", label: "Moment", kind: .dateTime),
                AdminField("colour", label: "Colour", kind: .select(kinds)),
                AdminField("owner", label: "Owner", kind: .foreignKey(AdminLookup(table: "users", labelExpression: "email"))),
                AdminField("tags", label: "Tags", kind: .multiSelect(kinds)),
                AdminField("flag", label: "Flag", kind: .checkbox),
            ]
        ),
        access: AdminAccess(
            permissions: [.admin: Set(AdminPermission.allCases)]
        )
    )

    static let createTable = """
        CREATE TABLE gadgets (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, version integer NOT NULL DEFAULT 1,
            updated_at timestamptz NOT NULL DEFAULT now(), name text NOT NULL, notes text, contact citext,
            amount integer, day date, starts time, moment timestamptz, colour text, owner bigint REFERENCES users (id),
            tags text[] NOT NULL DEFAULT '{}', flag boolean NOT NULL DEFAULT false)
        """

    static func form(_ fields: [(String, String)], owners: [AdminChoice] = []) throws -> AdminFormInput {
        let localizations = try Localizations(directory: Repository.templates + "/locales")
        return AdminFormInput(
            form: FormData(fields: fields.map { FormData.Field(name: $0.0, value: $0.1) }), resource: resource, adding: true,
            choices: ["owner": owners], policy: PasswordPolicy(commonPasswords: []), localizer: localizations.localizer(for: .en)
        )
    }

    @Test("each kind is written with its cast and read back in its input's format; a change is audited field by field")
    func roundTrip() async throws {
        try await TestDatabase.with { database in
            try await database.run(Self.createTable)
            let adminID = try await TestUsers.create("admin@example.org", role: .admin, in: database)
            let admin = User(id: adminID, email: "admin@example.org", displayName: "Admin", role: .admin, language: nil)
            let input = try Self.form([
                ("name", "  Widget  "), ("notes", "**bold**\r\nline"), ("contact", "A@Example.org"), ("amount", "42"),
                ("day", "2026-02-28"), ("starts", "18:30"), ("moment", "2026-11-21T09:15"), ("colour", "blue"),
                ("owner", String(adminID)), ("tags", "red"), ("tags", "blue"), ("flag", "true"), ("id", "77"),
            ], owners: [AdminChoice(String(adminID), "admin@example.org")])
            #expect(input.errors.isEmpty, "\(input.errors)")
            try await database.withClient { client in
                let store = AdminRecordStore(database: client, timeZone: TimeZone(identifier: "Europe/Moscow")!)
                let saved = try await store.insert(input.values, into: Self.resource, actor: admin, address: "test")
                #expect(saved.label == "Widget")
                let record = try #require(try await store.record(of: Self.resource, id: saved.id, for: admin))
                #expect(record.values["notes"] == "**bold**\r\nline")
                #expect(record.values["contact"] == "A@Example.org")
                #expect(record.values["amount"] == "42")
                #expect(record.values["day"] == "2026-02-28")
                #expect(record.values["starts"] == "18:30")
                #expect(record.values["moment"] == "2026-11-21T09:15")
                #expect(record.values["colour"] == "blue")
                #expect(record.values["owner"] == String(adminID))
                #expect(record.values["tags"] == #"["red","blue"]"#)
                #expect(record.values["flag"] == "true")
                let utc: String = try await client.query("SELECT to_char(moment AT TIME ZONE 'UTC', 'HH24:MI') FROM gadgets")[0].decode(at: 0)
                #expect(utc == "06:15")
                let result = try await store.update(
                    ["amount": .text("7"), "flag": .text("false"), "tags": .list([])], of: Self.resource, id: saved.id,
                    version: 1, actor: admin, address: "test"
                )
                guard case .saved(_, let changes) = result else { Issue.record("not saved: \(result)"); return }
                #expect(changes.map(\.field).sorted() == ["amount", "flag", "tags"])
                #expect(changes.first { $0.field == "amount" } == FieldChange(field: "amount", old: "42", new: "7"))
                guard case .conflict = try await store.update(["amount": .text("8")], of: Self.resource, id: saved.id, version: 1, actor: admin, address: "test") else {
                    Issue.record("a stale version was saved"); return
                }
            }
        }
    }

    @Test("values that do not fit their kind get a message each", arguments: [
        ("amount", "forty", "Enter a whole number."),
        ("amount", "101", "Enter a number from 0 to 100."),
        ("day", "2026-02-30", "Enter a real date (YYYY-MM-DD)."),
        ("starts", "25:00", "Enter a time as HH:MM."),
        ("moment", "21.11.2026 09:15", "Enter a date and time as YYYY-MM-DD HH:MM."),
        ("colour", "green", "Choose one of the options offered."),
        ("owner", "999", "Choose one of the options offered."),
        ("tags", "green", "“green” is not one of the available choices."),
        ("contact", "a@@b.org", "Enter a valid email address, like name@example.org."),
        ("notes", String(repeating: "x", count: 201), "At most 200 characters, please (this has 201)."),
        ("name", "", "This field is required."),
    ])
    func badValues(field: String, value: String, message: String) throws {
        var fields = [("name", "Widget")]
        fields.removeAll { $0.0 == field }
        fields.append((field, value))
        let input = try Self.form(fields)
        #expect(input.errors[field] == message)
    }
}
