import Foundation

/// An API token as its owner sees it on a list: never its secret, only the first characters.
public struct APIToken: Sendable, Equatable {
    public let id: Int
    public let userID: Int
    public let name: String
    /// The secret's first characters (`pal_` and eight more), to tell tokens apart.
    public let prefix: String
    public let createdAt: Date
    public let lastUsedAt: Date?
    public let revokedAt: Date?

    /// The scheme's mark at the start of every secret, so a leaked one is recognisable (secret scanners).
    public static let secretPrefix = "pal_"
    /// How many of the random characters the display prefix keeps.
    static let visibleCharacters = 8
    /// The longest name, in characters (the table checks it too).
    public static let nameLimit = 100

    /// A new secret: the scheme's mark and 256 random bits in URL-safe Base64.
    static func makeSecret() -> String {
        secretPrefix + SessionToken.make()
    }

    /// Whether `secret` has the shape of a token, so anything else is refused before it reaches SQL.
    static func isWellFormed(_ secret: String) -> Bool {
        secret.hasPrefix(secretPrefix) && SessionToken.isWellFormed(String(secret.dropFirst(secretPrefix.count)))
    }

    /// The part of a secret kept in clear.
    static func displayPrefix(of secret: String) -> String {
        String(secret.prefix(secretPrefix.count + visibleCharacters))
    }

    /// The name trimmed, or `nil` when it is empty or longer than ``nameLimit``.
    public static func validName(_ name: String) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        return (1...nameLimit).contains(trimmed.count) ? trimmed : nil
    }
}

/// A token just made: its row, and the secret, which exists nowhere else and is shown once.
public struct IssuedAPIToken: Sendable {
    public let token: APIToken
    public let secret: String
}
