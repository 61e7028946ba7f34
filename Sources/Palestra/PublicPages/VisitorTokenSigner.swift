import Crypto
import Synchronization

/// Makes and checks the visitors' form tokens: HMAC-SHA256 of the visitor's cookie under the site's
/// secret (`site_secrets.visitor_csrf`), loaded from PostgreSQL once per process and kept in memory
/// (it never changes), so every server process signs and checks alike.
final class VisitorTokenSigner: Sendable {
    static let secretName = "visitor_csrf"
    let secrets: SiteSecretStore
    private let secret = Mutex<[UInt8]?>(nil)

    init(secrets: SiteSecretStore) {
        self.secrets = secrets
    }

    /// Loads the secret now (at start-up) rather than on the first public request.
    func load() async throws {
        _ = try await loadedKey()
    }

    /// The form token of a cookie value.
    func token(for cookie: String) async throws -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(cookie.utf8), using: try await loadedKey())
        return SessionToken.encode(Array(code))
    }

    /// Whether `token` is the form token of `cookie`, compared in constant time.
    func matches(_ token: String, cookie: String) async throws -> Bool {
        SessionToken.matches(token, try await self.token(for: cookie))
    }

    private func loadedKey() async throws -> SymmetricKey {
        if let bytes = secret.withLock({ $0 }) { return SymmetricKey(data: bytes) }
        // Two first requests may both read it: they get the same stored value.
        let bytes = try await secrets.secret(named: Self.secretName)
        secret.withLock { $0 = bytes }
        return SymmetricKey(data: bytes)
    }
}
