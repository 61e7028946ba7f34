import Mustache
import Postgres

/// The page that asks before a workout is deleted: what is kept (its completed and started dates, in the history)
/// and what is removed (its planned dates from today on, and its edited or cancelled ones), with counts. Only its
/// POST deletes.
struct WorkoutDeleteView: Sendable {
    let heading: String
    let name: String
    let rule: String
    let kept: String
    let removed: String
    let removedRows: String
    let hasRemovedRows: Bool
    let deleteURL: String
    let listURL = WorkoutURL.list.path
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String

    /// `kept`: its completed and in-progress occurrences; `edited`: its cancelled rows and planned rows before today;
    /// `notPlanned`: the dates of kept and cancelled rows (left out of the planned dates counted from today on).
    init(
        workout: Workout, kept keptCount: Int, edited: Int, notPlanned: Set<CalendarDate>, today: CalendarDate, csrfToken: String,
        localizer: Localizer
    ) {
        heading = localizer.t("Delete this workout?")
        name = workout.name
        rule = WorkoutRuleSummary.text(workout.recurrence, localizer: localizer)
        kept = localizer.plural("{count} completed or started dates stay in the history.", count: keptCount)
        if let last = workout.recurrence.lastProduced {
            let planned = last < today ? 0 : workout.recurrence.occurrences(from: today, through: last).count { !notPlanned.contains($0) }
            removed = localizer.plural("{count} planned dates from today on are removed from the calendar.", count: planned)
        } else {
            removed = localizer.t("Every planned date from today on is removed from the calendar: the workout has no end.")
        }
        removedRows = localizer.plural("{count} edited or cancelled dates are removed too.", count: edited)
        hasRemovedRows = edited > 0
        deleteURL = WorkoutURL.delete(.value(workout.id)).path
        self.csrfToken = csrfToken
    }
}

extension WorkoutDeleteView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("heading", \.heading), .text("name", \.name), .text("rule", \.rule), .text("kept", \.kept), .text("removed", \.removed),
        .text("removedRows", \.removedRows), .bool("hasRemovedRows", \.hasRemovedRows), .text("deleteURL", \.deleteURL),
        .text("listURL", \.listURL), .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
    ])
}
