import Postgres

/// The accounts machinery one application shares: stores, the password hasher and policy, the authenticator.
public struct AccountServices: Sendable {
    public let users: UserStore
    public let browserSessions: BrowserSessionStore
    public let hasher: PasswordHasher
    public let policy: PasswordPolicy
    let authenticator: Authenticator
    /// API tokens, with the process's one ``APICredentialCache``: the API checks them, the account page and the
    /// users' admin make and revoke them.
    let apiTokens: APITokenStore

    public init(configuration: AppConfiguration, database: PostgresClient, hasher: PasswordHasher, policy: PasswordPolicy) {
        users = UserStore(database: database)
        browserSessions = BrowserSessionStore(database: database, settings: configuration.browserSessions)
        self.hasher = hasher
        self.policy = policy
        apiTokens = APITokenStore(database: database, cache: APICredentialCache(lifetime: configuration.apiTokenCache))
        authenticator = Authenticator(
            database: database, users: users, browserSessions: browserSessions,
            attempts: LoginAttemptStore(database: database, policy: configuration.loginThrottle), hasher: hasher
        )
    }
}
