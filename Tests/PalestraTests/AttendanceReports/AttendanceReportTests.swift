import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// The attendance reports: membership-aware counts, the chart, the CSV, who may see what, bad input.
@Suite("Attendance reports")
struct AttendanceReportTests {
    /// November 2026, Tuesdays: 3, 10, 17, 24 held, 26 planned, 19 cancelled. Anna is a member all month,
    /// Boris joined on the 15th (a mark on the 10th, before he joined, must not count), Clara left on the
    /// 14th; Dora is in another group only.
    struct Scene {
        let fixture: TrainingFixture
        let otherCoach: Int
        let boris: Int
    }

    static func scene(_ database: TestDatabase) async throws -> Scene {
        let fixture = try await TrainingFixture.make(in: database, name: "U-12 Football", slots: [])
        let other = try await TrainingFixture.make(in: database, name: "Swimming", slots: [])
        for (day, status) in [("03", "held"), ("10", "held"), ("17", "held"), ("24", "held"), ("26", "planned"), ("19", "cancelled")] {
            try await database.run(
                "INSERT INTO training_sessions (group_id, session_date, starts_at, ends_at, status) VALUES ($1, $2::date, '18:00', '19:30', $3)",
                [fixture.group, "2026-11-\(day)", status]
            )
        }
        try await database.run(
            "INSERT INTO training_sessions (group_id, session_date, starts_at, ends_at, status) VALUES ($1, '2026-11-10', '18:00', '19:30', 'held')",
            [other.group]
        )
        func athlete(_ name: String, group: Int, joined: String, left: String?) async throws -> Int {
            let id: Int = try await database.value("INSERT INTO athletes (full_name, birth_date) VALUES ($1, '2014-05-01') RETURNING id::int", [name])
            try await database.run(
                "INSERT INTO group_memberships (athlete_id, group_id, joined_on, left_on) VALUES ($1, $2, $3::date, $4::date)", [id, group, joined, left]
            )
            return id
        }
        let anna = try await athlete("Anna Ivanova", group: fixture.group, joined: "2026-09-01", left: nil)
        let boris = try await athlete("Boris Petrov", group: fixture.group, joined: "2026-11-15", left: nil)
        let clara = try await athlete("=Clara, \"Klara\" Sokolova", group: fixture.group, joined: "2026-09-01", left: "2026-11-14")
        let dora = try await athlete("Dora Belova", group: other.group, joined: "2026-09-01", left: nil)
        let marks: [(Int, String, String, String)] = [
            (anna, "U-12 Football", "03", "present"), (anna, "U-12 Football", "10", "late"), (anna, "U-12 Football", "17", "absent"),
            (boris, "U-12 Football", "10", "present"), (boris, "U-12 Football", "17", "present"), (boris, "U-12 Football", "24", "present"),
            (clara, "U-12 Football", "03", "excused"), (clara, "U-12 Football", "10", "present"), (clara, "U-12 Football", "17", "present"),
            (dora, "Swimming", "10", "absent"),
        ]
        for (athlete, group, day, status) in marks {
            try await database.run(
                """
                INSERT INTO attendance_records (session_id, athlete_id, status)
                SELECT s.id, $1, $4 FROM training_sessions s JOIN training_groups g ON g.id = s.group_id
                WHERE g.name = $2 AND s.session_date = $3::date
                """,
                [athlete, group, "2026-11-\(day)", status]
            )
        }
        return Scene(fixture: fixture, otherCoach: other.coach, boris: boris)
    }

