import Foundation
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// `lessons.roster`, the students of each lesson as the API writes them, kept by PostgreSQL's triggers
/// (migration 0018) for the API's list: always what the students read by key would give, whoever changes them.
@Suite("Lessons: the roster PostgreSQL keeps")
struct LessonRosterTests {
    /// The students of `lesson` read by key and written by ``JSONWriter``.
    static func expected(_ lesson: Int, in database: TestDatabase) async throws -> String {
        let students = try await database.withClient { client in
            try await LessonStore.students(of: [lesson], on: client)[lesson] ?? []
        }
        var json = JSONWriter(capacity: 64)
        json.array(students.map { LessonJSON.Person(id: $0.id, name: $0.name) })
        return String(buffer: json.buffer)
    }

    static func roster(_ lesson: Int, in database: TestDatabase) async throws -> String {
        try await database.value("SELECT roster FROM lessons WHERE id = $1", [lesson])
    }

    @Test("enrolments added, removed and replaced, a student renamed (quotes, backslashes, control characters, any script), a table emptied: the roster is the students read by key, byte for byte")
    func keptExact() async throws {
        try await TestDatabase.with { database in
            let fixture = try await LessonFixture.make(in: database)
            let lesson = fixture.lesson
            func check(_ step: String) async throws {
                let roster = try await Self.roster(lesson, in: database)
                let expected = try await Self.expected(lesson, in: database)
                #expect(roster == expected, "\(step)")
            }
            try await check("planned")
            #expect(try await Self.roster(lesson, in: database) == #"[{"id":\#(fixture.students[0]),"name":"Anna Student"},{"id":\#(fixture.students[1]),"name":"Boris Student"}]"#)

            try await database.run("INSERT INTO lesson_students (lesson_id, student_id) VALUES ($1, $2)", [lesson, fixture.outsider])
            try await check("a student added")
            let hostile = "Zoë \"Q\" back\\slash \u{08}\u{0C}\u{01}\t\n\r\u{1F} / Жанна 🎻 \u{2028}"
            try await database.run("UPDATE users SET display_name = $2 WHERE id = $1", [fixture.outsider, hostile])
            try await check("a student renamed")
            #expect(try await Self.roster(lesson, in: database).contains(#""Zoë \"Q\" back\\slash \b\f\u0001\t\n\r\u001f / Жанна 🎻 \#u{2028}""#))
            try await database.run("UPDATE users SET display_name = 'Aaron First' WHERE id = $1", [fixture.students[1]])
            try await check("a student renamed to the front")
            #expect(try await Self.roster(lesson, in: database).hasPrefix(#"[{"id":\#(fixture.students[1]),"name":"Aaron First"}"#))

            // A user changed without a new name leaves the lesson's row as it was.
            let before: String = try await database.value("SELECT xmin::text FROM lessons WHERE id = $1", [lesson])
            try await database.run("UPDATE users SET language = 'ru', last_login_at = now() WHERE id = ANY($1)", [fixture.students])
            #expect(try await database.value("SELECT xmin::text FROM lessons WHERE id = $1", [lesson]) == before)

            try await database.run("UPDATE lesson_students SET student_id = $2 WHERE lesson_id = $1 AND student_id = $3", [lesson, fixture.teacher, fixture.students[0]])
            try await check("an enrolment moved to another person")
            try await database.run("DELETE FROM lesson_students WHERE lesson_id = $1 AND student_id <> $2", [lesson, fixture.outsider])
            try await check("students removed")
            #expect(try await Self.roster(lesson, in: database) == #"[{"id":\#(fixture.outsider),"name":"\#(try await Self.jsonName(fixture.outsider, in: database))"}]"#)
            try await database.run("DELETE FROM lesson_students WHERE lesson_id = $1", [lesson])
            #expect(try await Self.roster(lesson, in: database) == "[]")

            let second = try await fixture.plan("Geometry", startsIn: 300, students: fixture.students)
            try await check("the first lesson untouched by the second's students")
            #expect(try await Self.roster(second, in: database) == (try await Self.expected(second, in: database)))
            #expect(try await Self.roster(second, in: database).contains("Aaron First"))
            try await database.run("TRUNCATE lesson_students")
            #expect(try await Self.roster(second, in: database) == "[]")
        }
    }

    static func jsonName(_ user: Int, in database: TestDatabase) async throws -> String {
        let name: String = try await database.value("SELECT display_name FROM users WHERE id = $1", [user])
        var json = JSONWriter(capacity: 64)
        json.string(name)
        return String(String(buffer: json.buffer).dropFirst().dropLast())
    }

    @Test("two transactions enrol students in one lesson at once, the second waiting for the first: the roster holds both")
    func concurrentEnrolments() async throws {
        try await TestDatabase.with { database in
            let fixture = try await LessonFixture.make(in: database)
            let carol = try await TestUsers.create("carol@example.org", role: .student, name: "Carol Student", in: database)
            try await database.withClient(maxConnections: 4) { client in
                let second = try await client.transaction { first in
                    try await first.execute("INSERT INTO lesson_students (lesson_id, student_id) VALUES ($1, $2)", [fixture.lesson, fixture.outsider])
                    // The second starts while the first holds the lesson, and waits for it.
                    let second = Task {
                        try await client.transaction { connection in
                            try await connection.execute("INSERT INTO lesson_students (lesson_id, student_id) VALUES ($1, $2)", [fixture.lesson, carol])
                        }
                    }
                    try await eventually("the second transaction waits for the first's lock on the lesson") {
                        try await database.value(
                            """
                            SELECT count(*)::int FROM pg_stat_activity
                            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO lesson_students%'
                            """
                        ) == 1
                    }
                    return second
                }
                _ = try await second.value
            }
            let roster = try await Self.roster(fixture.lesson, in: database)
            #expect(roster == (try await Self.expected(fixture.lesson, in: database)))
            for name in ["Anna Student", "Boris Student", "Carol Student", "Olga Outsider"] { #expect(roster.contains(name), "\(name)") }
        }
    }

    @Test("a lesson written with its roster is the lesson written with its students read by key")
    func rosterWritten() throws {
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        let lesson = Lesson(
            id: 7, title: "Algebra", description: "", teacher: .init(id: 3, name: "Tess"), roomID: nil, roomName: nil,
            startsAt: now, endsAt: now.addingTimeInterval(3600), status: .scheduled, startedAt: nil, completedAt: nil,
            cancelledAt: nil, cancelledByName: nil, cancelReason: nil, version: 1, createdAt: now, updatedAt: now,
            students: [.init(id: 9, name: "Anna \"A\" \u{08}"), .init(id: 10, name: "Борис")]
        )
        func written(_ value: LessonJSON) -> String {
            var json = JSONWriter(capacity: 16)
            value.write(to: &json)
            return String(buffer: json.buffer)
        }
        let roster = #"[{"id":9,"name":"Anna \"A\" \b"},{"id":10,"name":"Борис"}]"#
        let byKey = LessonJSON(lesson, timeZone: .gmt)
        let fromRoster = LessonJSON(lesson, timeZone: .gmt, roster: roster)
        #expect(written(fromRoster) == written(byKey))
        #expect(written(byKey).contains(#","students":\#(roster),"version":1,"#))
        // `JSONEncoder` orders keys differently from one run to the next: compared as parsed.
        func parsed(_ value: LessonJSON) throws -> NSDictionary {
            try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value)) as? NSDictionary)
        }
        #expect(try parsed(fromRoster) == (try parsed(byKey)))
    }
}
