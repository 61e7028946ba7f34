import Foundation
import Postgres

extension DemoSeed {
    /// The demo student who keeps workouts: printed by `palestra seed` (and so by `make run`).
    public static let workoutStudent = (email: "student.demo@palestra.example", name: "Nina Orlova")
    public static let workoutStudentPassword = "lantern-orbit-2741"

    /// The demo student's workouts, one of each rule kind, with completed, cancelled, missed and in-progress
    /// occurrences over the last two months. Deterministic for a given day.
    func loadWorkouts(now: Date, output: @Sendable (String) -> Void) async throws {
        let student: Int
        if let existing = try await UserStore(database: database).credentials(email: Self.workoutStudent.email)?.user.id {
            student = existing
        } else {
            student = try await NewUser(
                email: Self.workoutStudent.email, displayName: Self.workoutStudent.name, role: .student, password: Self.workoutStudentPassword
            ).create(in: database, hasher: hasher)
        }
        let planner = WorkoutPlanner(store: WorkoutStore(database: database), timeZone: timeZone)
        let today = planner.today(now: now)
        let access = WorkoutAccess(userID: student, seesEveryone: false)
        let twoMonthsAgo = today.adding(days: -61) ?? today
        let drafts = Self.workoutDrafts(today: today, from: twoMonthsAgo)
        var ids: [Int] = []
        for draft in drafts { ids.append(try await planner.store.create(draft, owner: student)) }
        var completed = 0
        for (index, draft) in drafts.enumerated() where draft.recurrence.rule != nil {
            let dates = draft.recurrence.occurrences(from: twoMonthsAgo, through: today)
            for (number, date) in dates.enumerated() {
                let roll = (number * 7 + index * 3) % 10
                if date == today {
                    if index == 0 { _ = try await planner.start(workout: ids[index], on: date, access: access, now: moment(date, hour: 18)) }
                    continue
                }
                if index == 1 && number == dates.count - 1 {
                    // The latest run was started and not yet completed.
                    _ = try await planner.start(workout: ids[index], on: date, access: access, now: moment(date, hour: 7))
                    continue
                }
                if roll == 0 {
                    _ = try await planner.cancel(workout: ids[index], on: date, access: access)
                    continue
                }
                if roll == 1 { continue }  // missed
                guard case .started(let occurrence) = try await planner.start(workout: ids[index], on: date, access: access, now: moment(date, hour: 18)),
                      let child = try await planner.occurrences.occurrence(id: occurrence, access: access)
                else { continue }
                let sets = child.sets.map { set in
                    var done = set
                    // The plan's weight, 2.5 kg more every third time (the set came prefilled from the last time).
                    if let planned = draft.exercises.first(where: { $0.name == set.exercise })?.weightKg {
                        done.weightKg = planned + Double(number / 3) * 2.5
                    }
                    return done
                }
                let notes = number % 4 == 0 ? "Felt **strong** today.\n\n- good sleep\n- warmed up 10 min" : ""
                _ = try await planner.track(
                    occurrence: occurrence, WorkoutTracking(sets: sets, notes: notes, rating: 3 + number % 3, difficulty: 5 + number % 4),
                    version: child.version, complete: true, access: access, now: moment(date, hour: 19)
                )
                completed += 1
            }
        }
        output("Demo workouts: \(drafts.count) workouts, \(completed) completed occurrences for \(Self.workoutStudent.email) (password \(Self.workoutStudentPassword)).")
    }

    /// A local wall-clock hour of `date` as a moment.
    private func moment(_ date: CalendarDate, hour: Int) -> Date {
        let local = TimeInterval(date.daysSinceEpoch * 86_400 + hour * 3600)
        let guess = Date(timeIntervalSince1970: local)
        return Date(timeIntervalSince1970: local - TimeInterval(timeZone.secondsFromGMT(for: guess)))
    }

    static func workoutDrafts(today: CalendarDate, from: CalendarDate) -> [WorkoutDraft] {
        func rule(_ text: String) -> RecurrenceRule? { try? RecurrenceRule(rfc5545: text) }
        func draft(_ name: String, _ activity: Workout.Activity, _ time: String, _ minutes: Int, _ start: CalendarDate, _ text: String?,
                   _ exercises: [WorkoutExercise]) -> WorkoutDraft {
            var recurrence = WorkoutRecurrence(start: start, rule: text.flatMap(rule))
            recurrence.start = recurrence.firstProduced ?? start
            return WorkoutDraft(name: name, activity: activity, startsAt: TimeOfDay(time)!, durationMinutes: minutes, recurrence: recurrence, exercises: exercises)
        }
        let untilText = RecurrenceRule.basic(today.adding(days: 28) ?? today)
        return [
            draft("Full-body strength", .strength, "18:00", 60, from, "FREQ=WEEKLY;BYDAY=MO,WE,FR", [
                WorkoutExercise(name: "Squat", sets: 3, reps: 8, weightKg: 60, durationSeconds: nil, restSeconds: 120),
                WorkoutExercise(name: "Bench press", sets: 3, reps: 8, weightKg: 45, durationSeconds: nil, restSeconds: 120),
                WorkoutExercise(name: "Barbell row", sets: 3, reps: 10, weightKg: 40, durationSeconds: nil, restSeconds: 90),
            ]),
            draft("Easy run", .running, "07:00", 30, from, "FREQ=DAILY;INTERVAL=3;UNTIL=\(untilText)", [
                WorkoutExercise(name: "Run", sets: 1, reps: nil, weightKg: nil, durationSeconds: 1800, restSeconds: 0),
            ]),
            draft("Long swim", .swimming, "08:00", 60, from, "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=12", [
                WorkoutExercise(name: "Freestyle", sets: 4, reps: nil, weightKg: nil, durationSeconds: 600, restSeconds: 60),
            ]),
            draft("Yoga flow", .yoga, "20:00", 45, from, "FREQ=MONTHLY;BYMONTHDAY=15", []),
            draft("Mobility", .other, "19:30", 20, from, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=20", [
                WorkoutExercise(name: "Hip circles", sets: 2, reps: 10, weightKg: nil, durationSeconds: nil, restSeconds: 30),
            ]),
            draft("5 km time trial", .running, "09:00", 40, today.adding(days: 12) ?? today, nil, [
                WorkoutExercise(name: "Run", sets: 1, reps: nil, weightKg: nil, durationSeconds: 1500, restSeconds: 0),
            ]),
        ]
    }
}
