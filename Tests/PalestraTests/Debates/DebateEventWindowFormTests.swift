import Foundation
import HummingbirdTesting
@testable import Palestra
import TestSupport
import Testing

/// The admin engine's date-time field as an organiser meets it on a debate event's form: its message
/// asks for "YYYY-MM-DD HH:MM", so a space is accepted as well as the `T` a `datetime-local` input
/// sends (with or without seconds), and both are written and compared as one.
@Suite("Debate events: opens at / closes at typed with a space or a T")
struct DebateEventWindowFormTests {
    static var addURL: String { AdminURL.addForm(DebateEventsAdmin.resource.slug) }

    static func event(_ slug: String, opens: String, closes: String, title: String = "Debates") -> [(String, String)] {
        [("title", title), ("slug", slug), ("description", ""), ("opens_at", opens), ("closes_at", closes), ("offer_hours", "24")]
    }

    /// The event's window on the organisation's wall clock (Europe/Moscow in tests).
    static func window(_ database: TestDatabase, slug: String) async throws -> String {
        try await database.value("""
            SELECT to_char(opens_at AT TIME ZONE 'Europe/Moscow', 'YYYY-MM-DD HH24:MI:SS') || ' / ' || to_char(closes_at AT TIME ZONE 'Europe/Moscow', 'YYYY-MM-DD HH24:MI:SS')
            FROM debate_events WHERE slug = $1
            """, [slug])
    }

    @Test("saved as typed: a space, a T, a datetime-local value with seconds; the change form shows them as its input writes them",
          arguments: [
              ("2026-12-05 18:30", "2026-12-06 09:00", "2026-12-05 18:30:00 / 2026-12-06 09:00:00"),
              ("2026-12-05T18:30", "2026-12-06T09:00", "2026-12-05 18:30:00 / 2026-12-06 09:00:00"),
              ("2026-12-05T18:30:00", "2026-12-06T09:00:45", "2026-12-05 18:30:00 / 2026-12-06 09:00:45"),
              ("2026-12-05 18:30:15.250", "2026-12-06T09:00", "2026-12-05 18:30:15 / 2026-12-06 09:00:00"),
          ])
    func saved(opens: String, closes: String, stored: String) async throws {
        try await TestApp.test { client, database in
            var admin = try await Browser.signedInAdmin(client, database)
            _ = try await admin.get(Self.addURL)
            let saved = try await admin.post(Self.addURL, Self.event("winter", opens: opens, closes: closes))
            #expect(saved.status == .seeOther)
            #expect(try await Self.window(database, slug: "winter") == stored)
            let id = try await database.value("SELECT id FROM debate_events WHERE slug = 'winter'", as: Int.self)
            let form = try await admin.get(AdminURL.changeForm(DebateEventsAdmin.resource.slug, String(id)))
            #expect(form.text.contains("<input type=\"datetime-local\" id=\"field-opens_at\" name=\"opens_at\" value=\"2026-12-05T18:30\""))
        }
    }

    @Test("a space and a T are compared as one moment: closing a second before opening is refused beside closes at")
    func windowCompared() async throws {
        try await TestApp.test { client, database in
            var admin = try await Browser.signedInAdmin(client, database)
            _ = try await admin.get(Self.addURL)
            let refused = try await admin.post(Self.addURL, Self.event("winter", opens: "2026-12-06 09:00", closes: "2026-12-06T08:59:59"))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Registration must close after it opens."))
            // What was typed comes back in the date-time inputs, written as they write it.
            #expect(refused.text.contains("<input type=\"datetime-local\" id=\"field-opens_at\" name=\"opens_at\" value=\"2026-12-06T09:00\""))
            #expect(refused.text.contains("<input type=\"datetime-local\" id=\"field-closes_at\" name=\"closes_at\" value=\"2026-12-06T08:59:59\""))
            // One minute later in the other spelling, it saves.
            let saved = try await admin.post(Self.addURL, Self.event("winter", opens: "2026-12-06T09:00", closes: "2026-12-06 09:01"))
            #expect(saved.status == .seeOther)
            #expect(try await Self.window(database, slug: "winter") == "2026-12-06 09:00:00 / 2026-12-06 09:01:00")
        }
    }

    @Test("what is not a date and time is refused with the format beside the field, kept as typed, nothing saved", arguments: [
        "05.12.2026 18:30", "2026-12-05", "2026-12-05  18:30", "2026-12-05T25:00", "2026-02-30 10:00", "2026-12-05 18:30<script>",
    ])
    func refused(typed: String) async throws {
        try await TestApp.test { client, database in
            var admin = try await Browser.signedInAdmin(client, database)
            _ = try await admin.get(Self.addURL)
            let refused = try await admin.post(Self.addURL, Self.event("winter", opens: typed, closes: "2026-12-31 10:00"))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Enter a date and time as YYYY-MM-DD HH:MM."))
            let escaped = typed.replacing("<", with: "&lt;").replacing(">", with: "&gt;")
            #expect(refused.text.contains("<input type=\"text\" id=\"field-opens_at\" name=\"opens_at\" value=\"\(escaped)\""))
            #expect(!refused.text.contains("<script>"))
            #expect(try await database.value("SELECT count(*)::int FROM debate_events", as: Int.self) == 0)
        }
    }
}
