import Postgres

/// The browsers that have signed in to each account (`login_devices`), by their device cookie's hash.
enum LoginDeviceStore {
    /// Records (or refreshes) that the browser with this device token signed in to the account.
    static func remember(_ token: String, of user: User, on connection: any PostgresQueryable) async throws {
        try await connection.execute(
            """
            INSERT INTO login_devices (token_hash, user_id) VALUES (sha256(convert_to($1, 'UTF8')), $2)
            ON CONFLICT (token_hash, user_id) DO UPDATE SET last_used_at = now()
            """,
            [token, user.id]
        )
    }

    /// Forgets every browser of the account (an administrator set a new password: whoever had it before
    /// gets no exemption from the limits).
    static func forgetAll(of userID: Int, on connection: any PostgresQueryable) async throws {
        try await connection.execute("DELETE FROM login_devices WHERE user_id = $1", [userID])
    }
}
