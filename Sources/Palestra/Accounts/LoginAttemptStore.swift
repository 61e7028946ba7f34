import Foundation
import Postgres

/// Login attempts in PostgreSQL, so throttling holds across processes and restarts.
///
/// An attempt is recorded as a failure *before* its password is checked, under advisory locks on its
/// account, its address and its device, and turned into a success afterwards if the password was right;
/// so attempts racing in parallel count against the limits as they come, not after they finish. The
/// limits are ``LoginThrottlePolicy``'s: a known device (one that signed in to the account before) is
/// judged by its own failures only.
struct LoginAttemptStore: Sendable {
    let database: PostgresClient
    let policy: LoginThrottlePolicy

    /// The attempt's row id and how long to wait before checking its password, or until when attempts for
    /// this account or from this address are refused. `deviceToken` is the browser's device cookie, if any.
    func begin(email: String, address: String, deviceToken: String?) async throws -> LoginAttemptStart {
        try await database.transaction { connection in
            try await connection.execute("SELECT pg_advisory_xact_lock(hashtext('login account ' || lower($1)))", [email])
            try await connection.execute("SELECT pg_advisory_xact_lock(hashtext('login address ' || $1))", [address])
            // A known device is judged by its own failures only: exempt from the account's and the address's
            // limits (nobody can lock its user out), refused once it has used up its own.
            if let device = try await knownDevice(deviceToken, email: email, on: connection) {
                if let until = try await deviceLockedUntil(device, on: connection) { return .locked(until: until) }
                let id: Int = try await connection.query(
                    "INSERT INTO login_attempts (email, address, succeeded, device) VALUES ($1, $2, false, $3) RETURNING id",
                    [email, address, device]
                )[0].decode("id")
                return .recorded(id: id, delay: .zero)
            }
            if let until = try await lockedUntil(email: email, address: address, on: connection) {
                return .locked(until: until)
            }
            let failures: Int = try await connection.query(
                """
                SELECT count(*)::int AS failures FROM login_attempts
                WHERE address = $1 AND NOT succeeded AND device IS NULL AND attempted_at > now() - $2 * interval '1 second'
                """,
                [address, policy.window.wholeSeconds]
            )[0].decode("failures")
            let id: Int = try await connection.query(
                "INSERT INTO login_attempts (email, address, succeeded) VALUES ($1, $2, false) RETURNING id",
                [email, address]
            )[0].decode("id")
            // Attempts older than a day help nobody: they go a few at a time.
            try await connection.execute(
                """
                DELETE FROM login_attempts WHERE id IN (
                    SELECT id FROM login_attempts WHERE attempted_at < now() - interval '1 day' LIMIT 100
                )
                """
            )
            return .recorded(id: id, delay: policy.delay(afterAddressFailures: failures))
        }
    }

    /// The device's token hash, when the browser's device cookie stands for the account with this email.
    private func knownDevice(_ token: String?, email: String, on connection: PostgresConnection) async throws -> Data? {
        guard let token else { return nil }
        try await connection.execute("SELECT pg_advisory_xact_lock(hashtext('login device ' || $1))", [token])
        return try await connection.query(
            """
            SELECT d.token_hash FROM login_devices d JOIN users u ON u.id = d.user_id
            WHERE d.token_hash = sha256(convert_to($1, 'UTF8')) AND u.email = $2
            """,
            [token, email]
        ).first?.decode("token_hash", as: Data.self)
    }

    /// Until when the device is refused: while its `deviceLimit`-th latest failure since its last success is inside the window.
    private func deviceLockedUntil(_ device: Data, on connection: PostgresConnection) async throws -> Date? {
        try await connection.query(
            """
            SELECT attempted_at + $2 * interval '1 second' AS locked_until FROM login_attempts
            WHERE device = $1 AND NOT succeeded AND attempted_at > now() - $2 * interval '1 second'
              AND attempted_at > coalesce((SELECT max(attempted_at) FROM login_attempts WHERE device = $1 AND succeeded), '-infinity')
            ORDER BY attempted_at DESC OFFSET $3 LIMIT 1
            """,
            [device, policy.window.wholeSeconds, policy.deviceLimit - 1]
        ).first?.decode("locked_until", as: Date.self)
    }

    /// The password was right: the attempt counts as a success (which also clears the account's count,
    /// and a known device's).
    func succeed(_ id: Int, on connection: any PostgresQueryable) async throws {
        try await connection.execute("UPDATE login_attempts SET succeeded = true WHERE id = $1", [id])
    }

    /// Until when attempts from unknown devices are refused, or `nil`. An account is locked while its
    /// `accountLimit`-th latest failure from unknown devices (since its last success) is inside the window;
    /// the lock lifts when that failure leaves the window. Likewise per address.
    private func lockedUntil(email: String, address: String, on connection: PostgresConnection) async throws -> Date? {
        let rows = try await connection.query(
            """
            SELECT greatest(
                (SELECT attempted_at FROM login_attempts
                 WHERE email = $1 AND NOT succeeded AND device IS NULL AND attempted_at > now() - $3 * interval '1 second'
                   AND attempted_at > coalesce(
                       (SELECT max(attempted_at) FROM login_attempts WHERE email = $1 AND succeeded), '-infinity')
                 ORDER BY attempted_at DESC OFFSET $4 LIMIT 1),
                (SELECT attempted_at FROM login_attempts
                 WHERE address = $2 AND NOT succeeded AND device IS NULL AND attempted_at > now() - $3 * interval '1 second'
                 ORDER BY attempted_at DESC OFFSET $5 LIMIT 1)
            ) + $3 * interval '1 second' AS locked_until
            """,
            [email, address, policy.window.wholeSeconds, policy.accountLimit - 1, policy.addressLimit - 1]
        )
        return try rows.first?.decode("locked_until", as: Date?.self)
    }

    /// Whether a refusal was already written to the audit log for this account and address within the
    /// window (one record per lock is enough; a flood of refusals must not bury the log).
    func refusalAudited(email: String, address: String) async throws -> Bool {
        try await database.query(
            """
            SELECT EXISTS (
                SELECT 1 FROM audit_records
                WHERE action = 'login_throttled' AND object_label = $1 AND address = $2
                  AND occurred_at > now() - $3 * interval '1 second'
            ) AS audited
            """,
            [email, address, policy.window.wholeSeconds]
        )[0].decode("audited")
    }
}
