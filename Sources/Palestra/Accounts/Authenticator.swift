import Foundation
import Postgres

/// Signs users in and out and changes passwords, with the throttling, session rotation and audit
/// records each of those needs.
public struct Authenticator: Sendable {
    let database: PostgresClient
    let users: UserStore
    let browserSessions: BrowserSessionStore
    let attempts: LoginAttemptStore
    /// Its `dummyHash` stands in for an unknown email's hash, so that costs as much time as a wrong password.
    let hasher: PasswordHasher

    /// Checks the credentials and, when they hold, replaces the browser's session with a new one and
    /// remembers the browser as a known device of the account (`deviceToken`, its device cookie, or a new one).
    func login(email: String, password: String, address: String, previous: BrowserSession?, deviceToken: String?) async throws -> LoginOutcome {
        // What the audit log shows of the typed email: people type their password there by mistake.
        let label = EmailAddress.isValid(email) ? email : "(not an email address)"
        let attempt: Int
        switch try await attempts.begin(email: email, address: address, deviceToken: deviceToken) {
        case .locked(let until):
            if try await !attempts.refusalAudited(email: label, address: address) {
                try await AuditStore.record(
                    AuditEntry(actor: nil, action: .loginThrottled, objectType: "users", objectLabel: label, address: address),
                    on: database
                )
            }
            return .throttled(until: until)
        case .recorded(let id, let delay):
            attempt = id
            // Past a number of failures from this address, each attempt waits a little (holding no connection).
            if delay > .zero { try await Task.sleep(for: delay) }
        }
        let stored = try await users.credentials(email: email)
        let matches = await hasher.verify(password, against: stored?.passwordHash ?? hasher.dummyHash)
        guard let stored, matches, stored.isActive else {
            try await AuditStore.record(
                AuditEntry(
                    actor: nil, action: .loginFailed, objectType: "users", objectID: stored.map { String($0.user.id) },
                    objectLabel: label, address: address
                ),
                on: database
            )
            return .refused
        }
        let newHash = hasher.needsRehash(stored.passwordHash) ? try await hasher.hash(password) : nil
        // A new device token at every sign-in (a cookie planted beforehand is worth nothing afterwards),
        // standing for the accounts the old one stood for too.
        let device = SessionToken.make()
        let session = try await database.transaction { connection in
            if let newHash {
                try await users.replacePasswordHash(userID: stored.user.id, with: newHash, bumpVersion: false, on: connection)
            }
            try await attempts.succeed(attempt, on: connection)
            try await AuditStore.record(
                AuditEntry(
                    actor: stored.user, action: .login, objectType: "users", objectID: String(stored.user.id),
                    objectLabel: stored.user.email, address: address
                ),
                on: connection
            )
            try await LoginDeviceStore.remember(device, of: stored.user, replacing: deviceToken, on: connection)
            return try await browserSessions.signIn(stored.user, replacing: previous, on: connection)
        }
        return .signedIn(session, deviceToken: device)
    }

    func logout(_ session: BrowserSession, user: User, address: String) async throws {
        try await database.transaction { connection in
            try await browserSessions.end(session, on: connection)
            try await AuditStore.record(
                AuditEntry(
                    actor: user, action: .logout, objectType: "users", objectID: String(user.id),
                    objectLabel: user.email, address: address
                ),
                on: connection
            )
        }
    }

    /// Whether `password` is the user's current password; wrong guesses count against the account like
    /// failed sign-ins, so a stolen session cannot guess the password at leisure.
    func checkCurrentPassword(_ password: String, of user: User, address: String, deviceToken: String?) async throws -> PasswordCheck {
        let attempt: Int
        switch try await attempts.begin(email: user.email, address: address, deviceToken: deviceToken) {
        case .locked(let until): return .throttled(until: until)
        case .recorded(let id, let delay):
            attempt = id
            if delay > .zero { try await Task.sleep(for: delay) }
        }
        guard let stored = try await users.credentials(userID: user.id),
              await hasher.verify(password, against: stored.passwordHash)
        else { return .wrong }
        try await attempts.succeed(attempt, on: database)
        return .right
    }

    /// Sets a new password for `user`. A user changing their own keeps `keeping` (the session that
    /// made the change) and loses every other; an administrator setting someone's password ends all of
    /// that user's sessions.
    func setPassword(
        _ password: String, for user: User, by actor: User, keeping: BrowserSession?, address: String
    ) async throws {
        let hash = try await hasher.hash(password)
        try await database.transaction { connection in
            try await users.replacePasswordHash(userID: user.id, with: hash, bumpVersion: true, on: connection)
            try await BrowserSessionStore.endAll(ofUser: user.id, keeping: keeping, on: connection)
            if actor.id != user.id { try await LoginDeviceStore.forgetAll(of: user.id, on: connection) }
            try await AuditStore.record(
                AuditEntry(
                    actor: actor, action: actor.id == user.id ? .passwordChange : .passwordSet, objectType: "users",
                    objectID: String(user.id), objectLabel: user.email, address: address
                ),
                on: connection
            )
        }
    }
}
