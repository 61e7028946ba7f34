import Foundation
@testable import Palestra
import Postgres
import TestSupport

/// A teacher (`teacher@example.org`, a coach) with a lesson of two students (Anna, Boris) in a room, and
/// someone of every other kind: an administrator, a manager, another coach, a student not enrolled.
struct LessonFixture {
    static let zone = TimeZone(identifier: "Europe/Moscow")!

    let database: TestDatabase
    let admin: Int
    let manager: Int
    let teacher: Int
    let otherCoach: Int
    let students: [Int]
    let outsider: Int
    let room: Int
    let lesson: Int

    static func make(in database: TestDatabase, startsIn minutes: Int = 10, russianStudent: Bool = false) async throws -> LessonFixture {
        let admin = try await TestUsers.create("admin@example.org", role: .admin, name: "Ada Admin", in: database)
        let manager = try await TestUsers.create("manager@example.org", role: .manager, name: "Max Manager", in: database)
        let teacher = try await TestUsers.create("teacher@example.org", role: .coach, name: "Tess Teacher", in: database)
        let otherCoach = try await TestUsers.create("coach2@example.org", role: .coach, name: "Otto Coach", in: database)
        let anna = try await TestUsers.create("anna@example.org", role: .student, name: "Anna Student", in: database)
        let boris = try await TestUsers.create("boris@example.org", role: .student, name: "Boris Student", in: database)
        let outsider = try await TestUsers.create("olga@example.org", role: .student, name: "Olga Outsider", in: database)
        if russianStudent { try await database.run("UPDATE users SET language = 'ru' WHERE id = $1", [boris]) }
        let room: Int = try await database.value("INSERT INTO rooms (name, capacity) VALUES ('Room 101', 20) RETURNING id::int")
        let fixture = LessonFixture(
            database: database, admin: admin, manager: manager, teacher: teacher, otherCoach: otherCoach, students: [anna, boris],
            outsider: outsider, room: room, lesson: 0
        )
        let lesson = try await fixture.plan("Algebra", startsIn: minutes, room: room, students: [anna, boris])
        return LessonFixture(
            database: database, admin: admin, manager: manager, teacher: teacher, otherCoach: otherCoach, students: [anna, boris],
            outsider: outsider, room: room, lesson: lesson
        )
    }

    /// Plans a lesson through ``LessonLifecycle`` (its event and notifications too), an hour long; its id.
    func plan(_ title: String, startsIn minutes: Int = 0, at moment: Date? = nil, length: Int = 60, room: Int? = nil, students: [Int] = [], teacher: Int? = nil) async throws -> Int {
        let start = moment ?? Date().addingTimeInterval(TimeInterval(minutes * 60))
        var draft = LessonDraft()
        draft.title = title
        draft.teacherID = String(teacher ?? self.teacher)
        draft.roomID = room.map(String.init) ?? ""
        draft.startsAt = Self.rfc3339(start)
        draft.endsAt = Self.rfc3339(start.addingTimeInterval(TimeInterval(length * 60)))
        draft.studentIDs = students.map(String.init)
        let admin = User(id: admin, email: "admin@example.org", displayName: "Ada Admin", role: .admin, language: nil)
        let outcome = try await database.withClient { client in
            try await Self.lifecycle(client).create(draft, by: admin)
        }
        guard case .saved(let id) = outcome else { throw LessonFixtureError.notPlanned("\(outcome)") }
        return id
    }

    static func lifecycle(_ client: PostgresClient) throws -> LessonLifecycle {
        let localizations = try Localizations(directory: Repository.templates + "/locales")
        return LessonLifecycle(database: client, notices: LessonNotices(localizations: localizations, defaultLanguage: .en, timeZone: zone))
    }

    static func rfc3339(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon).timeZone(separator: .colon))
    }

    /// `2026-12-07T10:00` on the organisation's clock, as a `datetime-local` input sends it.
    static func local(_ date: Date) -> String { LessonDraft.local(date, zone) }

    /// "status vN".
    func state(_ id: Int? = nil) async throws -> String {
        try await database.value("SELECT status || ' v' || version FROM lessons WHERE id = $1", [id ?? lesson])
    }

    /// The lesson's notifications: "kind recipient", in order of writing.
    func notifications(_ id: Int? = nil) async throws -> [String] {
        try await database.withClient { client in
            try await client.query(
                """
                SELECT n.kind || ' ' || n.recipient_id AS line FROM notifications n
                JOIN lesson_events e ON n.key = 'lesson-event.' || e.id || '.student.' || n.recipient_id
                WHERE e.lesson_id = $1
                ORDER BY n.id
                """,
                [id ?? lesson]
            ).map { try $0.decode("line") }
        }
    }

    func count(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws -> Int {
        try await database.value(sql, parameters)
    }
}

enum LessonFixtureError: Error {
    case notPlanned(String)
}
