import Postgres

/// `palestra workouts expand`: a rule's occurrences between two dates as a JSON array of `YYYY-MM-DD` strings,
/// to compare Palestra's expansion with other implementations.
public struct WorkoutExpansion: Sendable {
    /// The longest span `--from`…`--to` may cover (about 100 years), so one call stays quick.
    public static let maximumDays = 36_600

    public let recurrence: WorkoutRecurrence
    public let from: CalendarDate
    public let to: CalendarDate

    /// Reads the command's arguments, or throws one line naming the bad one.
    public init(rule: String, start: String, from: String, to: String, excluded: [String]) throws(RecurrenceRuleProblem) {
        guard let startDate = CalendarDate(start) else { throw RecurrenceRuleProblem("--start must be a date written YYYY-MM-DD") }
        guard let fromDate = CalendarDate(from) else { throw RecurrenceRuleProblem("--from must be a date written YYYY-MM-DD") }
        guard let toDate = CalendarDate(to) else { throw RecurrenceRuleProblem("--to must be a date written YYYY-MM-DD") }
        guard fromDate <= toDate else { throw RecurrenceRuleProblem("--from must not be after --to") }
        guard toDate.daysSinceEpoch - fromDate.daysSinceEpoch <= Self.maximumDays else {
            throw RecurrenceRuleProblem("--from … --to may span at most \(Self.maximumDays) days")
        }
        var exdates: Set<CalendarDate> = []
        for text in excluded {
            guard let date = CalendarDate(text) else { throw RecurrenceRuleProblem("--exdate must be a date written YYYY-MM-DD: \(text)") }
            exdates.insert(date)
        }
        let trimmed = rule.hasPrefix("RRULE:") ? String(rule.dropFirst("RRULE:".count)) : rule
        let parsed: RecurrenceRule? = trimmed.isEmpty ? nil : try RecurrenceRule(rfc5545: trimmed)
        recurrence = WorkoutRecurrence(start: startDate, rule: parsed, excluded: exdates)
        self.from = fromDate
        self.to = toDate
    }

    public var dates: [CalendarDate] {
        recurrence.occurrences(from: from, through: to)
    }

    /// `["2026-11-03","2026-11-05"]`.
    public var json: String {
        "[" + dates.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }
}
