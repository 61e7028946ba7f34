import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// The journal as a coach meets it on a phone: a tally at the top, the note folded until needed, a save
/// message that counts what changed, and athletes of the same name told apart.
@Suite("Attendance journal: on a phone")
struct JournalPhoneTests {
    /// The tally's items as `count label`, in order.
    static func tally(in page: String) -> [String] {
        page.matches(of: /<li class="journal__tally-item journal__tally-item--\w+"><strong>(\d+)<\/strong> ([^<]+)<\/li>/)
            .map { "\($0.output.1) \($0.output.2)" }
    }

    @Test("the tally counts saved marks by status and the unmarked; a note is folded unless there is one; saves count what changed")
    func tallyNotesAndChanges() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            let (anna, boris, vera) = (fixture.athletes[0], fixture.athletes[1], fixture.athletes[2])
            var browser = Browser(client)
            try await browser.signIn(JournalFixture.coachEmail)
            var page = try await browser.get(fixture.url)
            #expect(Self.tally(in: page.text) == ["0 Present", "0 Late", "0 Excused", "0 Absent", "3 Not marked"])
            // Every note is folded behind its summary: no row has one yet.
            #expect(page.text.components(separatedBy: #"<details class="journal__note">"#).count - 1 == 3)
            #expect(!page.text.contains(#"<details class="journal__note" open>"#))

            var saved = try await browser.post(fixture.url, JournalFixture.form(version: JournalFixture.version(in: page.text)!, rows: [
                (anna, "present", ""), (boris, "late", "Bus was late"), (vera, "absent", ""),
            ]))
            page = try await browser.follow(saved)
            #expect(page.text.contains("Attendance saved: 3 changed"))
            #expect(Self.tally(in: page.text) == ["1 Present", "1 Late", "0 Excused", "1 Absent", "0 Not marked"])
            // Boris's note is shown open and marked; the others stay folded.
            let borisRow = JournalFixture.row(of: boris, in: page.text)
            #expect(borisRow.contains(#"<details class="journal__note" open>"#) && borisRow.contains("journal__note-mark"))
            #expect(borisRow.contains(#"value="Bus was late""#))
            #expect(JournalFixture.row(of: anna, in: page.text).contains(#"<details class="journal__note">"#))

            // A second save changing two rows says "2 changed", not "3 marked".
            saved = try await browser.post(fixture.url, JournalFixture.form(version: JournalFixture.version(in: page.text)!, rows: [
                (anna, "excused", "Ill"), (boris, "late", "Bus was late"), (vera, "present", ""),
            ]))
            page = try await browser.follow(saved)
            #expect(page.text.contains("Attendance saved: 2 changed"))
            #expect(!page.text.contains("marked</p>") && !page.text.contains("3 changed"))
            #expect(try await fixture.marks() == ["\(anna):excused/Ill", "\(boris):late/Bus was late", "\(vera):present/"])
            #expect(Self.tally(in: page.text) == ["1 Present", "1 Late", "1 Excused", "0 Absent", "0 Not marked"])

            // The same marks again: nothing changed, and no record's version moved.
            saved = try await browser.post(fixture.url, JournalFixture.form(version: JournalFixture.version(in: page.text)!, rows: [
                (anna, "excused", "Ill"), (boris, "late", "Bus was late"), (vera, "present", ""),
            ]))
            page = try await browser.follow(saved)
            #expect(page.text.contains("Nothing changed."))
            let versions: String = try await database.value(
                "SELECT string_agg(version::text, ',' ORDER BY athlete_id) FROM attendance_records WHERE session_id = $1", [fixture.session]
            )
            #expect(versions == "2,1,2")

            // In Russian, the count agrees with its noun.
            try await database.run("UPDATE users SET language = 'ru' WHERE id = $1", [fixture.coach])
            saved = try await browser.post(fixture.url, JournalFixture.form(version: JournalFixture.version(in: page.text)!, rows: [
                (anna, "present", ""), (boris, "late", "Bus was late"), (vera, "present", ""),
            ]))
            page = try await browser.follow(saved)
            #expect(page.text.contains("Посещаемость сохранена: изменена 1 отметка"))
            #expect(Self.tally(in: page.text).last == "0 Без отметки")
        }
    }

    @Test("athletes of the same name are told apart by birth year, by birth date when the year is shared, by number when even that is")
    func namesakes() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            func athlete(_ name: String, born: String) async throws -> Int {
                let id = try await JournalFixture.addAthlete(name, group: fixture.group, joined: JournalFixture.day(-400), in: database)
                try await database.run("UPDATE athletes SET birth_date = $1::date WHERE id = $2", [born, id])
                return id
            }
            // Anna Belova of the fixture was born 2014-05-06.
            let olderAnna = try await athlete("Anna Belova", born: "2012-09-01")
            let ivanA = try await athlete("Ivan Orlov", born: "2013-03-02")
            let ivanB = try await athlete("ivan orlov", born: "2013-11-20")
            let twinA = try await athlete("Petr Sokolov", born: "2015-01-01")
            let twinB = try await athlete("Petr Sokolov", born: "2015-01-01")
            var browser = Browser(client)
            try await browser.signIn(JournalFixture.coachEmail)
            let page = try await browser.get(fixture.url).text
            func detail(_ id: Int) -> String? {
                JournalFixture.row(of: id, in: page).firstMatch(of: /<span class="journal__detail">([^<]+)<\/span>/).map { String($0.output.1) }
            }
            #expect(detail(fixture.athletes[0]) == "born 2014")
            #expect(detail(olderAnna) == "born 2012")
            #expect(detail(ivanA) == "born 2 Mar 2013" && detail(ivanB) == "born 20 Nov 2013")
            #expect(detail(twinA) == "No. \(twinA)" && detail(twinB) == "No. \(twinB)")
            #expect(detail(fixture.athletes[1]) == nil && detail(fixture.athletes[2]) == nil, "a name nobody else has needs nothing")

            // The read-only journal (closed) tells them apart too, in Russian.
            try await database.run("UPDATE training_sessions SET status = 'held', is_closed = true WHERE id = $1", [fixture.session])
            try await database.run("UPDATE users SET language = 'ru' WHERE id = $1", [fixture.coach])
            let closed = try await browser.get(fixture.url).text
            #expect(closed.contains(#"Anna Belova <span class="journal__detail">2012 г. р.</span>"#))
            #expect(closed.contains(#"<span class="journal__detail">дата рождения 02.03.2013</span>"#))
        }
    }
}
