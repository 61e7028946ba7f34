import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import Testing

@Suite("Account page: language and password")
struct AccountPageTests {
    @Test("each user chooses their interface language; it beats the browser's")
    func language() async throws {
        try await TestApp.test { client, database in
            let id = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            var browser = Browser(client)
            browser.extraHeaders[.acceptLanguage] = "en"
            try await browser.signIn("coach@example.org")
            _ = try await browser.get("/account")
            let saved = try await browser.follow(try await browser.post("/account", [("language", "ru")]))
            #expect(saved.text.contains(#"<html lang="ru">"#))
            #expect(saved.text.contains("Язык интерфейса сохранён"))
            #expect(saved.headers[.contentLanguage] == "ru")
            #expect(try await database.value("SELECT language FROM users WHERE id = $1", [id], as: String.self) == "ru")
            #expect(try await browser.post("/account", [("language", "klingon")]).status == .badRequest)
            #expect(try await database.value("SELECT language FROM users WHERE id = $1", [id], as: String.self) == "ru")
            // Back to the browser's language (English): the message and the next pages are English again.
            let back = try await browser.post("/account", [("language", "")])
            #expect(try await database.value("SELECT language IS NULL FROM users WHERE id = $1", [id], as: Bool.self))
            let shown = try await browser.follow(back)
            #expect(shown.text.contains(#"<html lang="en">"#))
            #expect(shown.text.contains("Your interface language was saved."))
            #expect(!shown.text.contains("Язык интерфейса сохранён"))
            #expect(shown.headers[.contentLanguage] == "en")
            let next = try await browser.get("/coach")
            #expect(next.text.contains(#"<html lang="en">"#) && next.text.contains("My sessions") && !next.text.contains("Мои занятия"))
            #expect(!(try await browser.get("/account")).text.contains("Язык интерфейса сохранён"), "the flash is shown once")
        }
    }

    @Test("changing the password needs the current one, refuses weak ones, and ends the other sessions only")
    func changePassword() async throws {
        try await TestApp.test { client, database in
            let id = try await TestUsers.create("coach@example.org", role: .coach, name: "Ivan Petrov", in: database)
            var phone = Browser(client)
            try await phone.signIn("coach@example.org")
            var desk = Browser(client)
            try await desk.signIn("coach@example.org")
            _ = try await desk.get("/account")
            let hashBefore: String = try await database.value("SELECT password_hash FROM users WHERE id = $1", [id])

            let cases: [(String, String, String, String)] = [
                ("", "fresh-meadow-lantern", "fresh-meadow-lantern", "Enter your current password."),
                ("wrong-password", "fresh-meadow-lantern", "fresh-meadow-lantern", "This is not your current password."),
                (TestUsers.password, "", "", "This field is required."),
                (TestUsers.password, "short", "short", "Use at least 8 characters."),
                (TestUsers.password, String(repeating: "ж", count: 257), String(repeating: "ж", count: 257), "Use at most 256 characters."),
                (TestUsers.password, "password123", "password123", "This password is too common"),
                (TestUsers.password, "Petrov2024!", "Petrov2024!", "too close to your email address or name"),
                (TestUsers.password, "fresh-meadow-lantern", "fresh-meadow-lanterm", "The two passwords do not match."),
            ]
            for (current, new, again, message) in cases {
                let response = try await desk.post("/account/password", [
                    ("current_password", current), ("new_password", new), ("new_password_confirmation", again),
                ])
                #expect(response.status == .unprocessableContent, "\(message)")
                #expect(response.text.contains(message), "\(message)")
            }
            #expect(try await database.value("SELECT password_hash FROM users WHERE id = $1", [id], as: String.self) == hashBefore)
            #expect(try await phone.get("/account").status == .ok)

            let done = try await desk.post("/account/password", [
                ("current_password", TestUsers.password), ("new_password", "fresh-meadow-lantern"), ("new_password_confirmation", "fresh-meadow-lantern"),
            ])
            #expect(done.status == .seeOther)
            #expect(try await desk.follow(done).text.contains("Your password was changed."))
            #expect(try await phone.get("/account").status == .seeOther)
            var again = Browser(client)
            #expect(try await again.signIn("coach@example.org").status == .unprocessableContent)
            #expect(try await again.signIn("coach@example.org", "fresh-meadow-lantern").status == .seeOther)
            let stored: String = try await database.value("SELECT password_hash FROM users WHERE id = $1", [id])
            #expect(PasswordHasher.parameters(of: stored) == .minimum)
            let audit: String = try await database.value("SELECT string_agg(action || changes::text, ' ') FROM audit_records WHERE object_id = $1", [String(id)])
            #expect(audit.contains("password_change"))
            #expect(!audit.contains("fresh-meadow") && !audit.contains("argon2"))
        }
    }

    @Test("a guessable new password is refused beside the field, saying why, in the user's language, and nothing changes")
    func guessablePassword() async throws {
        try await TestApp.test { client, database in
            let id = try await TestUsers.create("coach@example.org", role: .coach, name: "Ivan Petrov", in: database)
            var browser = Browser(client)
            try await browser.signIn("coach@example.org")
            _ = try await browser.get("/account")
            let hashBefore: String = try await database.value("SELECT password_hash FROM users WHERE id = $1", [id])
            let cases: [(password: String, message: String)] = [
                ("aaaaaaaaaaaa", "This password repeats one character or a short pattern, like aaaa or abcabc: it is guessed at once. Choose another."),
                ("abcabcabcabc", "This password repeats one character or a short pattern"),
                ("ytrewq!!asdf", "This password is mostly keys side by side or letters and digits in order, like qwerty or 12345: it is guessed at once. Choose another."),
                ("йцукенгшщзхъ", "This password is mostly keys side by side"),
                ("ivanpetrov-rocks-2024", "This password is too close to your email address or name. Choose another."),
            ]
            for (password, message) in cases {
                let response = try await browser.post("/account/password", [
                    ("current_password", TestUsers.password), ("new_password", password), ("new_password_confirmation", password),
                ])
                #expect(response.status == .unprocessableContent, "\(password)")
                #expect(response.text.contains(#"<p class="field__error" id="new-password-error">\#(message)"#), "\(password)")
                #expect(response.text.contains(#"aria-describedby="new-password-help new-password-error" aria-invalid="true""#), "\(password)")
            }
            browser.extraHeaders[.acceptLanguage] = "ru"
            let russian = try await browser.post("/account/password", [
                ("current_password", TestUsers.password), ("new_password", "фывапролджэ"), ("new_password_confirmation", "фывапролджэ"),
            ])
            #expect(russian.status == .unprocessableContent)
            #expect(russian.text.contains(#"id="new-password-error">Пароль почти целиком из соседних клавиш"#))
            #expect(try await database.value("SELECT password_hash FROM users WHERE id = $1", [id], as: String.self) == hashBefore)
            let audit: Int = try await database.value("SELECT count(*)::int FROM audit_records WHERE object_id = $1 AND action = 'password_change'", [String(id)])
            #expect(audit == 0)
            var again = Browser(client)
            #expect(try await again.signIn("coach@example.org", "aaaaaaaaaaaa").status == .unprocessableContent)
            #expect(try await again.signIn("coach@example.org").status == .seeOther)
        }
    }
}
