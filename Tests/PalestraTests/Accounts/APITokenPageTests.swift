import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import Testing

/// API tokens made and revoked on pages: each user on `/account`, an administrator for anyone on
/// `/admin/users/<id>/tokens`. A token made there works on the API; one revoked there is refused by it.
@Suite("API tokens on the account page and the user's admin page")
struct APITokenPageTests {
    /// The secret shown in the page's read-only field.
    static func secret(in page: String) -> String? {
        guard let range = page.range(of: #"class="issued-token__secret" type="text" value=""#) else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    static func me(_ client: any TestClientProtocol, _ secret: String) async throws -> TestResponse {
        try await client.execute(uri: "/api/v1/me", method: .get, headers: APITest.bearer(secret))
    }

    @Test("a student makes a named token, sees its secret once, uses it on the API, and revokes it; the list shows made, last used and revoked")
    func ownTokens() async throws {
        // The API's credential cache keeps the token for a minute: the revocation below must empty it.
        try await TestApp.test(configure: { $0.apiTokenCache = .seconds(60) }) { client, database in
            let id = try await TestUsers.create("student@example.org", role: .student, name: "Sasha Student", in: database)
            var browser = Browser(client)
            try await browser.signIn("student@example.org")
            let empty = try await browser.get("/account")
            #expect(empty.text.contains("API tokens") && empty.text.contains("No tokens yet."))

            let made = try await browser.post("/account/tokens", [("name", "  Timetable sync  ")])
            #expect(made.status == .ok)
            #expect(made.headers[.cacheControl] == "no-store")
            #expect(made.text.contains("Copy the new token now: it is shown only this once."))
            let secret = try #require(Self.secret(in: made.text))
            #expect(secret.hasPrefix("pal_") && secret.count > 40)
            let stored: String = try await database.value(
                "SELECT name || ' ' || prefix || ' ' || (token_hash = sha256(convert_to($2, 'UTF8')))::text FROM api_tokens WHERE user_id = $1",
                [id, secret]
            )
            #expect(stored == "Timetable sync \(secret.prefix(12)) true")
            #expect(made.text.contains("Timetable sync") && made.text.contains("<code>\(secret.prefix(12))…</code>"))

            // Shown once: the next view of the page lists the token without its secret.
            let later = try await browser.get("/account")
            #expect(!later.text.contains(secret) && later.text.contains("Timetable sync") && later.text.contains("Never"))

            let answer = try await Self.me(client, secret)
            #expect(answer.status == .ok && answer.text.contains("student@example.org"))
            #expect(!(try await browser.get("/account")).text.contains("Never"), "the last use is shown once the token is used")

            let tokenID: Int = try await database.value("SELECT id::int FROM api_tokens WHERE user_id = $1", [id])
            let revoked = try await browser.post("/account/tokens", [("revoke", String(tokenID))])
            #expect(revoked.status == .seeOther)
            let after = try await browser.follow(revoked)
            #expect(after.text.contains("The token “Timetable sync” was revoked: it is refused from now on."))
            #expect(after.text.contains("Revoked") && !after.text.contains(#"name="revoke" value="\#(tokenID)""#))
            #expect(try await Self.me(client, secret).status == .unauthorized)
            // A second click on the same Revoke button changes nothing and says so.
            let again = try await browser.follow(try await browser.post("/account/tokens", [("revoke", String(tokenID))]))
            #expect(again.text.contains("The token “Timetable sync” was already revoked."))
            #expect(try await database.value("SELECT count(*)::int FROM api_tokens WHERE revoked_at IS NOT NULL", as: Int.self) == 1)
        }
    }

    @Test("bad names answer 422 beside the field with what was typed, and make nothing; someone else's token, or no id, is a 404 that revokes nothing; no CSRF token, 403")
    func refusals() async throws {
        try await TestApp.test { client, database in
            let mine = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            let other = try await TestUsers.create("other@example.org", role: .coach, in: database)
            let othersToken = try #require(try await database.withClient { try await APITokenStore(database: $0).create(userID: other, name: "Theirs") })
            var browser = Browser(client)
            try await browser.signIn("coach@example.org")
            _ = try await browser.get("/account")
            let cases: [(String, String)] = [
                ("", "Enter a name, such as the program that will use the token."),
                ("     ", "Enter a name, such as the program that will use the token."),
                (String(repeating: "я", count: 101), "At most 100 characters."),
                ("Two\nlines", "A name cannot contain control characters such as line breaks."),
                ("Tab\there", "A name cannot contain control characters such as line breaks."),
                ("<script>alert(1)</script>\r\n", "A name cannot contain control characters such as line breaks."),
            ]
            for (name, message) in cases {
                let response = try await browser.post("/account/tokens", [("name", name)])
                #expect(response.status == .unprocessableContent, "\(name.debugDescription)")
                #expect(response.text.contains(#"<p class="field__error" id="token-name-error">\#(message)</p>"#), "\(name.debugDescription)")
                #expect(response.text.contains(#"aria-invalid="true""#))
                if name.hasPrefix("<script>") { #expect(response.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !response.text.contains("<script>alert")) }
                if name.count == 101 { #expect(response.text.contains(#"value="\#(name)""#), "what was typed stays in the field") }
            }
            // Other control characters (NUL, BEL) are refused by the form layer itself, as on every form: 400.
            for name in ["Nul\u{0}byte", "Bell\u{7}"] {
                #expect(try await browser.post("/account/tokens", [("name", name)]).status == .badRequest)
            }
            #expect(try await database.value("SELECT count(*)::int FROM api_tokens WHERE user_id = $1", [mine], as: Int.self) == 0)
            // A name of exactly 100 characters, hostile markup included, is kept as typed and escaped on the page.
            let hundred = "<b>&" + String(repeating: "ж", count: 96)
            let kept = try await browser.post("/account/tokens", [("name", hundred)])
            #expect(kept.status == .ok && kept.text.contains("&lt;b&gt;&amp;ж"))
            #expect(try await database.value("SELECT name FROM api_tokens WHERE user_id = $1", [mine], as: String.self) == hundred)

            for id in [String(othersToken.token.id), "", "abc", "-1", "99999999999999999999"] {
                #expect(try await browser.post("/account/tokens", [("revoke", id)]).status == .notFound, "\(id)")
            }
            #expect(try await database.value("SELECT count(*)::int FROM api_tokens WHERE revoked_at IS NOT NULL", as: Int.self) == 0)
            #expect(try await Self.me(client, othersToken.secret).status == .ok)
            #expect(try await browser.post("/account/tokens", [("name", "No CSRF")], csrf: .some(nil)).status == .forbidden)
            #expect(try await database.value("SELECT count(*)::int FROM api_tokens", as: Int.self) == 2)
        }
    }

    @Test("an administrator makes and revokes a student's token on the user's page; a coach cannot open it; an unknown user is a 404")
    func administratorForAnyone() async throws {
        try await TestApp.test { client, database in
            let student = try await TestUsers.create("student@example.org", role: .student, in: database)
            var admin = try await Browser.signedInAdmin(client, database)
            let userPage = try await admin.get("/admin/users/\(student)/")
            #expect(userPage.text.contains(#"href="/admin/users/\#(student)/tokens""#))
            let page = try await admin.get("/admin/users/\(student)/tokens")
            #expect(page.status == .ok && page.text.contains("API tokens of student@example.org") && page.text.contains("No tokens yet."))

            let made = try await admin.post("/admin/users/\(student)/tokens", [("name", "Made for Sasha")])
            #expect(made.status == .ok)
            let secret = try #require(Self.secret(in: made.text))
            #expect(try await Self.me(client, secret).text.contains("student@example.org"))
            #expect(try await database.value("SELECT user_id::int FROM api_tokens WHERE name = 'Made for Sasha'", as: Int.self) == student)
            #expect(try await admin.post("/admin/users/\(student)/tokens", [("name", "")]).status == .unprocessableContent)

            // The student sees it on their own account page and could revoke it there.
            var owner = Browser(client)
            try await owner.signIn("student@example.org")
            #expect(try await owner.get("/account").text.contains("Made for Sasha"))

            let tokenID: Int = try await database.value("SELECT id::int FROM api_tokens WHERE user_id = $1", [student])
            let revoked = try await admin.follow(try await admin.post("/admin/users/\(student)/tokens", [("revoke", String(tokenID))]))
            #expect(revoked.text.contains("The token “Made for Sasha” was revoked"))
            #expect(try await Self.me(client, secret).status == .unauthorized)
            // A token id of another user, posted to this user's page, is a 404.
            let adminID: Int = try await database.value("SELECT id::int FROM users WHERE role = 'admin' LIMIT 1")
            let adminsOwn = try #require(try await database.withClient { try await APITokenStore(database: $0).create(userID: adminID, name: "Own") })
            #expect(try await admin.post("/admin/users/\(student)/tokens", [("revoke", String(adminsOwn.token.id))]).status == .notFound)
            #expect(try await admin.get("/admin/users/999999/tokens").status == .notFound)

            _ = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            var coach = Browser(client)
            try await coach.signIn("coach@example.org")
            #expect(try await coach.get("/admin/users/\(student)/tokens").status == .forbidden)
            #expect(try await coach.post("/admin/users/\(student)/tokens", [("name", "Sneaky")]).status == .forbidden)
            #expect(try await database.value("SELECT count(*)::int FROM api_tokens WHERE name = 'Sneaky'", as: Int.self) == 0)
        }
    }
}
