import Postgres

/// The browsers that have signed in to each account (`login_devices`), by their device cookie's hash.
enum LoginDeviceStore {
    /// Records that the browser signed in to the account under its new device token; the accounts its
    /// previous token (`replacing`) stood for move to the new one.
    static func remember(_ token: String, of user: User, replacing previous: String?, on connection: any PostgresQueryable) async throws {
        if let previous {
            try await connection.execute(
                "UPDATE login_devices SET token_hash = sha256(convert_to($1, 'UTF8')) WHERE token_hash = sha256(convert_to($2, 'UTF8'))",
                [token, previous]
            )
        }
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
