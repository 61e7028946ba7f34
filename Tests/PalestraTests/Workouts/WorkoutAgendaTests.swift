import Postgres
import Testing
@testable import Palestra

/// The calendar's days: every entry of the range in its day, each day by time, name and workout — against a plain
/// sort of the same entries, over random workouts sharing times and names, with children moved within the range.
@Suite("Workout agenda")
struct WorkoutAgendaTests {
    @Test("each day's entries are in (time, name, workout) order, every entry in its day, for 300 random months")
    func daysInOrder() throws {
        var generator = SystemRandomNumberGenerator()
        let rules = ["FREQ=DAILY", "FREQ=DAILY;INTERVAL=2", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "FREQ=WEEKLY;BYDAY=TU,SA", "FREQ=MONTHLY;BYMONTHDAY=-1"]
        let times = try ["06:00", "07:30", "18:00"].map { try #require(TimeOfDay($0)) }
        let start = try #require(CalendarDate("2026-10-26"))
        for _ in 0..<300 {
            let workouts = try (1...Int.random(in: 1...12, using: &generator)).map { id in
                Workout(
                    id: id * 7 % 13 + 1, ownerID: 1, name: ["Run", "Swim", "Lift"].randomElement(using: &generator)!, activity: .other,
                    startsAt: times.randomElement(using: &generator)!, durationMinutes: 30,
                    recurrence: WorkoutRecurrence(start: start, rule: try RecurrenceRule(rfc5545: rules.randomElement(using: &generator)!), excluded: []),
                    continuesID: nil, isArchived: false, version: 1, exercises: []
                )
            }
            let from = try #require(start.adding(days: Int.random(in: 0...6, using: &generator)))
            let through = try #require(from.adding(days: 34))
            let today = try #require(from.adding(days: Int.random(in: 0...34, using: &generator)))
            // Children on dates the rules produce, some moved to another day of the range.
            var children: [WorkoutOccurrenceMark] = []
            for workout in workouts {
                for date in workout.recurrence.occurrences(from: from, through: through) where Bool.random(using: &generator) {
                    let moved = Int.random(in: 0...4, using: &generator) == 0 ? from.adding(days: Int.random(in: 0...34, using: &generator)) : nil
                    children.append(WorkoutOccurrenceMark(
                        id: children.count + 1, workoutID: workout.id, date: date, status: [.inProgress, .completed, .cancelled].randomElement(using: &generator)!,
                        name: workout.name, startsAt: workout.startsAt, movedTo: moved == date ? nil : moved
                    ))
                }
            }
            let agenda = WorkoutAgenda(workouts: workouts, children: children.shuffled(using: &generator), from: from, through: through, today: today)
            #expect(agenda.days.map(\.date) == (0...34).map { from.adding(days: $0)! })
            for day in agenda.days {
                #expect(day.entries.allSatisfy { $0.date == day.date })
                let ordered = day.entries.sorted { ($0.startsAt, $0.name, $0.workoutID) < ($1.startsAt, $1.name, $1.workoutID) }
                #expect(day.entries.map { [$0.startsAt.secondsSinceMidnight, $0.workoutID] } == ordered.map { [$0.startsAt.secondsSinceMidnight, $0.workoutID] })
            }
            // Every produced date and every child shown once: a produced date without a child, or its child where it is.
            let produced = workouts.reduce(0) { $0 + $1.recurrence.occurrences(from: from, through: through).count }
            #expect(agenda.entries.count == produced)
        }
    }
}
