import Foundation
import Postgres

/// API tokens in PostgreSQL. The table holds the SHA-256 of each secret, never the secret.
///
/// A secret is found by its hash through a unique index: how long the lookup takes can tell an
/// attacker something about the hash of what they sent, never about a stored secret.
public struct APITokenStore: Sendable {
    let database: PostgresClient
    /// Credentials checked a moment ago (the server's stores share one); `nil` checks every request.
    let cache: APICredentialCache?
    /// `last_used_at` is written at most this often, so using the API does not always write.
    static let touchInterval: Duration = .seconds(60)

    public init(database: PostgresClient) {
        self.database = database
        cache = nil
    }

    init(database: PostgresClient, cache: APICredentialCache?) {
        self.database = database
        self.cache = cache
    }

    /// Makes a token for a user; `nil` when no user has that id. The secret is returned once.
    public func create(userID: Int, name: String) async throws -> IssuedAPIToken? {
        try await insert(owner: "id = $1", userID, name: name)
    }

    /// Makes a token for the user with that email (the command line's way); `nil` when there is none.
    public func create(email: String, name: String) async throws -> IssuedAPIToken? {
        try await insert(owner: "email = $1", email, name: name)
    }

    /// `owner` is one of the two fixed conditions above; the value is bound.
    private func insert(owner condition: String, _ value: any PostgresEncodable, name: String) async throws -> IssuedAPIToken? {
        let secret = APIToken.makeSecret()
        let rows = try await database.query(
            """
            INSERT INTO api_tokens (user_id, name, token_hash, prefix)
            SELECT id, $2, sha256(convert_to($3, 'UTF8')), $4 FROM users WHERE \(condition)
            RETURNING \(Self.columns)
            """,
            [value, name, secret, APIToken.displayPrefix(of: secret)]
        )
        return try rows.first.map { IssuedAPIToken(token: try Self.token(from: $0), secret: secret) }
    }

    /// The credential a secret stands for: not revoked, its user active (as of ``APICredentialCache/lifetime``
    /// ago at most, with a cache). Writes `last_used_at` at most once a minute.
    func authenticate(secret: String) async throws -> APICredential? {
        guard APIToken.isWellFormed(secret) else { return nil }
        if let known = cache?.credential(for: secret) { return known }
        let rows = try await database.query(
            """
            SELECT t.id AS token_id,
                   t.last_used_at IS NULL OR t.last_used_at < now() - $2 * interval '1 second' AS stale,
                   u.id, u.email::text AS email, u.display_name, u.role, u.language
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = sha256(convert_to($1, 'UTF8')) AND t.revoked_at IS NULL AND u.is_active
            """,
            [secret, Self.touchInterval.wholeSeconds]
        )
        guard let row = rows.first else { return nil }
        let credential = APICredential(tokenID: try row.decode("token_id"), user: try User(row: row))
        if try row.decode("stale", as: Bool.self) {
            try await database.execute("UPDATE api_tokens SET last_used_at = now() WHERE id = $1", [credential.tokenID])
        }
        cache?.keep(credential, for: secret)
        return credential
    }

    /// A user's tokens, newest first, revoked ones included.
    public func tokens(ofUser userID: Int) async throws -> [APIToken] {
        let rows = try await database.query(
            "SELECT \(Self.columns) FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id DESC", [userID]
        )
        return try rows.map(Self.token(from:))
    }

    /// Revokes a token (of `userID` only, when given: a user revoking their own); false when there is
    /// no such live token.
    public func revoke(id: Int, ofUser userID: Int? = nil) async throws -> Bool {
        // Emptied even when nothing was revoked here: the token may have been revoked elsewhere a moment ago.
        defer { cache?.removeAll() }
        return try await database.execute(
            """
            UPDATE api_tokens SET revoked_at = now()
            WHERE id = $1 AND revoked_at IS NULL AND ($2::bigint IS NULL OR user_id = $2)
            """,
            [id, userID]
        ) == 1
    }

    private static let columns = "id, user_id, name, prefix, created_at, last_used_at, revoked_at"

    private static func token(from row: PostgresRow) throws -> APIToken {
        APIToken(
            id: try row.decode("id"), userID: try row.decode("user_id"), name: try row.decode("name"),
            prefix: try row.decode("prefix"), createdAt: try row.decode("created_at"),
            lastUsedAt: try row.decode("last_used_at"), revokedAt: try row.decode("revoked_at")
        )
    }
}
