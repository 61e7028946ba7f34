import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// The lesson form (plan, edit), My lessons and the week timetable, as teachers and students meet them.
@Suite("Lessons: the form, My lessons, timetables")
struct LessonFormTests {
    static func fields(title: String = "Geometry", start: Date, minutes: Int = 60, room: Int? = nil, students: [Int]) -> [(String, String)] {
        [("title", title), ("description", "Bring a **ruler**"), ("starts_at", LessonFixture.local(start)),
         ("ends_at", LessonFixture.local(start.addingTimeInterval(TimeInterval(minutes * 60)))), ("room", room.map(String.init) ?? "")]
            + students.map { ("students", String($0)) }
    }

    /// The lesson form's submit buttons, in the order of the HTML.
    static func submitButtons(_ page: String) throws -> [String] {
        let start = try #require(page.firstRange(of: /<form method="post" action="[^"]*" class="form"/))
        let end = try #require(page[start.lowerBound...].firstRange(of: "</form>"))
        return page[start.lowerBound..<end.lowerBound].matches(of: /<button type="submit"[^>]*>[^<]*<\/button>/).map { String($0.output) }
    }

    @Test("a coach plans a lesson (its teacher) and its students are told; bad input of every kind shows a message beside its field and saves nothing")
    func plan() async throws {
        try await TestApp.test { client, database in
            let fixture = try await LessonFixture.make(in: database)
            var teacher = Browser(client)
            try await teacher.signIn("teacher@example.org")
            _ = try await teacher.get(LessonsURL.myLessons.path)
            let form = try await teacher.get(LessonsURL.new.path)
            #expect(form.status == .ok && form.text.contains("Plan a lesson") && form.text.contains("Anna Student") && !form.text.contains(#"name="teacher""#))
            // Enter in any field presses the form's first submit button: Save (no name, so not Find), then Find, then the visible Save.
            #expect(try Self.submitButtons(form.text) == [#"<button type="submit" class="visually-hidden" tabindex="-1" aria-hidden="true">Save</button>"#,
                                                          #"<button type="submit" name="find" value="1" class="button button--secondary button--small">Find</button>"#,
                                                          #"<button type="submit" class="button">Save</button>"#])
            let start = Date().addingTimeInterval(2 * 86400).addingTimeInterval(-Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 60))
            let lessons = try await fixture.count("SELECT count(*)::int FROM lessons")
            let cases: [([(String, String)], String)] = [
                ([("title", "")] , "Enter a title."),
                ([("title", String(repeating: "x", count: 201))], "The title is longer than 200 characters."),
                ([("starts_at", "")], "Enter when the lesson starts."),
                ([("starts_at", "tomorrow")], "Enter a date and time such as 2026-12-07 10:00."),
                ([("ends_at", LessonFixture.local(start.addingTimeInterval(-60)))], "The lesson must end after it starts."),
                ([("ends_at", LessonFixture.local(start.addingTimeInterval(13 * 3600)))], "A lesson lasts at most 12 hours."),
                ([("room", "999999")], "Choose a room from the list."),
                ([("room", "abc")], "Choose a room from the list."),
                ([("students", String(fixture.teacher))], "Choose students from the list."),
                ([("students", "-1")], "Choose students from the list."),
                ([("description", String(repeating: "x", count: 20_001))], "The description is longer than 20,000 characters."),
            ]
            for (override, message) in cases {
                var fields = Self.fields(start: start, students: [fixture.students[0]])
                for (name, value) in override { fields.removeAll { $0.0 == name && name != "students" }; fields.append((name, value)) }
                let refused = try await teacher.post(LessonsURL.new.path, fields)
                #expect(refused.status == .unprocessableContent, "\(message)")
                #expect(refused.text.contains(message) && refused.text.contains("field--error"), "\(message)")
                #expect(try await fixture.count("SELECT count(*)::int FROM lessons") == lessons)
            }
            // Finding students keeps what was typed and chosen, and saves nothing.
            var fields = Self.fields(start: start, room: fixture.room, students: [fixture.students[0]])
            let found = try await teacher.post(LessonsURL.new.path, fields + [("student_search", "bor"), ("find", "1")])
            #expect(found.status == .ok && found.text.contains("Boris Student") && !found.text.contains("Olga Outsider") && found.text.contains(#"value="Geometry""#))
            #expect(found.text.contains(#"value="\#(fixture.students[0])" checked"#))
            fields += [("students", String(fixture.students[1]))]
            // Enter in the search field, as a browser sends it (the default button, Save, names nothing): saved.
            let saved = try await teacher.post(LessonsURL.new.path, fields + [("student_search", "bor")])
            #expect(saved.status == .seeOther)
            let page = try await teacher.follow(saved)
            #expect(page.text.contains("The lesson was planned; its students are told.") && page.text.contains("<strong>ruler</strong>"))
            let id: Int = try await database.value("SELECT id::int FROM lessons WHERE title = 'Geometry'")
            let teacherID: Int = try await database.value("SELECT teacher_id::int FROM lessons WHERE id = $1", [id])
            #expect(teacherID == fixture.teacher)
            #expect(try await fixture.notifications(id) == ["lesson.created \(fixture.students[0])", "lesson.created \(fixture.students[1])"])

            // The same time again (another room): the teacher is taken, and the page names the lesson.
            let clash = try await teacher.post(LessonsURL.new.path, Self.fields(title: "Clash", start: start.addingTimeInterval(1800), students: []))
            #expect(clash.status == .conflict && clash.text.contains("The teacher already has a lesson then: “Geometry”"))
            #expect(clash.text.contains(#"href="\#(LessonsURL.lesson(id))""#))
            // Another teacher in the same room: the room is taken.
            var admin = Browser(client)
            try await admin.signIn("admin@example.org")
            _ = try await admin.get(LessonsURL.myLessons.path)
            let roomClash = try await admin.post(
                LessonsURL.new.path, Self.fields(title: "Room clash", start: start, room: fixture.room, students: []) + [("teacher", String(fixture.otherCoach))]
            )
            #expect(roomClash.status == .conflict && roomClash.text.contains("The room is taken then by the lesson “Geometry”"))
            let student = try await admin.post(
                LessonsURL.new.path, Self.fields(title: "By a student", start: start, students: []) + [("teacher", String(fixture.students[0]))]
            )
            #expect(student.status == .unprocessableContent && student.text.contains("Choose a teacher from the list: a coach or an administrator."))
            #expect(try await fixture.count("SELECT count(*)::int FROM lessons") == lessons + 1)
            // Students cannot reach the form.
            var anna = Browser(client)
            try await anna.signIn("anna@example.org")
            _ = try await anna.get(LessonsURL.myLessons.path)
            #expect(try await anna.get(LessonsURL.new.path).status == .forbidden)
        }
    }

    @Test("editing tells the students concerned (added, removed, moved); a stale version saves nothing; an in-progress lesson changes only its description")
    func edit() async throws {
        try await TestApp.test { client, database in
            let fixture = try await LessonFixture.make(in: database, startsIn: 120)
            var teacher = Browser(client)
            try await teacher.signIn("teacher@example.org")
            _ = try await teacher.get(LessonsURL.myLessons.path)
            let url = LessonsURL.edit(fixture.lesson)
            let form = try await teacher.get(url)
            #expect(form.status == .ok && form.text.contains(#"value="Algebra""#))
            let start = Date().addingTimeInterval(5 * 3600)
            // Boris out, Olga in, a new time.
            let saved = try await teacher.post(url, LessonFormTests.fields(title: "Algebra", start: start, room: fixture.room, students: [fixture.students[0], fixture.outsider]) + [("version", "1")])
            #expect(saved.status == .seeOther)
            #expect(try await teacher.follow(saved).text.contains("The lesson was saved."))
            let notes = try await fixture.notifications()
            #expect(notes.suffix(3).sorted() == ["lesson.moved \(fixture.students[0])", "lesson.student_added \(fixture.outsider)", "lesson.student_removed \(fixture.students[1])"].sorted())
            #expect(try await fixture.state() == "scheduled v2")
            // The old version: nothing saved.
            let stale = try await teacher.post(url, LessonFormTests.fields(title: "Stale", start: start, students: []) + [("version", "1")])
            #expect(stale.status == .conflict && stale.text.contains("Someone changed the lesson meanwhile: nothing was saved."))
            #expect(try await fixture.count("SELECT count(*)::int FROM lessons WHERE title = 'Stale'") == 0)
            // Olga now sees it; Boris no longer does.
            var olga = Browser(client)
            try await olga.signIn("olga@example.org")
            _ = try await olga.get(LessonsURL.myLessons.path)
            #expect(try await olga.get(LessonsURL.lesson(fixture.lesson)).status == .ok)
            var boris = Browser(client)
            try await boris.signIn("boris@example.org")
            _ = try await boris.get(LessonsURL.myLessons.path)
            #expect(try await boris.get(LessonsURL.lesson(fixture.lesson)).status == .notFound)

            try await database.run("UPDATE lessons SET status = 'in_progress', version = version + 1 WHERE id = $1", [fixture.lesson])
            let inProgress = try await teacher.get(url)
            #expect(inProgress.text.contains("The lesson is in progress: only its description can change.") && !inProgress.text.contains(#"name="title""#))
            let described = try await teacher.post(url, [("version", "3"), ("title", "Renamed"), ("description", "Page 42")])
            #expect(described.status == .seeOther)
            let row: String = try await database.value("SELECT title || '|' || description FROM lessons WHERE id = $1", [fixture.lesson])
            #expect(row == "Algebra|Page 42")
            try await database.run("UPDATE lessons SET status = 'completed', version = version + 1 WHERE id = $1", [fixture.lesson])
            let closed = try await teacher.post(url, [("version", "5"), ("description", "Late")])
            #expect(closed.status == .conflict && closed.text.contains("A completed or cancelled lesson can no longer be changed."))
        }
    }

    @Test("My lessons: the teacher's today and not held, the student's upcoming; the week timetable marks today")
    func myLessonsAndTimetable() async throws {
        try await TestApp.test { client, database in
            let fixture = try await LessonFixture.make(in: database)
            let old = try await fixture.plan("Forgotten", startsIn: -3 * 24 * 60)
            var teacher = Browser(client)
            try await teacher.signIn("teacher@example.org")
            _ = try await teacher.get(LessonsURL.myLessons.path)
            let mine = try await teacher.get(LessonsURL.myLessons.path)
            #expect(mine.status == .ok && mine.text.contains("Algebra") && mine.text.contains("Not held") && mine.text.contains("Forgotten"))
            #expect(try await teacher.get(LessonsURL.lesson(old)).text.contains("Not held: the lesson ended more than 12 hours ago"))
            var anna = Browser(client)
            try await anna.signIn("anna@example.org")
            _ = try await anna.get(LessonsURL.myLessons.path)
            let annas = try await anna.get(LessonsURL.myLessons.path)
            #expect(annas.text.contains("Upcoming") && annas.text.contains("Algebra") && !annas.text.contains("Forgotten"))
            let week = try await teacher.get(LessonsURL.timetable.path)
            #expect(week.status == .ok && week.text.contains("timetable__day--today") && week.text.contains("Algebra"))
            #expect(week.text.contains(#"aria-current="date""#))
            let room = try await anna.get(LessonsURL.timetable.path + "?room=\(fixture.room)&week=garbage")
            #expect(room.status == .ok && room.text.contains("Room 101") && room.text.contains("Algebra"))
            var russian = Browser(client)
            try await russian.signIn("boris@example.org")
            _ = try await russian.get(LessonsURL.myLessons.path)
            let ru = try await russian.get(LessonsURL.myLessons.path, headers: [.acceptLanguage: "ru"])
            #expect(ru.text.contains("Мои уроки") && ru.text.contains("Предстоящие"))
        }
    }
}
