import Postgres
import Testing
@testable import Palestra

/// The workouts list's adherence and streak, against the README's definitions written the plain way (sets of dates,
/// every child whatever its status) over rules of every kind and children of every status, on produced dates and
/// others — the list itself reads only the completed and cancelled children, as `outcomes(ofWorkouts:)` does.
@Suite("Workout adherence")
struct WorkoutAdherenceTests {
    /// The definitions as the README gives them.
    static func reference(_ workout: Workout, _ children: [WorkoutOccurrenceMark], today: CalendarDate) -> (due: Int, completed: Int, streak: Int) {
        let statuses = Dictionary(children.map { ($0.date, $0.status) }, uniquingKeysWith: { first, _ in first })
        var dates = Set(workout.recurrence.occurrences(from: workout.recurrence.start, through: today))
        dates.formUnion(children.filter { $0.status == .completed && $0.date <= today }.map(\.date))
        let due = dates.filter { date in
            switch statuses[date] {
            case .cancelled: false
            case .completed: true
            default: date < today
            }
        }.sorted()
        return (due.count, due.count { statuses[$0] == .completed }, due.reversed().prefix { statuses[$0] == .completed }.count)
    }

    @Test("the one walk along the dates gives what the definitions give, for 600 random workouts")
    func matchesTheDefinitions() throws {
        var generator = SystemRandomNumberGenerator()
        let rules = ["FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
                     "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=DAILY;COUNT=20", "FREQ=WEEKLY;BYDAY=SU;UNTIL=20261001"]
        let start = try #require(CalendarDate("2026-01-05"))
        for case_ in 0..<600 {
            let ruleText = case_ % (rules.count + 1) == rules.count ? nil : rules[case_ % (rules.count + 1)]
            let rule = try ruleText.map { try RecurrenceRule(rfc5545: $0) }
            let excluded = Set((0..<Int.random(in: 0...3, using: &generator)).compactMap { _ in start.adding(days: Int.random(in: 0...300, using: &generator)) })
            let recurrence = WorkoutRecurrence(start: start, rule: rule, excluded: excluded)
            let workout = Workout(
                id: 1, ownerID: 1, name: "W", activity: .running, startsAt: try #require(TimeOfDay("07:00")), durationMinutes: 30,
                recurrence: recurrence, continuesID: nil, isArchived: false, version: 1, exercises: []
            )
            let today = try #require(start.adding(days: Int.random(in: 0...330, using: &generator)))
            // Children on produced dates and on others (an edited series), in any order, some after today.
            let produced = recurrence.occurrences(from: start, through: try #require(today.adding(days: 20)))
            var dates = Set(produced.shuffled(using: &generator).prefix(Int.random(in: 0...produced.count, using: &generator)))
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                dates.insert(try #require(start.adding(days: Int.random(in: 0...350, using: &generator))))
            }
            let children = dates.shuffled(using: &generator).enumerated().map { index, date in
                WorkoutOccurrenceMark(
                    id: index, workoutID: 1, date: date, status: WorkoutOccurrence.Status.allCases.randomElement(using: &generator)!,
                    name: "W", startsAt: workout.startsAt, movedTo: nil
                )
            }
            let outcomes = children.filter { $0.status == .completed || $0.status == .cancelled }
                .map { WorkoutOccurrenceOutcome(workoutID: $0.workoutID, date: $0.date, status: $0.status) }
            let record = WorkoutAdherence(workout: workout, outcomes: outcomes, today: today)
            let expected = Self.reference(workout, children, today: today)
            #expect(record.due == expected.due && record.completed == expected.completed && record.streak == expected.streak,
                    "case \(case_): \(ruleText ?? "one-off"), today \(today)")
        }
    }
}
