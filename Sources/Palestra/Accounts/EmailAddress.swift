/// The shape an email address must have to be stored: one `@`, something before it, a domain with a
/// dot after it, no spaces or control characters, at most 254 characters (RFC 5321's path limit).
enum EmailAddress {
    static func isValid(_ text: String) -> Bool {
        guard text.unicodeScalars.count <= 254, !text.contains(where: { $0.isWhitespace || $0.unicodeScalars.contains { $0.value < 0x20 } }) else {
            return false
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].unicodeScalars.count <= 64 else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
    }
}
