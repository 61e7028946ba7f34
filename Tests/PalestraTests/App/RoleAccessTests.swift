import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import Testing

@Suite("Roles × routes")
struct RoleAccessTests {
    /// What each role gets from each page: admins everything, the others their dashboard and account only.
    @Test("each role reaches what it may and gets 403 or 404 elsewhere, guessed ids included", arguments: Role.allCases)
    func matrix(role: Role) async throws {
        try await TestApp.test { client, database in
            let ids = try await TestUsers.everyRole(in: database)
            var browser = Browser(client)
            try await browser.signIn("\(role.rawValue)@example.org")
            let other = ids[role == .admin ? .student : .admin] ?? 0
            let own = ids[role] ?? 0
            let isAdmin = role == .admin
            let expectations: [(String, HTTPResponse.Status)] = [
                // Coaches land on their sessions instead of the dashboard.
                ("/", role == .coach ? .seeOther : .ok),
                ("/account", .ok),
                ("/notifications", .ok),
                // Coaches see the training resources (their groups, athletes and sessions); managers their teams'
                // commission entries; a student in no team has no admin resource.
                ("/admin", isAdmin || role == .coach || role == .manager ? .ok : .forbidden),
                ("/admin/training-sessions/", isAdmin || role == .coach ? .ok : .forbidden),
                ("/admin/training-sessions/add", isAdmin ? .ok : .forbidden),
                ("/admin/users/", isAdmin ? .ok : .forbidden),
                ("/admin/users/add", isAdmin ? .ok : .forbidden),
                ("/admin/users/\(other)/", isAdmin ? .ok : .forbidden),
                ("/admin/users/\(own)/", isAdmin ? .ok : .forbidden),
                ("/admin/users/\(other)/history", isAdmin ? .ok : .forbidden),
                ("/admin/users/\(other)/delete", isAdmin ? .ok : .forbidden),
                ("/admin/users/\(other)/password", isAdmin ? .ok : .forbidden),
                ("/admin/audit/", isAdmin ? .ok : .forbidden),
                ("/admin/users/987654/", isAdmin ? .notFound : .forbidden),
                ("/admin/users/not-a-number/", isAdmin ? .notFound : .forbidden),
                ("/admin/nothing-here/", .notFound),
            ]
            for (path, status) in expectations {
                let response = try await browser.get(path)
                #expect(response.status == status, "\(role) GET \(path)")
                #expect(response.headers[.cacheControl] == "no-store", "\(role) GET \(path)")
            }
            _ = try await browser.get("/account")
            let posts: [(String, [(String, String)])] = [
                ("/admin/users/add", AdminFormTests.addForm(email: "made.by.\(role.rawValue)@example.org")),
                ("/admin/users/\(other)/", [("version", "1"), ("email", "x@example.org"), ("display_name", "X"), ("role", "admin"), ("is_active", "true")]),
                ("/admin/users/\(other)/delete", []),
                ("/admin/users/actions", [("action", "delete"), ("selected", String(other)), ("confirm", "yes")]),
                ("/admin/users/\(other)/password", [("password", "quiet-river-stone"), ("password_confirmation", "quiet-river-stone")]),
            ]
            for (path, fields) in posts where !isAdmin {
                let response = try await browser.post(path, fields)
                #expect(response.status == .forbidden, "\(role) POST \(path)")
            }
            if !isAdmin {
                #expect(try await database.value("SELECT count(*)::int FROM users", as: Int.self) == 4)
                #expect(try await database.value("SELECT count(*)::int FROM users WHERE version > 1", as: Int.self) == 0)
                #expect(try await database.value("SELECT count(*)::int FROM audit_records WHERE action NOT IN ('add', 'login')", as: Int.self) == 0)
            }
            let nav = try await browser.get("/account").text
            #expect(nav.contains(#"href="/admin/users/""#) == isAdmin)
        }
    }

    @Test("signed-out visitors are sent to the login page from every signed-in page, and POSTs are refused")
    func signedOut() async throws {
        try await TestApp.test { client, _ in
            for path in ["/", "/account", "/notifications", "/admin", "/admin/users/", "/admin/users/1/", "/admin/audit/?action=login"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.headers[.location]?.hasPrefix("/login?next=") == true, "\(path)")
            }
            let post = try await client.execute(uri: "/admin/users/add", method: .post, body: .init(string: "email=x"))
            #expect(post.status == .forbidden)
        }
    }
}
