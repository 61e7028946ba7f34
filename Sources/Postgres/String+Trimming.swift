extension String {
    /// Without leading and trailing whitespace and newlines.
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    /// libpq messages on one line: trimmed, inner newlines and tabs as single spaces.
    var singleLine: String {
        trimmingWhitespace.split(whereSeparator: { $0 == "\n" || $0 == "\t" || $0 == "\r" })
            .map { String($0).trimmingWhitespace }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}
