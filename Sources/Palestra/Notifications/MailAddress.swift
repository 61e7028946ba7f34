/// A mailbox as a mail header names it: an optional display name and an address,
/// `Palestra <noreply@palestra.example>` or `noreply@palestra.example`.
public struct MailAddress: Sendable, Equatable {
    public let displayName: String
    public let address: String

    /// The sender when `PALESTRA_MAIL_FROM` is not set.
    public static let defaultSender = MailAddress(displayName: "Palestra", address: "noreply@palestra.example")

    init(displayName: String, address: String) {
        self.displayName = displayName
        self.address = address
    }

    /// Reads `Name <address>`, `"Quoted, Name" <address>` or a bare `address`; `nil` when it is not one
    /// (no `@`, spaces or angle brackets in the address, control characters anywhere).
    public init?(_ text: String) {
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var name = ""
        var address = trimmed
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
                name = String(name.dropFirst().dropLast()).replacing("\\\"", with: "\"").replacing("\\\\", with: "\\")
            }
        }
        guard Self.isAddress(address) else { return nil }
        self.init(displayName: name, address: address)
    }

    /// One `@` with something on each side and a dotted domain; nothing a header would misread.
    static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), text.utf8.count <= 254 else { return false }
        return !text.contains { $0.isWhitespace || "<>()[],;:\"\\".contains($0) }
    }

    /// The mailbox as it goes into a header: the name as atoms, a quoted string, or RFC 2047
    /// encoded-words (non-ASCII), then the address in angle brackets.
    var headerValue: String {
        guard !displayName.isEmpty else { return address }
        return MailHeaderEncoding.phrase(displayName) + " <\(address)>"
    }

    /// The domain, for Message-IDs.
    var domain: String {
        address.split(separator: "@").last.map(String.init) ?? "palestra.example"
    }
}
