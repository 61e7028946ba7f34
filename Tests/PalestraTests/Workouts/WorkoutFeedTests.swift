import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// The iCalendar export (issue 18): the secret link gives an `.ics` that an independent reader expands to the
/// calendar's dates (moved-out and cancelled dates included); rotating the link retires the old one.
@Suite("Workouts: the iCalendar link")
struct WorkoutFeedTests {
    @Test("an independent reader expands the .ics to the calendar's dates; UID, RRULE, EXDATE and RECURRENCE-ID are there")
    func independentReader() async throws {
        try await WorkoutPagesTests.withStudent { client, database, browser, owner in
            let today = WorkoutFixture.today()
            let access = WorkoutAccess(userID: owner, seesEveryone: false)
            let (from, through) = (today.adding(days: -40)!, today.adding(days: 120)!)
            let expected = try await database.withClient { client in
                let planner = WorkoutFixture.planner(client)
                let weekly = try await planner.store.create(try WorkoutFixture.draft(
                    "Intervals", rule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH,SA;UNTIL=\(RecurrenceRule.basic(today.adding(days: 90)!))",
                    start: from, excluded: [today.adding(days: 7)!, today.adding(days: 8)!, today.adding(days: 9)!]
                ), owner: owner)
                let monthly = try await planner.store.create(try WorkoutFixture.draft("Long swim", rule: "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=5", start: from), owner: owner)
                _ = try await planner.store.create(try WorkoutFixture.draft("Race, 10 km; \"city\"", rule: nil, start: today.adding(days: 20)!), owner: owner)
                let daily = try await planner.store.create(try WorkoutFixture.draft("Stretch", rule: "FREQ=DAILY;COUNT=30", start: from), owner: owner)
                try await WorkoutPlannerTests.complete(planner, daily, from.adding(days: 1)!, access)
                #expect(try await planner.cancel(workout: daily, on: from.adding(days: 5)!, access: access))
                let old = try #require(try await planner.store.workout(id: weekly, access: access))
                var renamed = try WorkoutFixture.draft("Intervals (light)", start: old.recurrence.start)
                renamed.exercises = []
                let date = try #require(old.recurrence.nextOccurrence(onOrAfter: today.adding(days: 1)!))
                #expect(try await planner.edit(workout: weekly, with: renamed, scope: .this, date: date, version: old.version, access: access) == .saved(workout: weekly))
                // "This date only" moves the swim of the next month's end three days on, into the following month.
                let swim = try #require(try await planner.store.workout(id: monthly, access: access))
                let swimDate = try #require(swim.recurrence.nextOccurrence(onOrAfter: today.adding(days: 1)!))
                let swimDraft = try WorkoutFixture.draft("Long swim", rule: "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=5", start: swim.recurrence.start)
                #expect(try await planner.edit(
                    workout: monthly, with: swimDraft, scope: .this, date: swimDate, version: swim.version, access: access,
                    movedTo: swimDate.adding(days: 3)!
                ) == .saved(workout: monthly))
                let workouts = try await planner.store.workouts(access: access, includingArchived: true)
                let agenda = WorkoutAgenda(
                    workouts: workouts,
                    children: try await planner.occurrences.marks(access: access, from: from, through: through),
                    from: from, through: through, today: today
                )
                return agenda.entries.filter { $0.state != .cancelled }.map { "\($0.date) \($0.name)" }.sorted()
            }
            let list = try await browser.get(WorkoutURL.list.path)
            let link = try #require(list.text.firstMatch(of: /href="(?:https?:\/\/[^\/"]+)?(\/workouts\/feed\/[A-Za-z0-9_-]{43}\/workouts\.ics)"/)).output.1
            let feed = try await client.execute(uri: String(link), method: .get)
            #expect(feed.status == .ok && feed.headers[.contentType] == "text/calendar; charset=utf-8")
            let ics = feed.text
            for part in ["UID:workout-", "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH,SA;UNTIL=", "T235959;WKST=MO", "EXDATE:", "RECURRENCE-ID:",
                         "STATUS:CANCELLED", "SUMMARY:Race\\, 10 km\\; \"city\""] {
                #expect(ics.contains(part), "\(part)")
            }
            let swimDate = try #require(expected.first { $0.hasSuffix("Long swim") && $0 > today.description }.flatMap { CalendarDate(String($0.prefix(10))) })
            #expect(ics.contains("RECURRENCE-ID:\(RecurrenceRule.basic(swimDate.adding(days: -3)!))T180000\r\nDTSTART:\(RecurrenceRule.basic(swimDate))T180000"),
                    "the moved swim keeps its date as RECURRENCE-ID and takes place three days on")
            #expect(ics.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 }, "lines folded at 75 octets")
            let read = try IndependentCalendarReader.events(in: ics, from: from.description, through: through.description)
            #expect(read == expected)
            #expect(expected.count > 60)

            _ = try await browser.post(WorkoutURL.feedRotate.path)
            #expect(try await client.execute(uri: String(link), method: .get).status == .notFound, "the old link stops working")
            let newList = try await browser.get(WorkoutURL.list.path)
            let newLink = try #require(newList.text.firstMatch(of: /href="(?:https?:\/\/[^\/"]+)?(\/workouts\/feed\/[A-Za-z0-9_-]{43}\/workouts\.ics)"/)).output.1
            #expect(newLink != link)
            #expect(try await client.execute(uri: String(newLink), method: .get).status == .ok)
            #expect(try await client.execute(uri: "/workouts/feed/not-a-token/workouts.ics", method: .get).status == .notFound)
        }
    }
}
