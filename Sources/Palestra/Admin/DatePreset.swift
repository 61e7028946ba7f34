/// The ready-made ranges of a date filter.
enum DatePreset: String, CaseIterable, Sendable {
    case today
    case past7 = "past-7-days"
    case month = "this-month"
    case year = "this-year"

    var label: String {
        switch self {
        case .today: "Today"
        case .past7: "Past 7 days"
        case .month: "This month"
        case .year: "This year"
        }
    }
}
