import Postgres

/// The open-ended choices of a date filter, from today on or before it. The list's state turns them into
/// a range's bound (`session_date=from-today` filters as `session_date_from=<today>`), so a list can start
/// at today by default (``AdminFilter/defaultValue``) with the past one click away.
enum OpenDatePreset: String, CaseIterable, Sendable {
    case fromToday = "from-today"
    case beforeToday = "before-today"

    var label: String {
        switch self {
        case .fromToday: "From today"
        case .beforeToday: "Before today"
        }
    }

    /// The range's bound: the first day (from today) or the last (before today).
    func bound(today: CalendarDate) -> CalendarDate? {
        switch self {
        case .fromToday: today
        case .beforeToday: today.adding(days: -1)
        }
    }

    /// The direction a list sorted by the filtered date should take: the nearest days first.
    var sortsDescending: Bool { self == .beforeToday }
}