    @Test("one group's month: each athlete counted only over the sessions held while a member, as a table, a chart and CSV")
    func groupMonth() async throws {
        try await TestApp.test { client, database in
            let scene = try await Self.scene(database)
            try await TestUsers.create("manager@example.org", role: .manager, in: database)
            var browser = Browser(client)
            try await browser.signIn("manager@example.org")
            let page = try await browser.get("/reports/attendance?month=2026-11&group=\(scene.fixture.group)")
            #expect(page.status == .ok)
            #expect(page.text.contains("Attendance: U-12 Football, November 2026"))
            // Sorted by name, "=Clara…" first (byte order): Anna's bar is the second.
            // Anna: present, late, absent and one unmarked: 2 of 3 marked, the unmarked one not counted as absence
            #expect(page.text.contains(#"<text x="0" y="47" class="chart__label">Anna Ivanova · 66.7\#u{00A0}% ⚠</text>"#))
            #expect(page.text.contains(#"class="chart__bar chart__bar--low"/>"#))
            #expect(page.text.contains(#"width="320" height="11" class="chart__bar"/>"#), "Boris: 100 %")
            #expect(!page.text.contains("Dora"))
            #expect(page.text.contains("2 below the threshold"))

            let csv = try await browser.get("/reports/attendance?month=2026-11&group=\(scene.fixture.group)&format=csv")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"attendance-2026-11-group-\(scene.fixture.group).csv\"")
            #expect(csv.text == "\u{FEFF}" + [
                "Athlete,Sessions held,Present,Late,Excused,Absent,Unmarked,Attendance %,Below threshold",
                "\"'=Clara, \"\"Klara\"\" Sokolova\",2,1,0,1,0,0,50.0,Yes",
                "Anna Ivanova,4,1,1,0,1,1,66.7,Yes",
                "Boris Petrov,2,2,0,0,0,0,100.0,No",
            ].map { $0 + "\r\n" }.joined())

            let groups = try await browser.get("/reports/attendance?month=2026-11&format=csv")
            // The group held 4 sessions (not 8 athlete-sessions); 5 of its 7 marks present or late
            #expect(groups.text.contains("U-12 Football,4,4,1,1,1,1,71.4,Yes\r\n"))
            #expect(groups.text.contains("Swimming,1,0,0,0,1,0,0.0,Yes\r\n"))

            let boris = try await browser.get("/reports/attendance/athletes/\(scene.boris)?month=2026-11&format=csv")
            #expect(boris.text.hasSuffix("Month and group,Sessions held,Present,Late,Excused,Absent,Unmarked,Attendance %,Below threshold\r\nNovember 2026 · U-12 Football,2,2,0,0,0,0,100.0,No\r\n"))
        }
    }

    @Test("in Russian: headings, numbers and the CSV header follow the language")
    func russian() async throws {
        try await TestApp.test { client, database in
            let scene = try await Self.scene(database)
            try await TestUsers.create("manager@example.org", role: .manager, in: database)
            try await database.run("UPDATE users SET language = 'ru'")
            var browser = Browser(client)
            try await browser.signIn("manager@example.org")
            let page = try await browser.get("/reports/attendance?month=2026-11&group=\(scene.fixture.group)")
            #expect(page.text.contains("Посещаемость: U-12 Football, ноябрь 2026"))
            #expect(page.text.contains("71,4\u{00A0}%"))
            // Russian Excel: `;` between fields, decimal commas (a field holding a comma is quoted), the BOM
            let csv = try await browser.get("/reports/attendance?month=2026-11&group=\(scene.fixture.group)&format=csv")
            #expect(Array(csv.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(csv.text == "\u{FEFF}" + [
                "Спортсмен;Проведено занятий;Присутствует;Опоздание;Уважительная причина;Отсутствует;Не отмечено;\"Посещаемость, %\";Ниже порога",
                "\"'=Clara, \"\"Klara\"\" Sokolova\";2;1;0;1;0;0;\"50,0\";Да",
                "Anna Ivanova;4;1;1;0;1;1;\"66,7\";Да",
                "Boris Petrov;2;2;0;0;0;0;\"100,0\";Нет",
            ].map { $0 + "\r\n" }.joined())
        }
    }

    @Test("a coach sees only their groups (another group or athlete: 404); a student may not see reports")
    func access() async throws {
        try await TestApp.test { client, database in
            let scene = try await Self.scene(database)
            let coachEmail: String = try await database.value("SELECT email::text FROM users WHERE id = $1", [scene.fixture.coach])
            var coach = Browser(client)
            try await coach.signIn(coachEmail)
            let overview = try await coach.get("/reports/attendance?month=2026-11")
            #expect(overview.status == .ok)
            #expect(overview.text.contains("U-12 Football") && !overview.text.contains("Swimming"))
            let otherGroup: Int = try await database.value("SELECT id::int FROM training_groups WHERE name = 'Swimming'")
            #expect(try await coach.get("/reports/attendance?month=2026-11&group=\(otherGroup)").status == .notFound)
            let dora: Int = try await database.value("SELECT id::int FROM athletes WHERE full_name = 'Dora Belova'")
            #expect(try await coach.get("/reports/attendance/athletes/\(dora)").status == .notFound)
            #expect(try await coach.get("/reports/attendance/athletes/\(scene.boris)").status == .ok)

            try await TestUsers.create("student@example.org", role: .student, in: database)
            var student = Browser(client)
            try await student.signIn("student@example.org")
            #expect(try await student.get("/reports/attendance").status == .forbidden)
            #expect(try await student.get("/reports/attendance/athletes/\(scene.boris)").status == .forbidden)
        }
    }

    @Test("bad input: a malformed month gets a message beside the field; an unknown or malformed group or athlete, 404")
    func badInput() async throws {
        try await TestApp.test { client, database in
            _ = try await Self.scene(database)
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            for month in ["2026-13", "November", "2026-1", "<script>"] {
                let page = try await browser.get("/reports/attendance?month=\(SiteURL.queryEscaped(month))")
                #expect(page.status == .unprocessableContent, "\(month)")
                #expect(page.text.contains(#"<p class="field__error" id="report-month-error">Enter a month as YYYY-MM, like 2026-11.</p>"#))
                #expect(!page.text.contains("<script>"))
            }
            // Asked as CSV, a bad month is the page with its message, not another month's file
            let csv = try await browser.get("/reports/attendance?month=2026-13&format=csv")
            #expect(csv.status == .unprocessableContent)
            #expect(csv.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(csv.text.contains("Enter a month as YYYY-MM, like 2026-11."))
            #expect(try await browser.get("/reports/attendance?group=999999").status == .notFound)
            #expect(try await browser.get("/reports/attendance?group=abc").status == .notFound)
            #expect(try await browser.get("/reports/attendance/athletes/999999").status == .notFound)
            #expect(try await browser.get("/reports/attendance/athletes/-1").status == .notFound)
            let athlete: Int = try await database.value("SELECT id::int FROM athletes ORDER BY id LIMIT 1")
            #expect(try await browser.get("/reports/attendance/athletes/\(athlete)?month=2026-13").status == .notFound)
            #expect(try await browser.get("/reports/attendance/athletes/\(athlete)?month=2026-11").status == .ok)
        }
    }
}
