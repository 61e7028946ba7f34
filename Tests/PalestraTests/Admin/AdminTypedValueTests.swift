import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// A form re-shown with what was typed (issue 14): a value its input cannot hold (a date that does not
/// exist, 25:00) would be invalid HTML in a date or time input and the browser would empty it; it comes
/// back as typed, in a text input, with its message beside it.
@Suite("Admin engine: typed values a date or time input cannot hold")
struct AdminTypedValueTests {
    @Test("a date that does not exist and an impossible time come back as typed in text inputs; good values keep their inputs")
    func impossibleDateAndTime() async throws {
        try await TestApp.test { client, database in
            let users = try await TestUsers.everyRole(in: database)
            let group = try await TestTraining.group("Juniors", coach: users[.coach]!, in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            let add = AdminURL.addForm("training-sessions")
            _ = try await browser.get(add)
            let page = try await browser.post(add, TrainingSessionsAdminTests.fields(group: group, date: "2026-02-30", start: "25:00"))
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("<input type=\"text\" id=\"field-session_date\" name=\"session_date\" value=\"2026-02-30\" required aria-invalid=\"true\""))
            #expect(page.text.contains("Enter a real date (YYYY-MM-DD)."))
            #expect(page.text.contains("<input type=\"text\" id=\"field-starts_at\" name=\"starts_at\" value=\"25:00\" required aria-invalid=\"true\""))
            #expect(page.text.contains("Enter a time as HH:MM."))
            #expect(page.text.contains("<input type=\"time\" id=\"field-ends_at\" name=\"ends_at\" value=\"19:30\" required"))
            #expect(!page.text.contains("type=\"date\" id=\"field-session_date\""))
            #expect(try await database.value("SELECT count(*)::int FROM training_sessions", as: Int.self) == 0)

            // Corrected in the text input, the date saves.
            let saved = try await browser.post(add, TrainingSessionsAdminTests.fields(group: group, date: "2026-02-28"))
            #expect(saved.status == .seeOther)
            #expect(try await database.value("SELECT session_date::text FROM training_sessions", as: String.self) == "2026-02-28")
            let id: Int = try await database.value("SELECT id::int FROM training_sessions")
            let form = try await browser.get(AdminURL.changeForm("training-sessions", String(id)))
            #expect(form.text.contains("<input type=\"date\" id=\"field-session_date\" name=\"session_date\" value=\"2026-02-28\" required"))
        }
    }

    @Test("which values each input may hold", arguments: [
        ("2026-02-28", AdminField.Kind.date, true), ("2026-02-30", .date, false), ("2026-2-3", .date, false),
        ("18:00", .time, true), ("24:00", .time, false), ("2026-03-01T18:00", .dateTime, true), ("2026-03-01T25:00", .dateTime, false),
        ("2026-03-01 18:00", .dateTime, true), ("2026-03-01T18:00:30", .dateTime, true), ("2026-03-01 18:00:30.5", .dateTime, true),
        ("2026-03-01  18:00", .dateTime, false), ("2026-03-01", .dateTime, false), ("2026-03-01T", .dateTime, false),
        ("-12", .integer(-100...100), true), ("+5", .integer(-100...100), false), ("abc", .integer(-100...100), false),
    ])
    func holds(value: String, kind: AdminField.Kind, holds: Bool) {
        #expect(AdminFormFieldView.inputHolds(value, kind: kind) == holds)
    }
}
