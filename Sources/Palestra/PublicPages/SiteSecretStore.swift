import Foundation
import Postgres

/// Server secrets in PostgreSQL (`site_secrets`): made once by whichever process asks first, then
/// read by every process, so several servers sign and check with the same key.
struct SiteSecretStore: Sendable {
    let database: PostgresClient
    static let byteCount = 32

    /// The secret named `name`, made from fresh random bytes if there is none yet. Concurrent first
    /// calls from several processes all get the one that was stored.
    func secret(named name: String) async throws -> [UInt8] {
        let candidate = SessionToken.randomBytes(Self.byteCount)
        // DO UPDATE (a no-op) rather than DO NOTHING, so RETURNING gives the stored row when it exists.
        let rows = try await database.query(
            """
            INSERT INTO site_secrets (name, value) VALUES ($1, decode($2, 'base64'))
            ON CONFLICT (name) DO UPDATE SET name = excluded.name
            RETURNING encode(value, 'base64') AS value
            """,
            [name, Data(candidate).base64EncodedString()]
        )
        guard let text = try rows.first?.decode("value", as: String.self),
              let bytes = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
            throw PostgresError.decoding(column: "value", reason: "the secret \(name) cannot be read")
        }
        return Array(bytes)
    }
}
