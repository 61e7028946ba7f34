extension PageTemplate {
    static let notificationInbox = PageTemplate("notifications/inbox", rendering: NotificationInboxView.self)
}

extension Area {
    /// Every signed-in user's inbox, and the delivery of notifications by mail.
    static let notifications = Area(
        name: "notifications",
        templates: [.notificationInbox],
        navigation: [NavigationEntry("Notifications", url: NotificationsURL.inbox, slot: .start)],
        settings: AreaSettings(
            variables: [
                ("PALESTRA_MAIL_TRANSPORT", "how notifications are delivered: log, maildir or sendmail (default log)"),
                ("PALESTRA_MAILDIR", "the existing folder the maildir transport writes .eml files to (required with maildir)"),
                ("PALESTRA_SENDMAIL", "the sendmail program the sendmail transport runs (default /usr/sbin/sendmail)"),
                ("PALESTRA_MAIL_FROM", "the sender of notification mail (default Palestra <noreply@palestra.example>)"),
                ("PALESTRA_NOTIFICATION_DELAY_MS", "a pause in milliseconds before each delivery, 0 to 600000 (default 0)"),
            ],
            read: { reader, configuration throws(ConfigurationError) in
                configuration.notifications = try AppConfiguration.notificationSettings(reader)
            }
        ),
        routes: { surfaces, services in
            NotificationsController(
                store: NotificationStore(database: services.database), browserSessions: services.accounts.browserSessions, views: services.views
            ).addRoutes(to: surfaces.signedIn)
        },
        jobs: { registry, configuration, _ in
            registry.registerNotificationJobs(configuration: configuration)
        }
    )
}
