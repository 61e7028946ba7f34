import Postgres

/// The workout form as submitted: its raw values (shown again when something is wrong) and, once checked, the draft.
/// Messages are catalog keys, translated by the view.
struct WorkoutForm: Sendable {
    static let exerciseRows = 6
    static let frequencies = ["none", "daily", "weekly", "monthly"]

    struct ExerciseRow: Sendable, Hashable {
        var name = "", sets = "", reps = "", weight = "", duration = "", rest = ""
        var isBlank: Bool { [name, sets, reps, weight, duration, rest].allSatisfy { $0.trimmed.isEmpty } }
    }

    var name = ""
    var activity = Workout.Activity.strength.rawValue
    var startsAt = "18:00"
    var duration = "60"
    var startDate = ""
    var frequency = "weekly"
    var interval = "1"
    var weekdays: Set<Int> = []
    var monthDay = ""
    var end = "never"
    var until = ""
    var count = ""
    var excluded = ""
    var exercises = [ExerciseRow](repeating: ExerciseRow(), count: exerciseRows)

    init() {}

    init(_ form: FormData) {
        name = form.value("name") ?? ""
        activity = form.value("activity") ?? ""
        startsAt = form.value("starts_at") ?? ""
        duration = form.value("duration") ?? ""
        startDate = form.value("start_date") ?? ""
        frequency = form.value("frequency") ?? ""
        interval = form.value("interval") ?? ""
        weekdays = Set(form.values("weekday").compactMap(Int.init).filter { (1...7).contains($0) })
        monthDay = form.value("month_day") ?? ""
        end = form.value("end") ?? "never"
        until = form.value("until") ?? ""
        count = form.value("count") ?? ""
        excluded = form.value("excluded") ?? ""
        exercises = (1...Self.exerciseRows).map { index in
            ExerciseRow(
                name: form.value("exercise_name_\(index)") ?? "", sets: form.value("exercise_sets_\(index)") ?? "",
                reps: form.value("exercise_reps_\(index)") ?? "", weight: form.value("exercise_weight_\(index)") ?? "",
                duration: form.value("exercise_duration_\(index)") ?? "", rest: form.value("exercise_rest_\(index)") ?? ""
            )
        }
    }

    init(_ workout: Workout) {
        name = workout.name
        activity = workout.activity.rawValue
        startsAt = String(workout.startsAt.description.prefix(5))
        duration = String(workout.durationMinutes)
        startDate = workout.recurrence.start.description
        if let rule = workout.recurrence.rule {
            frequency = rule.frequency.rawValue.lowercased()
            interval = String(rule.interval)
            weekdays = Set(rule.weekdays)
            monthDay = rule.monthDays.first.map(String.init) ?? ""
            switch rule.end {
            case .never: end = "never"
            case .until(let date): end = "until"; until = date.description
            case .count(let value): end = "count"; count = String(value)
            }
        } else {
            frequency = "none"
        }
        excluded = workout.recurrence.excluded.sorted().map(\.description).joined(separator: ", ")
        exercises = workout.exercises.prefix(Self.exerciseRows).map { exercise in
            ExerciseRow(
                name: exercise.name, sets: String(exercise.sets), reps: exercise.reps.map(String.init) ?? "",
                weight: exercise.weightKg.map { WorkoutFormat.kilograms($0) } ?? "", duration: exercise.durationSeconds.map(String.init) ?? "",
                rest: String(exercise.restSeconds)
            )
        }
        exercises += [ExerciseRow](repeating: ExerciseRow(), count: max(0, Self.exerciseRows - exercises.count))
    }

