import Foundation

/// `{today}` in a change-list column's expression or a panel's query: the organisation's date. The
/// database session runs in UTC, so SQL's `current_date` is yesterday for the first hours of a day east of
/// Greenwich; the zone is bound as a parameter, once per statement, and only when an expression uses it.
struct TodayParameter {
    let timeZone: TimeZone
    private var placeholder: String?

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    mutating func expand(_ expression: String, _ parameters: inout SQLParameters) -> String {
        guard expression.contains("{today}") else { return expression }
        let today = placeholder ?? "(now() AT TIME ZONE \(parameters.bind(timeZone.identifier)))::date"
        placeholder = today
        return expression.replacingOccurrences(of: "{today}", with: today)
    }
}
