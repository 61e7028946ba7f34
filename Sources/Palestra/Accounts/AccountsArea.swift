extension PageTemplate {
    static let login = PageTemplate("accounts/login", rendering: LoginView.self)
    static let account = PageTemplate("accounts/account", rendering: AccountView.self)
    static let userPassword = PageTemplate("accounts/user_password", rendering: UserPasswordView.self)
    static let userTokens = PageTemplate("accounts/user_tokens", rendering: UserTokensView.self)
}

extension Area {
    /// Users, signing in and out, one's own account (API tokens included), an administrator setting a user's
    /// password or managing their API tokens, and the daily purge of ended browser sessions.
    static let accounts = Area(
        name: "accounts",
        resources: [UsersAdmin.resource],
        templates: [.login, .account, .userPassword, .userTokens],
        routes: { surfaces, services in
            let accounts = services.accounts
            LoginController(authenticator: accounts.authenticator, browserSessions: accounts.browserSessions, views: services.views)
                .addRoutes(to: surfaces)
            AccountController(
                authenticator: accounts.authenticator, users: accounts.users, browserSessions: accounts.browserSessions,
                policy: accounts.policy, tokens: accounts.apiTokens, views: services.views
            ).addRoutes(to: surfaces.signedIn)
        },
        jobs: { registry, configuration, database in
            registry.register(PurgeEndedBrowserSessionsJob(browserSessions: BrowserSessionStore(database: database, settings: configuration.browserSessions)))
        },
        periodicJobs: { _ in
            [PeriodicJob(name: "purge-ended-sessions", schedule: .daily(hour: 3, minute: 30)) { connection in
                try await JobQueue.enqueue(PurgeEndedBrowserSessionsJob.self, .init(), on: connection)
            }]
        }
    )
}
