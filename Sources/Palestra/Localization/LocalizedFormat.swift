import Foundation
import Postgres

/// Dates, times, weekdays, months and numbers written the way a language writes them:
/// `21 Nov 2026` / `21.11.2026`, `Saturday` / `суббота`, `1,234` / `1 234`.
///
/// A date has two styles per language, and every page uses them: the **short** one (``date(_:)``:
/// `21 Nov 2026` / `21.11.2026`) in tables, titles and with a time (``dateTime(_:in:)``), and the **long**
/// one (``longDate(_:)``: `Saturday, 21 November 2026` / `суббота, 21 ноября 2026`) wherever a day is
/// named with its weekday. A weekday is never put before the short style by hand.
public struct LocalizedFormat: Sendable {
    public let language: Language

    /// A short date: `21 Nov 2026` in English, `21.11.2026` in Russian.
    public func date(_ date: CalendarDate) -> String {
        switch language {
        case .en:
            return "\(date.day) \(Self.englishMonths[date.month - 1].prefix(3)) \(date.year)"
        case .ru:
            return "\(twoDigits(date.day)).\(twoDigits(date.month)).\(date.year)"
        }
    }

    /// A date with its weekday: `Saturday, 21 November 2026` / `суббота, 21 ноября 2026`.
    public func longDate(_ date: CalendarDate) -> String {
        switch language {
        case .en:
            return "\(weekday(date)), \(date.day) \(Self.englishMonths[date.month - 1]) \(date.year)"
        case .ru:
            return "\(weekday(date)), \(date.day) \(Self.russianMonthsGenitive[date.month - 1]) \(date.year)"
        }
    }

    /// The weekday's name: `Saturday` / `суббота`.
    public func weekday(_ date: CalendarDate) -> String {
        weekdayName(date.weekday)
    }

    /// The name of an ISO weekday (1 = Monday … 7 = Sunday).
    public func weekdayName(_ isoWeekday: Int) -> String {
        let index = ((isoWeekday - 1) % 7 + 7) % 7
        switch language {
        case .en: return Self.englishWeekdays[index]
        case .ru: return Self.russianWeekdays[index]
        }
    }

    /// An ISO weekday's short name, for column headings and weekly schedules: `Mon` … `Sun` / `Пн` … `Вс`.
    public func shortWeekdayName(_ isoWeekday: Int) -> String {
        let index = ((isoWeekday - 1) % 7 + 7) % 7
        switch language {
        case .en: return String(Self.englishWeekdays[index].prefix(3))
        case .ru: return Self.russianWeekdaysShort[index]
        }
    }

    /// A month's name standing alone, as in a calendar heading: `November` / `ноябрь`.
    public func monthName(_ month: Int) -> String {
        guard (1...12).contains(month) else { return String(month) }
        switch language {
        case .en: return Self.englishMonths[month - 1]
        case .ru: return Self.russianMonths[month - 1]
        }
    }

    /// A time of day, 24-hour in both languages: `18:30`.
    public func time(_ time: TimeOfDay) -> String {
        "\(twoDigits(time.hour)):\(twoDigits(time.minute))"
    }

    /// A moment shown in the organisation's time zone: `21 Nov 2026, 18:30` / `21.11.2026 18:30`.
    public func dateTime(_ moment: Date, in timeZone: TimeZone) -> String {
        guard let (day, clock) = CalendarDate.split(moment, in: timeZone) else {
            return moment.formatted(.iso8601)
        }
        switch language {
        case .en: return "\(date(day)), \(time(clock))"
        case .ru: return "\(date(day)) \(time(clock))"
        }
    }

    /// A wall-clock moment (a `timestamp` without zone), in the same style as ``dateTime(_:in:)``.
    public func dateTime(_ moment: LocalMoment) -> String {
        switch language {
        case .en: return "\(date(moment.date)), \(time(moment.time))"
        case .ru: return "\(date(moment.date)) \(time(moment.time))"
        }
    }

    /// A whole number with the language's grouping: `1,234,567` / `1 234 567` (no-break spaces).
    public func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        let separator: Character = language == .en ? "," : "\u{00A0}"
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped.append(separator) }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// A decimal number with `fractionDigits` places: `1,234.50` / `1 234,50`.
    public func decimal(_ value: Double, fractionDigits: Int = 2) -> String {
        decimal(value, fractionDigits: fractionDigits, grouped: true)
    }

    // MARK: CSV for spreadsheets

    /// What separates a CSV's fields so that a spreadsheet program set to this language splits them into
    /// columns: `,` in English; `;` in Russian, whose Excel takes the comma for the decimal mark.
    public var csvSeparator: Character {
        switch language {
        case .en: ","
        case .ru: ";"
        }
    }

    /// A number in a CSV as such a spreadsheet reads it: no grouping, the language's decimal mark
    /// (`1234.5` / `1234,5`).
    public func csvDecimal(_ value: Double, fractionDigits: Int) -> String {
        decimal(value, fractionDigits: fractionDigits, grouped: false)
    }

    private func decimal(_ value: Double, fractionDigits: Int, grouped: Bool) -> String {
        let fractionDigits = min(max(fractionDigits, 0), 6)
        guard value.isFinite, abs(value) < 1e12 else { return value.formatted() }
        let scale = pow(10.0, Double(fractionDigits))
        let scaled = Int((abs(value) * scale).rounded())
        let whole = grouped ? number(scaled / Int(scale)) : String(scaled / Int(scale))
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard fractionDigits > 0 else { return sign + whole }
        let fraction = String(scaled % Int(scale))
        let padded = String(repeating: "0", count: fractionDigits - fraction.count) + fraction
        return sign + whole + (language == .en ? "." : ",") + padded
    }

    private func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    static let englishWeekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let russianWeekdays = ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"]
    static let russianWeekdaysShort = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
    static let englishMonths = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
    static let russianMonths = [
        "январь", "февраль", "март", "апрель", "май", "июнь",
        "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
    ]
    static let russianMonthsGenitive = [
        "января", "февраля", "марта", "апреля", "мая", "июня",
        "июля", "августа", "сентября", "октября", "ноября", "декабря",
    ]
}
