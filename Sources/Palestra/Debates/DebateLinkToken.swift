import Crypto
import Foundation

/// The secret of a private self-service link (`/debates/r/<token>`): 256 random bits, URL-safe Base64.
/// Only its SHA-256 is stored, so the database alone opens no one's registration.
struct DebateLinkToken: Sendable, Equatable {
    let value: String

    static func make() -> DebateLinkToken {
        DebateLinkToken(value: SessionToken.make())
    }

    /// A token as it came in a path, `nil` when it cannot be one of ours.
    init?(_ text: String) {
        guard SessionToken.isWellFormed(text) else { return nil }
        value = text
    }

    private init(value: String) {
        self.value = value
    }

    /// What `token_hash` holds.
    var hash: Data {
        Data(SHA256.hash(data: Data(value.utf8)))
    }
}
