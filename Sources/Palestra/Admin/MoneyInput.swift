/// An amount of money as a person types it, read into integer minor units of its currency without
/// floating point: `1234.56`, `1234,56`, `1 234,56` (spaces, no-break spaces as group separators),
/// `1,234.56` or `1.234,56` (when both marks appear, the last is the decimal one), a leading `-` or `−`.
enum MoneyInput {
    enum Problem: Error, Equatable, Sendable {
        /// Not an amount in figures (letters, two decimal marks, a sign in the middle…).
        case malformed
        /// More digits after the decimal mark than the currency has.
        case tooManyDecimals
        /// Below zero where the field allows no negative amount.
        case negative
        /// Below or above the field's range (too large for the column).
        case outOfRange
    }

    static func parse(_ text: String, currency: Currency, range: ClosedRange<Int>) -> Result<Int, Problem> {
        var characters = Array(text.filter { !$0.isWhitespace })
        var negative = false
        if let first = characters.first, first == "-" || first == "\u{2212}" {
            negative = true
            characters.removeFirst()
        }
        let marks = characters.indices.filter { characters[$0] == "." || characters[$0] == "," }
        var whole = characters[...], fraction = characters[characters.endIndex...]
        if let last = marks.last {
            // Marks of the other kind before the decimal one group thousands; of the same kind, it is not an amount.
            let decimalMark = characters[last]
            if marks.dropLast().contains(where: { characters[$0] == decimalMark }) { return .failure(.malformed) }
            whole = characters[..<last]
            fraction = characters[(last + 1)...]
            if !marks.dropLast().isEmpty {
                let groups = String(whole).split(separator: decimalMark == "." ? "," : ".", omittingEmptySubsequences: false)
                guard groups.count > 1, (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                    return .failure(.malformed)
                }
                whole = ArraySlice(Array(groups.joined()))
            }
        }
        let digits: Set<Character> = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
        guard !(whole.isEmpty && fraction.isEmpty), whole.allSatisfy(digits.contains), fraction.allSatisfy(digits.contains),
              !(marks.last != nil && fraction.isEmpty) else {
            return .failure(.malformed)
        }
        guard fraction.count <= currency.minorDigits else { return .failure(.tooManyDecimals) }
        let wholeText = String(whole.drop { $0 == "0" })
        let fractionText = String(fraction) + String(repeating: "0", count: currency.minorDigits - fraction.count)
        // Nineteen digits and more overflow a 64-bit integer: too large for any column.
        guard wholeText.count + fractionText.count <= 18, let minor = Int(wholeText + fractionText) else {
            return wholeText.count + fractionText.count > 18 ? .failure(.outOfRange) : .failure(.malformed)
        }
        let signed = negative ? -minor : minor
        if signed < 0, range.lowerBound >= 0 { return .failure(.negative) }
        return range.contains(signed) ? .success(signed) : .failure(.outOfRange)
    }

    /// The message beside the field for a problem, in the reader's language and the currency's terms.
    static func message(_ problem: Problem, currency: Currency, range: ClosedRange<Int>, localizer: Localizer) -> String {
        switch problem {
        case .malformed:
            let example = currency.csv(1234 * currency.scale + (currency.minorDigits > 0 ? 56 : 0), localizer.format)
            return localizer.t("Enter an amount in figures, like {example}.", ["example": example])
        case .tooManyDecimals:
            return currency.minorDigits == 0
                ? localizer.t("Amounts in {currency} have no decimal places.", ["currency": currency.code])
                : localizer.t("At most {digits} digits after the decimal mark in {currency}.", ["digits": String(currency.minorDigits), "currency": currency.code])
        case .negative:
            return localizer.t("Enter an amount of zero or more.")
        case .outOfRange:
            return localizer.t("Enter an amount from {minimum} to {maximum} {currency}.", [
                "minimum": currency.format(range.lowerBound, localizer.format, withCode: false),
                "maximum": currency.format(range.upperBound, localizer.format, withCode: false),
                "currency": currency.code,
            ])
        }
    }
}
