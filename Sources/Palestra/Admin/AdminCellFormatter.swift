import Foundation
import Postgres

/// Turns a value as PostgreSQL prints it (or as a form input holds it) into what a person reads.
struct AdminCellFormatter: Sendable {
    let localizer: Localizer
    let timeZone: TimeZone

    func format(_ text: String?, as format: AdminCellFormat) -> String {
        guard let text else { return "—" }
        switch format {
        case .text:
            return text
        case .boolean:
            return text == "true" || text == "t" ? localizer.t("Yes") : localizer.t("No")
        case .dateTime:
            if let moment = try? Date(postgresText: text, type: .timestamptz) {
                return localizer.format.dateTime(moment, in: timeZone)
            }
            if let local = LocalMoment(text) {
                return localizer.format.dateTime(local)
            }
            return text
        case .date:
            return CalendarDate(text).map(localizer.format.date) ?? text
        case .time:
            return TimeOfDay(text).map(localizer.format.time) ?? text
        case .number:
            return Int(text).map(localizer.format.number) ?? text
        case .choice(let choices):
            if text.hasPrefix("[") , let items = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) {
                return items.map { item in choices.first { $0.value == item }.map { localizer.t($0.label) } ?? item }
                    .joined(separator: ", ")
            }
            return choices.first { $0.value == text }.map { localizer.t($0.label) } ?? text
        case .image:
            return text
        case .weekdayTimes:
            let items = text.split(separator: ",").map { item -> String in
                let parts = item.split(separator: " ", maxSplits: 1)
                guard parts.count == 2, let day = Int(parts[0]), (1...7).contains(day) else { return String(item) }
                return shortWeekday(day) + " " + parts[1]
            }
            return items.isEmpty ? "—" : items.joined(separator: ", ")
        }
    }

    /// An ISO weekday's short name: Mon … Sun / Пн … Вс.
    func shortWeekday(_ isoWeekday: Int) -> String {
        localizer.format.shortWeekdayName(isoWeekday)
    }
}
