/// Checked API credentials kept for a moment (`PALESTRA_API_TOKEN_CACHE_SECONDS`, 1 s by default), so a client
/// that sends many requests with one token is looked up in PostgreSQL once a moment rather than once a request:
/// that round trip was a fifth of the API list's cost (2,750 against 3,430 requests/s, `make bench-lessons`).
///
/// What it costs: a token revoked, or a user deactivated or given another role, may still be taken for up to that
/// long by a server process that checked it just before. A revocation made through this process (the account page,
/// a user's tokens page) empties the cache at once. Only tokens that were accepted are kept, never a refusal, and
/// never beyond ``capacity`` entries. The key is the secret itself, which the process holds while it reads the
/// request anyway.
final class APICredentialCache: Sendable {
    let lifetime: Duration
    /// The most entries kept; past it the expired ones go, and if none has, all of them (``RecentMemory``).
    static let capacity = 10_000
    private let credentials: RecentMemory<APICredential>

    init(lifetime: Duration) {
        self.lifetime = lifetime
        credentials = RecentMemory(lifetime: lifetime, capacity: Self.capacity)
    }

    /// The credential `secret` stood for less than ``lifetime`` ago, if any.
    func credential(for secret: String, now: ContinuousClock.Instant = .now) -> APICredential? {
        credentials.value(secret, now: now)
    }

    func keep(_ credential: APICredential, for secret: String, now: ContinuousClock.Instant = .now) {
        guard lifetime > .zero else { return }
        credentials.remember(secret, credential, now: now)
    }

    func removeAll() {
        credentials.forgetAll()
    }

    var count: Int { credentials.count }
}
