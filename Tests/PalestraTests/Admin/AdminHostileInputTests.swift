import Foundation
import HummingbirdTesting
@testable import Palestra
import TestSupport
import Testing

/// Every field of every admin form, posted with what a careless or hostile user sends: never an
/// error page of the server's, nothing stored when the form is refused, and what was typed shown again.
@Suite("Admin engine: hostile input in every form")
struct AdminHostileInputTests {
    /// Empty, blank, too long, markup, SQL, numbers out of any range, not numbers, a NUL, an id that
    /// exists nowhere, an impossible date and time, mixed scripts.
    static let values: [String] = [
        "", "   ", String(repeating: "Жx", count: 2_600), "<script>alert(1)</script>", "'; DROP TABLE users; --",
        "-99999999999999999999", "NaN", "a\u{0}b", "999999999", "2026-02-30", "25:61", "١٢ e\u{301}",
    ]

    /// The kinds of input that show what was typed again when the form is refused.
    static let textTypes: Set<String> = ["text", "email", "number", "date", "time", "datetime-local", "url", "tel", "search"]

    @Test(
        "add and change forms and editable lists, field by field: no 5xx; a refused post changes nothing and keeps what was typed",
        arguments: AdminSite.standard.resources.map(\.slug)
    )
    func everyFormField(slug: String) async throws {
        let resource = try #require(AdminSite.standard.resource(slug))
        try await TestApp.test { client, database in
            try await database.withClient { postgres in
                _ = try await DemoSeed(database: postgres, hasher: try await TestUsers.hasher(), timeZone: TrainingFixture.zone).load { _ in }
            }
            // Marks for the demo's held sessions, which are open again, so the attendance list can be edited.
            try await database.run("UPDATE training_sessions SET is_closed = false")
            try await database.run(
                """
                INSERT INTO attendance_records (session_id, athlete_id, status, session_date, group_id)
                SELECT s.id, m.athlete_id, 'present', s.session_date, s.group_id
                FROM training_sessions s JOIN group_memberships m ON m.group_id = s.group_id
                WHERE s.status = 'held' AND m.joined_on <= s.session_date AND (m.left_on IS NULL OR m.left_on >= s.session_date)
                """
            )
            var browser = try await Browser.signedInAdmin(client, database)
            var posts = 0
            let list = try await browser.get(AdminURL.changeList(resource.slug))
            #expect(list.status == .ok, "\(resource.slug)")
            var paths: [String] = []
            if list.text.contains(#"href="\#(AdminURL.addForm(resource.slug))""#) { paths.append(AdminURL.addForm(resource.slug)) }
            // The last row's form: the first of users is the administrator sweeping, who must stay signed in.
            let object = try Regex(#"href="(/admin/\#(resource.slug)/\d+/)""#)
            if let last = list.text.matches(of: object).last, let path = last.output[1].substring { paths.append(String(path)) }
            for path in paths {
                posts += try await Self.sweep(path, browser: &browser, database: database)
            }
            if !resource.list.editable.isEmpty {
                posts += try await Self.sweepList(resource, browser: &browser, database: database)
            }
            #expect(try await browser.get("/admin/").status == .ok, "the sweep must not have signed the administrator out")
            // Audit records and jobs have no form; the others each have fields enough for dozens of posts.
            let administrator = User(id: 0, email: "admin@example.org", displayName: "Ada Admin", role: .admin, language: nil)
            if resource.allows(.add, for: administrator) || !resource.list.editable.isEmpty {
                #expect(posts > 40, "the sweep found too few fields to be working: \(posts) posts")
            }
            print("hostile input: \(slug), \(posts) posts")
        }
    }

    @Test("the journal, the account page's forms and a user's password page, field by field: no 5xx; a refused post changes nothing")
    func otherForms() async throws {
        try await TestApp.test { client, database in
            try await database.withClient { postgres in
                _ = try await DemoSeed(database: postgres, hasher: try await TestUsers.hasher(), timeZone: TrainingFixture.zone).load { _ in }
            }
            try await database.run("UPDATE training_sessions SET is_closed = false")
            let session: Int = try await database.value("SELECT max(id)::int FROM training_sessions WHERE status = 'held'")
            let coach: Int = try await database.value("SELECT max(id)::int FROM users WHERE role = 'coach'")
            var browser = try await Browser.signedInAdmin(client, database)
            let forms = [
                (AttendanceURL.journal(session), #"class="journal""#),
                (AccountsURL.account.path, #"action="\#(AccountsURL.accountPassword.path)""#),
                (AccountsURL.account.path, #"name="language""#),
                ("/admin/users/\(coach)/password", #"class="form narrow""#),
            ]
            for (path, marker) in forms {
                let posts = try await Self.sweep(page: path, marker: marker, browser: &browser, database: database) { $0.action ?? path }
                #expect(posts >= Self.values.count, "\(path): the sweep found no field")
            }
            #expect(try await browser.get("/admin/").status == .ok, "the sweep must not have signed the administrator out")
        }
    }

    /// Posts the form at `path` once per field and value, the other fields as loaded; how many posts.
    static func sweep(_ path: String, browser: inout Browser, database: TestDatabase) async throws -> Int {
        try await sweep(page: path, marker: #"class="form form--admin""#, extra: [("_continue", "1")], browser: &browser, database: database) { $0.action ?? path }
    }

    /// The change list's editable cells of its first row, each with every value, saved with the list's Save.
    static func sweepList(_ resource: AdminResource, browser: inout Browser, database: TestDatabase) async throws -> Int {
        let list = AdminURL.changeList(resource.slug)
        let page = try await browser.get(list)
        guard let row = page.text.firstMatch(of: /name="row-(\d+)-version"/).map({ String($0.output.1) }) else {
            Issue.record("\(resource.slug): no editable row on the list")
            return 0
        }
        let save = page.text.firstMatch(of: /formaction="([^"]+)"/).map { HTMLForm.unescaped(String($0.output.1)) } ?? list
        return try await sweep(page: list, marker: #"name="list_query""#, only: "row-\(row)-", browser: &browser, database: database) { _ in save }
    }

    /// Loads `path`, finds the form by `marker`, and posts it to `target(form)` once per editable field
    /// (those starting with `only`) and value, the other fields as loaded; how many posts.
    static func sweep(
        page path: String, marker: String, only prefix: String = "", extra: [(String, String)] = [],
        browser: inout Browser, database: TestDatabase, target: (HTMLForm) -> String
    ) async throws -> Int {
        let page = try await browser.get(path)
        guard page.status == .ok, let original = HTMLForm(page.text, marker: marker) else { return 0 }
        var form = original
        var posts = 0
        var before = try await fingerprint(database)
        // A radio group is one field of several inputs.
        var seen = Set<String>()
        let names = form.fields.filter { $0.isEditable && $0.name.hasPrefix(prefix) && seen.insert($0.name).inserted }
        for field in names {
            for value in values {
                let response = try await browser.post(target(form), form.posting(field.name, value) + extra)
                posts += 1
                let what = "\(path) \(field.name)=\(value.prefix(24).debugDescription)"
                #expect(response.status.code < 500, "\(what): \(response.status)")
                if response.status == .seeOther {
                    // Accepted (text may hold markup or SQL as text): the page that follows shows it escaped.
                    let next = try await browser.follow(response)
                    #expect(!next.text.contains("<script>alert(1)</script>"), "\(what) shown unescaped")
                    // Put the row back as it was (an archived group would make the rest of its form read-only):
                    // the form as it is now, with the values it had; what cannot be put back (a removed inline row) stays.
                    if original.hasVersions, let changed = HTMLForm(try await browser.get(path).text, marker: marker) {
                        let restored = try await browser.post(target(changed), changed.restoring(original).posting(nil) + extra)
                        #expect(restored.status == .seeOther, "\(what): putting the row back answered \(restored.status)")
                    }
                    if let reloaded = HTMLForm(try await browser.get(path).text, marker: marker) { form = reloaded }
                    before = try await fingerprint(database)
                    continue
                }
                #expect(try await fingerprint(database) == before, "\(what) was refused (\(response.status)) but changed the database")
                if response.status == .unprocessableContent, textTypes.contains(field.type), !value.contains("\u{0}"),
                   !value.trimmingCharacters(in: .whitespaces).isEmpty {
                    #expect(response.text.contains(#"value="\#(HTMLForm.escaped(value))""#), "\(what): what was typed is lost")
                }
            }
        }
        return posts
    }

    /// Every table a form could change (sessions and login attempts change on every request), each as its
    /// row count and newest row version: an insert or an update writes a row with a newer `xmin`, a delete
    /// lowers the count.
    static func fingerprint(_ database: TestDatabase) async throws -> String {
        try await database.value(
            """
            SELECT string_agg(table_name || ':' || state, ',' ORDER BY table_name) FROM (
                SELECT t.table_name::text, (xpath('/row/state/text()', query_to_xml(
                    format('SELECT count(*) || ''/'' || coalesce(max(xmin::text::bigint), 0) AS state FROM %I', t.table_name),
                    false, true, '')))[1]::text AS state
                FROM information_schema.tables t
                WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND t.table_name NOT IN ('sessions', 'login_attempts')
            ) tables
            """
        )
    }
}

/// The fields of one form of a page, with the values the page gave them, as a browser would post them.
struct HTMLForm {
    struct Field {
        let name: String
        /// `input`'s type, or `select` / `textarea`.
        let type: String
        var value: String?
        /// Hidden inputs (the CSRF token, the version) are sent as they are, never changed.
        var isEditable: Bool { type != "hidden" && type != "file" && type != "submit" }
    }

    var fields: [Field]
    /// Where the form posts to.
    let action: String?

    /// The form that contains `marker` (in its opening tag or inside), or `nil` when the page has none.
    init?(_ page: String, marker: String) {
        guard let start = page.range(of: marker), let end = page[start.upperBound...].range(of: "</form>") else { return nil }
        let formStart = page[..<start.upperBound].range(of: "<form", options: .backwards)?.lowerBound
        let opening = formStart.flatMap { from in page[from...].firstIndex(of: ">").map { String(page[from..<$0]) } }
        action = opening.flatMap { Self.attribute("action", in: $0) }
        let html = page[(formStart ?? start.upperBound)..<end.lowerBound]
        var fields: [Field] = []
        for tag in html.matches(of: /<(input|select|textarea)\b([^>]*)>/) {
            let element = String(tag.output.1), attributes = String(tag.output.2)
            guard let name = Self.attribute("name", in: attributes) else { continue }
            switch element {
            case "input":
                let type = Self.attribute("type", in: attributes) ?? "text"
                if type == "checkbox" || type == "radio" {
                    fields.append(Field(name: name, type: type, value: attributes.contains(" checked") ? Self.attribute("value", in: attributes) ?? "on" : nil))
                } else {
                    fields.append(Field(name: name, type: type, value: Self.attribute("value", in: attributes) ?? ""))
                }
            case "select":
                let rest = html[tag.range.upperBound...]
                let options = rest[..<(rest.range(of: "</select>")?.lowerBound ?? rest.endIndex)]
                let selected = options.firstMatch(of: /<option value="([^"]*)"[^>]* selected/).map { Self.unescaped(String($0.output.1)) }
                let first = options.firstMatch(of: /<option value="([^"]*)"/).map { Self.unescaped(String($0.output.1)) }
                fields.append(Field(name: name, type: "select", value: selected ?? first ?? ""))
            default:
                let rest = html[tag.range.upperBound...]
                let text = rest[..<(rest.range(of: "</textarea>")?.lowerBound ?? rest.endIndex)]
                fields.append(Field(name: name, type: "textarea", value: Self.unescaped(String(text))))
            }
        }
        self.fields = fields
    }

    /// What a browser sends, with `name` set to `value` once (the CSRF token is added by ``Browser``).
    func posting(_ name: String?, _ value: String = "") -> [(String, String)] {
        var posted = fields.filter { $0.name != name && $0.name != CSRFMiddleware.fieldName }.compactMap { field in
            field.value.map { (field.name, $0) }
        }
        if let name { posted.append((name, value)) }
        return posted
    }

    var hasVersions: Bool { fields.contains { $0.name == "version" || $0.name.hasSuffix("-version") } }

    /// This form (a later load) with the values `earlier` gave the fields both have, row versions kept.
    func restoring(_ earlier: HTMLForm) -> HTMLForm {
        var copy = self
        for index in copy.fields.indices where copy.fields[index].isEditable {
            if let before = earlier.fields.first(where: { $0.name == copy.fields[index].name }) { copy.fields[index].value = before.value }
        }
        return copy
    }

    static func attribute(_ name: String, in attributes: String) -> String? {
        let pattern = try! Regex(#"(?:^|\s)\#(name)="([^"]*)""#)
        return attributes.firstMatch(of: pattern).flatMap { $0.output[1].substring }.map { unescaped(String($0)) }
    }

    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// As the templates escape a value inside an attribute.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