    /// The checked draft (its start moved to the first date the rule produces), or a message per field.
    func validate() -> Result<WorkoutDraft, WorkoutFormErrors> {
        var errors = WorkoutFormErrors()
        let trimmedName = name.trimmed
        if trimmedName.isEmpty { errors["name"] = CatalogKey.t("Enter a name.") }
        else if trimmedName.count > 120 { errors["name"] = CatalogKey.t("At most 120 characters.") }
        let activityValue = Workout.Activity(rawValue: activity)
        if activityValue == nil { errors["activity"] = CatalogKey.t("Choose an activity from the list.") }
        let time = TimeOfDay(startsAt)
        if time == nil { errors["starts_at"] = CatalogKey.t("Enter a time as HH:MM, like 18:30.") }
        let minutes = Int(duration.trimmed).flatMap { (1...600).contains($0) ? $0 : nil }
        if minutes == nil { errors["duration"] = CatalogKey.t("Enter whole minutes from 1 to 600.") }
        let start = CalendarDate(startDate.trimmed)
        if start == nil { errors["start_date"] = CatalogKey.t("Enter a date as YYYY-MM-DD.") }
        let rule = parseRule(&errors)
        var excludedDates: Set<CalendarDate> = []
        for item in excluded.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" || $0 == "\r" }) where !item.isEmpty {
            guard let date = CalendarDate(String(item)) else {
                errors["excluded"] = CatalogKey.t("Write excluded dates as YYYY-MM-DD, separated by commas.")
                break
            }
            excludedDates.insert(date)
        }
        if excludedDates.count > 200 { errors["excluded"] = CatalogKey.t("At most 200 excluded dates.") }
        let plan = parseExercises(&errors)
        guard errors.isEmpty, let activityValue, let time, let minutes, let start, case .some(let rule) = rule else {
            return .failure(errors)
        }
        var recurrence = WorkoutRecurrence(start: start, rule: rule, excluded: excludedDates)
        guard let first = recurrence.firstProduced else {
            errors["frequency"] = CatalogKey.t("This rule produces no date: change the start, the days or the end.")
            return .failure(errors)
        }
        recurrence.start = first
        guard recurrence.nextOccurrence(onOrAfter: first) != nil else {
            errors["excluded"] = CatalogKey.t("Every date of the rule is excluded.")
            return .failure(errors)
        }
        return .success(WorkoutDraft(
            name: trimmedName, activity: activityValue, startsAt: time, durationMinutes: minutes, recurrence: recurrence, exercises: plan
        ))
    }

    /// `.some(nil)` for a one-off, `.some(rule)`, or `nil` with the messages set.
    private func parseRule(_ errors: inout WorkoutFormErrors) -> RecurrenceRule?? {
        guard Self.frequencies.contains(frequency) else {
            errors["frequency"] = CatalogKey.t("Choose how often from the list.")
            return nil
        }
        if frequency == "none" { return .some(nil) }
        guard let every = Int(interval.trimmed), RecurrenceRule.intervalRange.contains(every) else {
            errors["interval"] = CatalogKey.t("Enter a whole number from 1 to 99.")
            return nil
        }
        var ruleEnd = RecurrenceRule.End.never
        switch end {
        case "never": break
        case "until":
            guard let date = CalendarDate(until.trimmed) else {
                errors["until"] = CatalogKey.t("Enter a date as YYYY-MM-DD.")
                return nil
            }
            ruleEnd = .until(date)
        case "count":
            guard let value = Int(count.trimmed), RecurrenceRule.countRange.contains(value) else {
                errors["count"] = CatalogKey.t("Enter a whole number from 1 to 1000.")
                return nil
            }
            ruleEnd = .count(value)
        default:
            errors["end"] = CatalogKey.t("Choose how the rule ends from the list.")
            return nil
        }
        var days: [Int] = []
        if frequency == "monthly", !monthDay.isEmpty {
            guard let day = Int(monthDay), (1...31).contains(day) || day == -1 else {
                errors["month_day"] = CatalogKey.t("Choose a day of the month from the list.")
                return nil
            }
            days = [day]
        }
        let frequencyValue: RecurrenceRule.Frequency = frequency == "daily" ? .daily : frequency == "weekly" ? .weekly : .monthly
        return .some(RecurrenceRule(
            frequency: frequencyValue, interval: every, weekdays: frequency == "weekly" ? Array(weekdays) : [], monthDays: days, end: ruleEnd
        ))
    }

    private func parseExercises(_ errors: inout WorkoutFormErrors) -> [WorkoutExercise] {
        var plan: [WorkoutExercise] = []
        for (offset, row) in exercises.enumerated() where !row.isBlank {
            let field = "exercise_\(offset + 1)"
            let name = row.name.trimmed
            func number(_ text: String, _ range: ClosedRange<Int>) -> Int?? {
                let trimmed = text.trimmed
                if trimmed.isEmpty { return .some(nil) }
                return Int(trimmed).flatMap { range.contains($0) ? .some($0) : nil }
            }
            let weightText = row.weight.trimmed.replacingComma()
            let weight: Double?? = weightText.isEmpty ? .some(nil) : Double(weightText).flatMap { (0...1000).contains($0) && $0.isFinite ? .some($0) : nil }
            guard !name.isEmpty, name.count <= 120 else {
                errors[field] = CatalogKey.t("Name the exercise (at most 120 characters), or clear its row.")
                continue
            }
            guard case .some(.some(let sets)) = number(row.sets, 1...50), case .some(let reps) = number(row.reps, 1...1000),
                  case .some(let seconds) = number(row.duration, 1...86400), case .some(let rest) = number(row.rest, 0...3600), case .some(let kilograms) = weight
            else {
                errors[field] = CatalogKey.t("Sets 1–50; reps 1–1000; weight 0–1000 kg; duration 1–86400 s; rest 0–3600 s.")
                continue
            }
            plan.append(WorkoutExercise(name: name, sets: sets, reps: reps, weightKg: kilograms, durationSeconds: seconds, restSeconds: rest ?? 0))
        }
        return plan
    }
}

/// A message (a catalog key) per form field.
struct WorkoutFormErrors: Error, Sendable, Hashable, ExpressibleByDictionaryLiteral {
    private var messages: [String: String] = [:]

    init(dictionaryLiteral elements: (String, String)...) {
        for (field, message) in elements { messages[field] = message }
    }

    subscript(field: String) -> String? {
        get { messages[field] }
        set { messages[field] = newValue }
    }

    var isEmpty: Bool { messages.isEmpty }
}

extension String {
    /// Without leading and trailing whitespace.
    fileprivate var trimmed: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    /// `72,5` → `72.5`: a decimal comma as Russian keyboards type it.
    fileprivate func replacingComma() -> String { String(map { $0 == "," ? "." : $0 }) }
}
