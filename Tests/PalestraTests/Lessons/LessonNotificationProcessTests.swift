import Foundation
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// Lesson notifications delivered by real `palestra worker` processes, one killed with SIGKILL in the
/// middle of its deliveries: afterwards one record and one maildir file per (lesson event, student), nothing lost.
@Suite("Lessons: notifications across a killed worker")
struct LessonNotificationProcessTests {
    @Test("SIGKILL during deliveries: every notification delivered once, one file per key, Message-ID from the key")
    func killedWorker() async throws {
        try await TestDatabase.with { database in
            let fixture = try await LessonFixture.make(in: database)
            var students = fixture.students
            for index in 0..<10 {
                students.append(try await TestUsers.create("s\(index)@example.org", role: .student, name: "Student \(index)", in: database))
            }
            let teacher = User(id: fixture.otherCoach, email: "coach2@example.org", displayName: "Otto Coach", role: .coach, language: nil)
            var lessons: [Int] = []
            for index in 0..<3 {
                lessons.append(try await fixture.plan("Lesson \(index)", startsIn: 5 + index * 90, students: students, teacher: fixture.otherCoach))
            }
            try await database.withClient { client in
                let lifecycle = try LessonFixture.lifecycle(client)
                #expect(try await lifecycle.apply(.start, to: lessons[0], version: 1, reason: nil, by: teacher) == .done(nil))
                #expect(try await lifecycle.apply(.cancel, to: lessons[1], version: 1, reason: "Snow", by: teacher) == .done(nil))
            }
            let total = try await fixture.count("SELECT count(*)::int FROM notifications WHERE key LIKE 'lesson-event.%'")
            #expect(total == 2 + 3 * 12 + 2 * 12)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("palestra-maildir-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let environment = [
                "PALESTRA_MAIL_TRANSPORT": "maildir", "PALESTRA_MAILDIR": folder, "PALESTRA_NOTIFICATION_DELAY_MS": "100",
            ]
            let delivered = "SELECT count(*)::int FROM notifications WHERE key LIKE 'lesson-event.%' AND delivered_at IS NOT NULL"
            let first = try JobProcessTests.worker(database, slots: 4, extra: environment)
            defer { first.stopIfRunning() }
            try await eventually("the first worker has delivered some", timeout: .seconds(60)) {
                try await fixture.count(delivered) >= 8
            }
            first.stopIfRunning() // SIGKILL, in the middle of its deliveries
            #expect(try await fixture.count(delivered) < total)
            let second = try JobProcessTests.worker(database, slots: 4, extra: environment)
            defer { second.stopIfRunning() }
            try await eventually("every notification is delivered", timeout: .seconds(120)) {
                try await fixture.count(delivered) == total
            }
            second.stopIfRunning()
            // Only the lessons' files: the worker also runs periodic jobs (a catch-up monthly commission report may land here).
            let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("lesson-event.") }.sorted()
            let keys: [String] = try await database.withClient { client in
                try await client.query("SELECT key FROM notifications WHERE key LIKE 'lesson-event.%' ORDER BY key").map { try $0.decode("key") }
            }
            #expect(files == keys.map { $0 + ".eml" }.sorted())
            #expect(Set(keys).count == total)
            let mail = try String(contentsOfFile: folder + "/" + keys[0] + ".eml", encoding: .utf8)
            #expect(mail.contains("Message-ID: <\(keys[0])@"))
            // A second notify under a key already written writes nothing.
            let again: Int? = try await database.withClient { client in
                try await client.transaction { connection in
                    try await Notifier.notify(recipient: students[0], kind: "lesson.created", subject: "x", body: "", key: keys[0], on: connection)
                }
            }
            #expect(again == nil)
            #expect(try await fixture.count("SELECT count(*)::int FROM notifications WHERE key LIKE 'lesson-event.%'") == total)
        }
    }
}
