/// The ISO 4217 currencies the app offers, each with its minor unit's digits. Amounts are integers of
/// minor units (kopecks, cents; yen have none); two currencies are never added together. The admin
/// engine's money fields (``AdminField/Kind/money(currencyField:range:)``) read and show amounts by it.
struct Currency: Sendable, Equatable, Hashable {
    let code: String
    let minorDigits: Int

    static let all = [
        Currency(code: "RUB", minorDigits: 2), Currency(code: "EUR", minorDigits: 2), Currency(code: "USD", minorDigits: 2),
        Currency(code: "GBP", minorDigits: 2), Currency(code: "KZT", minorDigits: 2), Currency(code: "BYN", minorDigits: 2),
        Currency(code: "CNY", minorDigits: 2), Currency(code: "TRY", minorDigits: 2), Currency(code: "JPY", minorDigits: 0),
    ]

    static let standard = all[0]

    /// A known code's currency; an unknown one (never stored: the form offers only these) with two digits.
    static func named(_ code: String) -> Currency {
        all.first { $0.code == code } ?? Currency(code: code, minorDigits: 2)
    }

    /// `1,234.56 RUB` / `1 234,56 RUB`: minor units shown exactly, without floating point.
    func format(_ minor: Int, _ format: LocalizedFormat, withCode: Bool = true) -> String {
        amount(minor, grouped: true, format: format) + (withCode ? "\u{00A0}" + code : "")
    }

    /// The amount as a spreadsheet reads it in the reader's language: `1234.56` / `1234,56`.
    func csv(_ minor: Int, _ format: LocalizedFormat) -> String {
        amount(minor, grouped: false, format: format)
    }

    /// The amount as a money input shows it: in the reader's decimal mark, ungrouped (`1,234` would read
    /// back as a decimal), without the code.
    func input(_ minor: Int, _ format: LocalizedFormat) -> String {
        amount(minor, grouped: false, format: format)
    }

    /// The number of minor units in one major unit (100; 1 for yen).
    var scale: Int {
        var scale = 1
        for _ in 0..<minorDigits { scale *= 10 }
        return scale
    }

    private func amount(_ minor: Int, grouped: Bool, format: LocalizedFormat) -> String {
        var scale = 1
        for _ in 0..<minorDigits { scale *= 10 }
        let whole = Int(minor.magnitude / UInt(scale))
        let sign = minor < 0 ? "-" : ""
        let wholeText = grouped ? format.number(whole) : String(whole)
        guard minorDigits > 0 else { return sign + wholeText }
        let fraction = String(minor.magnitude % UInt(scale))
        let mark = format.language == .en ? "." : ","
        return sign + wholeText + mark + String(repeating: "0", count: minorDigits - fraction.count) + fraction
    }
}
