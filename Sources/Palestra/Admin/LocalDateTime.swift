import Postgres

/// A wall-clock date and time as a `datetime-local` input sends it (`2026-11-21T14:30`, seconds optional).
struct LocalDateTime: Sendable, Equatable {
    let date: CalendarDate
    let hour: Int
    let minute: Int

    init?(_ text: String) {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard parts.count == 2, let date = CalendarDate(String(parts[0])), let time = Self.time(String(parts[1])) else {
            return nil
        }
        self.date = date
        self.hour = time.hour
        self.minute = time.minute
    }

    /// `HH:MM` or `HH:MM:SS`, 00:00–23:59.
    static func time(_ text: String) -> (hour: Int, minute: Int)? {
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        guard pieces.count == 2 || pieces.count == 3, pieces.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let hour = Int(pieces[0]), let minute = Int(pieces[1]), (0...23).contains(hour), (0...59).contains(minute),
              pieces.count == 2 || Int(pieces[2]).map({ (0...59).contains($0) }) == true
        else { return nil }
        return (hour, minute)
    }
}
