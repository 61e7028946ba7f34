import Foundation
@testable import Palestra
import Postgres
import TestSupport

/// A coach (`coach@example.org`) with a group of three athletes who are members from long ago, one
/// session of that group today (on the organisation's clock), and helpers for the journal's tests.
struct JournalFixture {
    static let zone = TimeZone(identifier: "Europe/Moscow")!
    static let coachEmail = "coach@example.org"

    let database: TestDatabase
    let coach: Int
    let group: Int
    /// Anna Belova, Boris Chernov, Vera Dmitrieva: listed in this order.
    let athletes: [Int]
    let session: Int

    static var today: CalendarDate { .today(in: zone) }

    /// `today` moved by `days`, as `YYYY-MM-DD`.
    static func day(_ days: Int) -> String { today.adding(days: days)!.description }

    static func make(in database: TestDatabase, coachEmail: String = coachEmail, groupName: String = "U-12 Football") async throws -> JournalFixture {
        let coach = try await TestUsers.create(coachEmail, role: .coach, name: "Anna Smirnova", in: database)
        let group = try await TestTraining.group(groupName, coach: coach, in: database)
        var athletes: [Int] = []
        for name in ["Anna Belova", "Boris Chernov", "Vera Dmitrieva"] {
            athletes.append(try await addAthlete(name, group: group, joined: day(-400), in: database))
        }
        let session = try await TestTraining.session(group: group, date: day(0), in: database)
        return JournalFixture(database: database, coach: coach, group: group, athletes: athletes, session: session)
    }

    /// An athlete who is a member of `group` from `joined` to `left` (both `YYYY-MM-DD`, included); its id.
    static func addAthlete(_ name: String, group: Int, joined: String, left: String? = nil, in database: TestDatabase) async throws -> Int {
        let id: Int = try await database.value(
            "INSERT INTO athletes (full_name, birth_date) VALUES ($1, '2014-05-06') RETURNING id::int", [name]
        )
        try await database.run(
            "INSERT INTO group_memberships (athlete_id, group_id, joined_on, left_on) VALUES ($1, $2, $3::date, $4::date)",
            [id, group, joined, left]
        )
        return id
    }

    var url: String { AttendanceURL.journal(session) }

    /// The session's marks as `athlete id: status/note`, sorted.
    func marks(of session: Int? = nil) async throws -> [String] {
        let text: String? = try await database.value(
            """
            SELECT string_agg(athlete_id || ':' || status || '/' || note, '|' ORDER BY athlete_id)
            FROM attendance_records WHERE session_id = $1
            """,
            [session ?? self.session]
        )
        return text.map { $0.split(separator: "|").map(String.init) } ?? []
    }

    func sessionState(_ session: Int? = nil) async throws -> String {
        try await database.value(
            "SELECT status || ' ' || is_closed || ' v' || version FROM training_sessions WHERE id = $1", [session ?? self.session]
        )
    }

    /// The journal's form fields: the version, one row per `(athlete, status, note)`, and the button pressed.
    static func form(version: String, rows: [(Int, String?, String)], action: String = "save") -> [(String, String)] {
        var fields = [("version", version)]
        for (athlete, status, note) in rows {
            fields.append(("athlete", String(athlete)))
            if let status { fields.append(("status_\(athlete)", status)) }
            fields.append(("note_\(athlete)", note))
        }
        return fields + [("action", action)]
    }

    /// The session version a rendered journal carries.
    static func version(in page: String) -> String? {
        page.firstMatch(of: /name="version" value="(\d+)"/).map { String($0.output.1) }
    }

    /// The part of a rendered journal that is one athlete's row.
    static func row(of athlete: Int, in page: String) -> String {
        guard let start = page.range(of: #"name="athlete" value="\#(athlete)""#) else { return "" }
        let rest = page[start.upperBound...]
        return String(rest[..<(rest.range(of: "</li>")?.lowerBound ?? rest.endIndex)])
    }
}

extension JournalFixture {
    /// The journal as the application builds it, over `client`, with the real catalogs for its notices.
    static func journal(_ client: PostgresClient) throws -> AttendanceJournal {
        AttendanceJournal(
            store: AttendanceStore(database: client), timeZone: zone,
            notices: SessionNotices(localizations: try Localizations(directory: Repository.templates + "/locales"), defaultLanguage: .en)
        )
    }
}
