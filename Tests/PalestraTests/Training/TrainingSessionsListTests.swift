import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// The training sessions' list as people meet it (issue 14): it opens at today with the nearest sessions
/// first, the past and every date one click away; a bad value in its address (a date that does not exist,
/// a range ending before it starts, a group that is not one of the user's) is named beside its filter and
/// filters nothing, while the rest of the address still applies.
@Suite("Training admin: the sessions list from today, and bad values in its address")
struct TrainingSessionsListTests {
    static let list = AdminURL.changeList("training-sessions")
    static let today = CalendarDate.today(in: TrainingFixture.zone)

    static func day(_ offset: Int) -> String { (today.adding(days: offset) ?? today).description }

    /// Five sessions of one group: three days ago, yesterday, today, tomorrow and in a month.
    static func sessions(group: Int, in database: TestDatabase) async throws -> [Int: Int] {
        var ids: [Int: Int] = [:]
        for offset in [-3, -1, 0, 1, 30] {
            ids[offset] = try await TestTraining.session(group: group, date: day(offset), in: database)
        }
        return ids
    }

    /// The sessions' ids in the order the page lists them.
    static func order(_ page: TestResponse) -> [Int] {
        page.text.matches(of: /<a href="\/admin\/training-sessions\/([0-9]+)\/">/).compactMap { Int($0.output.1) }
    }

