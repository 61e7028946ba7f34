import Postgres

/// The history's query string: `workout=<id>`, `from=YYYY-MM-DD`, `to=YYYY-MM-DD` (default: the last twelve weeks).
struct WorkoutHistoryFilter: Sendable {
    let filter: WorkoutHistoryStore.Filter
    /// Catalog keys of what did not read (the defaults are used in its place).
    let errors: [String]
    let fromText: String
    let toText: String

    init(query: FormData, today: CalendarDate) {
        var errors: [String] = []
        let defaultFrom = today.adding(days: -83).map { $0.adding(days: -($0.weekday - 1)) ?? $0 } ?? today
        var from = defaultFrom
        var through = today
        fromText = query.value("from") ?? ""
        toText = query.value("to") ?? ""
        if !fromText.isEmpty {
            if let date = CalendarDate(fromText) { from = date } else { errors.append(CatalogKey.t("Enter the dates as YYYY-MM-DD.")) }
        }
        if !toText.isEmpty {
            if let date = CalendarDate(toText) { through = date } else if errors.isEmpty { errors.append(CatalogKey.t("Enter the dates as YYYY-MM-DD.")) }
        }
        if from > through {
            errors.append(CatalogKey.t("The period's start is after its end."))
            from = defaultFrom
            through = today
        }
        var workout: Int?
        if let text = query.value("workout"), !text.isEmpty {
            if let id = Int(text), id > 0 { workout = id } else { errors.append(CatalogKey.t("Choose a workout from the list.")) }
        }
        filter = WorkoutHistoryStore.Filter(workout: workout, from: from, through: through)
        self.errors = errors
    }

    /// The same filter as a query string, for the CSV and chart links.
    var query: String {
        queryString([("workout", filter.workout.map(String.init)), ("from", filter.from.description), ("to", filter.through.description)])
    }
}
