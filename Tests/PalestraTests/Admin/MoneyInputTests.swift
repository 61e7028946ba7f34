@testable import Palestra
import Testing

/// Amounts as people type them, read into integer minor units without floating point.
@Suite("Money input")
struct MoneyInputTests {
    static let rub = Currency.named("RUB"), jpy = Currency.named("JPY")
    static let signed = -1_000_000...1_000_000

    @Test("either decimal mark, spaces and no-break spaces between groups, both marks when grouped")
    func accepted() {
        let cases: [(String, Currency, Int)] = [
            ("1234.56", Self.rub, 123_456), ("1234,56", Self.rub, 123_456), ("1 234,56", Self.rub, 123_456),
            ("1\u{00A0}234,5", Self.rub, 123_450), ("1\u{202F}234.05", Self.rub, 123_405), ("1,234.56", Self.rub, 123_456),
            ("1.234,56", Self.rub, 123_456), ("0,5", Self.rub, 50), (",5", Self.rub, 50), ("-12.30", Self.rub, -1230),
            ("\u{2212}7", Self.rub, -700), ("1 234", Self.jpy, 1234), ("007", Self.jpy, 7),
        ]
        for (text, currency, minor) in cases {
            #expect(MoneyInput.parse(text, currency: currency, range: Self.signed) == .success(minor), "\(text)")
        }
    }

    @Test("letters, stray marks, more decimals than the currency has, negative where none is allowed, overflow")
    func refused() {
        let cases: [(String, Currency, ClosedRange<Int>, MoneyInput.Problem)] = [
            ("12abc", Self.rub, Self.signed, .malformed), ("1e5", Self.rub, Self.signed, .malformed), ("1.2.3", Self.rub, Self.signed, .malformed),
            ("12.", Self.rub, Self.signed, .malformed), ("-", Self.rub, Self.signed, .malformed), ("1-2", Self.rub, Self.signed, .malformed),
            ("12,34.56", Self.rub, Self.signed, .malformed), ("١٢", Self.rub, Self.signed, .malformed),
            ("12.345", Self.rub, Self.signed, .tooManyDecimals), ("12.5", Self.jpy, Self.signed, .tooManyDecimals),
            ("1,234", Self.jpy, Self.signed, .tooManyDecimals),
            ("-1", Self.rub, 0...1_000_000, .negative), ("10000.01", Self.rub, Self.signed, .outOfRange),
            ("99999999999999999999999", Self.rub, Int.min...Int.max, .outOfRange),
        ]
        for (text, currency, range, problem) in cases {
            #expect(MoneyInput.parse(text, currency: currency, range: range) == .failure(problem), "\(text)")
        }
    }
}
