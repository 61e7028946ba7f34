import Postgres

/// Why an RRULE value was refused; `message` is an English catalog key shown beside the field.
public struct RecurrenceRuleProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
    init(_ message: String) { self.message = message }
}

extension RecurrenceRule {
    static let weekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// Parses an RRULE value as RFC 5545 writes it (`FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20270310`).
    /// UNTIL is a date (`YYYYMMDD`); a date-time (`YYYYMMDDTHHMMSSZ`) keeps its date.
    public init(rfc5545 text: String) throws(RecurrenceRuleProblem) {
        guard text.utf8.count <= 500 else { throw RecurrenceRuleProblem("The rule is too long.") }
        var parts: [String: String] = [:]
        for part in text.split(separator: ";", omittingEmptySubsequences: true) {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { throw RecurrenceRuleProblem("The rule is not in RRULE form (NAME=VALUE;…).") }
            let name = pair[0].uppercased()
            guard parts[name] == nil else { throw RecurrenceRuleProblem("The rule names a part twice.") }
            parts[name] = pair[1].uppercased()
        }
        guard let frequencyText = parts.removeValue(forKey: "FREQ") else {
            throw RecurrenceRuleProblem("The rule has no FREQ.")
        }
        guard let frequency = Frequency(rawValue: frequencyText) else {
            throw RecurrenceRuleProblem("Only DAILY, WEEKLY and MONTHLY rules are offered.")
        }
        var interval = 1
        if let text = parts.removeValue(forKey: "INTERVAL") {
            guard let value = Int(text), Self.intervalRange.contains(value) else {
                throw RecurrenceRuleProblem("The interval must be a whole number from 1 to 99.")
            }
            interval = value
        }
        var weekdays: [Int] = []
        if let text = parts.removeValue(forKey: "BYDAY") {
            guard frequency == .weekly else { throw RecurrenceRuleProblem("Weekdays go with a weekly rule only.") }
            for code in text.split(separator: ",", omittingEmptySubsequences: false) {
                guard let index = Self.weekdayCodes.firstIndex(of: String(code)) else {
                    throw RecurrenceRuleProblem("Weekdays are MO, TU, WE, TH, FR, SA and SU.")
                }
                weekdays.append(index + 1)
            }
        }
        var monthDays: [Int] = []
        if let text = parts.removeValue(forKey: "BYMONTHDAY") {
            guard frequency == .monthly else { throw RecurrenceRuleProblem("Days of the month go with a monthly rule only.") }
            for item in text.split(separator: ",", omittingEmptySubsequences: false) {
                guard let day = Int(item), (1...31).contains(day) || day == -1 else {
                    throw RecurrenceRuleProblem("A day of the month is 1 to 31, or -1 for the last day.")
                }
                monthDays.append(day)
            }
        }
        var end = End.never
        let until = parts.removeValue(forKey: "UNTIL")
        let count = parts.removeValue(forKey: "COUNT")
        switch (until, count) {
        case (.some, .some):
            throw RecurrenceRuleProblem("A rule ends by a date or by a count, not both.")
        case (.some(let text), nil):
            guard let date = Self.date(basic: text) else {
                throw RecurrenceRuleProblem("UNTIL must be a date written YYYYMMDD.")
            }
            end = .until(date)
        case (nil, .some(let text)):
            guard let value = Int(text), Self.countRange.contains(value) else {
                throw RecurrenceRuleProblem("The count must be a whole number from 1 to 1000.")
            }
            end = .count(value)
        case (nil, nil):
            break
        }
        if let weekStart = parts.removeValue(forKey: "WKST"), weekStart != "MO" {
            throw RecurrenceRuleProblem("Weeks start on Monday (WKST=MO).")
        }
        guard parts.isEmpty else {
            throw RecurrenceRuleProblem("The rule uses a part Palestra does not offer: \(parts.keys.sorted().joined(separator: ", ")).")
        }
        self.init(frequency: frequency, interval: interval, weekdays: weekdays, monthDays: monthDays, end: end)
    }

    /// The RRULE value, parts in a fixed order (`FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=6`).
    public var rfc5545: String {
        var parts = ["FREQ=\(frequency.rawValue)"]
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        if !weekdays.isEmpty { parts.append("BYDAY=" + weekdays.map { Self.weekdayCodes[$0 - 1] }.joined(separator: ",")) }
        if !monthDays.isEmpty { parts.append("BYMONTHDAY=" + monthDays.map(String.init).joined(separator: ",")) }
        switch end {
        case .never: break
        case .until(let date): parts.append("UNTIL=" + Self.basic(date))
        case .count(let count): parts.append("COUNT=\(count)")
        }
        if frequency == .weekly && interval != 1 { parts.append("WKST=MO") }
        return parts.joined(separator: ";")
    }

    /// `YYYYMMDD`, RFC 5545's DATE form.
    public static func basic(_ date: CalendarDate) -> String {
        String(date.description.filter { $0 != "-" })
    }

    /// A `YYYYMMDD` date, or the date of a `YYYYMMDDTHHMMSS[Z]` date-time.
    public static func date(basic text: String) -> CalendarDate? {
        let bytes = Array(text.utf8)
        guard bytes.count == 8 || (bytes.count >= 15 && bytes[8] == UInt8(ascii: "T")) else { return nil }
        let digits = String(decoding: bytes[0..<8], as: UTF8.self)
        guard digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        let iso = "\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))"
        return CalendarDate(iso)
    }
}