    /// The address of the filter link labelled `label`.
    static func link(_ label: String, in page: TestResponse) throws -> String {
        let match = try #require(page.text.firstMatch(of: try Regex<(Substring, Substring)>("<a href=\"([^\"]*)\"[^>]*>\(label)</a>")))
        return String(match.output.1).replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test("the list opens at today, nearest first; Before today shows the past nearest first; Any date shows all")
    func startsAtToday() async throws {
        try await TestApp.test { client, database in
            let users = try await TestUsers.everyRole(in: database)
            let group = try await TestTraining.group("Juniors", coach: users[.coach]!, in: database)
            let ids = try await Self.sessions(group: group, in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")

            let opening = try await browser.get(Self.list)
            #expect(opening.text.contains("3 results"))
            #expect(Self.order(opening) == [ids[0]!, ids[1]!, ids[30]!], "today first, then the days after it")
            #expect(opening.text.contains("aria-current=\"true\" class=\"is-selected\">From today</a>"))
            #expect(try Self.link("From today", in: opening) == Self.list, "the default needs nothing in the address")
            #expect(opening.text.contains("1 active"))
            #expect(opening.text.contains("3 results · Date: From today (<a href=\"/admin/training-sessions/?session_date=all\">Any date</a>)"))
            #expect(!opening.text.contains("Clear search and filters"), "the list as it opens is not a narrowing to clear")

            let past = try await browser.get(try Self.link("Before today", in: opening))
            #expect(past.text.contains("2 results"))
            #expect(Self.order(past) == [ids[-1]!, ids[-3]!], "the past, nearest first")

            let any = try await browser.get(try Self.link("Any date", in: opening))
            #expect(any.text.contains("5 results"))
            #expect(Self.order(any) == [ids[-3]!, ids[-1]!, ids[0]!, ids[1]!, ids[30]!])
            #expect(try Self.link("Any date", in: opening).contains("session_date=all"))

            // Another filter keeps the default; a range of dates replaces it.
            try await database.run("UPDATE training_sessions SET status = 'held' WHERE id = ANY($1::bigint[])", [[ids[-1]!, ids[1]!]])
            #expect(Self.order(try await browser.get(Self.list + "?status=held")) == [ids[1]!])
            let range = try await browser.get(Self.list + "?session_date_from=\(Self.day(-3))&session_date_to=\(Self.day(-1))")
            #expect(Self.order(range) == [ids[-3]!, ids[-1]!])
        }
    }

    @Test("a date that does not exist, a malformed date and a range ending before it starts are named and filter nothing")
    func badDates() async throws {
        try await TestApp.test { client, database in
            let users = try await TestUsers.everyRole(in: database)
            let group = try await TestTraining.group("Juniors", coach: users[.coach]!, in: database)
            _ = try await Self.sessions(group: group, in: database)
            try await database.run("UPDATE training_sessions SET status = 'held' WHERE session_date < $1::date", [Self.day(0)])
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")

            let missing = try await browser.get(Self.list + "?session_date_from=2026-02-30")
            #expect(missing.status == .ok)
            #expect(missing.text.contains("The date 2026-02-30 does not exist: the list is not filtered by it."))
            #expect(!missing.text.contains("Enter dates as YYYY-MM-DD."))
            #expect(missing.text.contains("5 results"), "not filtered by it, nor by the default it replaced")
            // Kept as typed, in an input that may hold it (a date input may hold only a real date).
            #expect(missing.text.contains("<input type=\"text\" id=\"filter-session_date-from\" name=\"session_date_from\" value=\"2026-02-30\" aria-invalid=\"true\""))

            let malformed = try await browser.get(Self.list + "?session_date_to=5.12.2026&status=held")
            #expect(malformed.text.contains("Enter dates as YYYY-MM-DD."))
            #expect(!malformed.text.contains("does not exist"))
            #expect(malformed.text.contains("2 results"), "the status still filters")

            let reversed = try await browser.get(Self.list + "?session_date_from=\(Self.day(1))&session_date_to=\(Self.day(-1))")
            #expect(reversed.text.contains("The start date is after the end date: the list is not filtered by these dates."))
            #expect(reversed.text.contains("5 results"))
            #expect(reversed.text.contains("<input type=\"date\" id=\"filter-session_date-from\" name=\"session_date_from\" value=\"\(Self.day(1))\""))

            let good = try await browser.get(Self.list + "?session_date_from=\(Self.day(-1))&session_date_to=\(Self.day(1))")
            #expect(good.text.contains("3 results"))
            #expect(!good.text.contains("field__error"))
        }
    }

    @Test("a group that does not exist, or is not the coach's, is named and filters nothing; the other filters still apply")
    func unknownGroup() async throws {
        try await TestApp.test { client, database in
            let users = try await TestUsers.everyRole(in: database)
            let other = try await TestUsers.create("coach2@example.org", role: .coach, in: database)
            let mine = try await TestTraining.group("Juniors", coach: users[.coach]!, in: database)
            let theirs = try await TestTraining.group("Seniors", coach: other, in: database)
            _ = try await Self.sessions(group: mine, in: database)
            _ = try await Self.sessions(group: theirs, in: database)
            try await database.run("UPDATE training_sessions SET status = 'held' WHERE session_date = $1::date", [Self.day(1)])
            var admin = Browser(client)
            try await admin.signIn("admin@example.org")

            let unknown = try await admin.get(Self.list + "?group=999")
            #expect(unknown.status == .ok)
            #expect(unknown.text.contains("“999” is not one of these choices: the list is not filtered by it."))
            #expect(unknown.text.contains("6 results"), "both groups from today on: the default still applies")
            let withStatus = try await admin.get(Self.list + "?group=999&status=held")
            #expect(withStatus.text.contains("2 results"))
            #expect(withStatus.text.contains("2 active"), "the status and the default date narrow the list, not the group")
            #expect(try await admin.get(Self.list + "?group=\(mine)").text.contains("3 results"))

            var coach = Browser(client)
            try await coach.signIn("coach@example.org")
            let notMine = try await coach.get(Self.list + "?group=\(theirs)")
            #expect(notMine.text.contains("“\(theirs)” is not one of these choices: the list is not filtered by it."))
            #expect(notMine.text.contains("3 results"), "the coach's own sessions, from today on")
            #expect(!notMine.text.contains("Seniors"))
        }
    }
}
