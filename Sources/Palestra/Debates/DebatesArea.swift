import Foundation
import Postgres

extension PageTemplate {
    static let debateEvent = PageTemplate("debates/event", rendering: DebateEventView.self)
    static let debateConfirm = PageTemplate("debates/confirm", rendering: DebateConfirmView.self)
    static let debateMessage = PageTemplate("debates/message", rendering: DebateMessageView.self)
    static let debateRegistration = PageTemplate("debates/registration", rendering: DebateRegistrationView.self)
    static let debateOffer = PageTemplate("debates/offer", rendering: DebateOfferView.self)
    static let debateStatistics = PageTemplate("debates/statistics", rendering: DebateStatisticsView.self)
    static let debateCounterCheck = PageTemplate("debates/check", rendering: DebateCounterCheckView.self)
    static let debateCancelAll = PageTemplate("debates/cancel_all", rendering: DebateCancelAllView.self)
}

extension Area {
    /// Debate registration: the public pages, the organisers' resources and statistics, the waiting
    /// list's offers and the notices every change sends.
    static let debates = Area(
        name: "debates",
        resources: [DebateEventsAdmin.resource, DebatePoolsAdmin.resource, DebateCasesAdmin.resource, DebateRegistrationsAdmin.resource],
        templates: [.debateEvent, .debateConfirm, .debateMessage, .debateRegistration, .debateOffer, .debateStatistics, .debateCounterCheck, .debateCancelAll],
        navigation: [NavigationEntry("Debate statistics", url: DebateAdminURL.statistics, policy: .admins, slot: .reports)],
        settings: AreaSettings(
            variables: [
                ("PALESTRA_REGISTRATION_LIMIT_PER_HOUR", "debate registration forms one client address may send in an hour; 0 turns the limit off (default 20)"),
                ("PALESTRA_REGISTRATION_EMAIL_LIMIT_PER_HOUR", "debate registration forms sent for one email address in an hour; 0 turns the limit off (default 5)"),
                ("PALESTRA_SITE_URL", "the site's address as people reach it, for links in mail (default http://127.0.0.1:8080)"),
                ("PALESTRA_TELEGRAM_BOT_TOKEN", "the Telegram bot that tells organisers of registrations (with PALESTRA_TELEGRAM_CHAT_ID; off when unset)"),
                ("PALESTRA_TELEGRAM_CHAT_ID", "the Telegram chat the bot writes to"),
                ("PALESTRA_TELEGRAM_API_URL", "the Bot API's address (default https://api.telegram.org)"),
            ],
            read: { reader, configuration throws(ConfigurationError) in
                var settings = configuration.debates
                if let limit = try reader.integer("PALESTRA_REGISTRATION_LIMIT_PER_HOUR", in: 0...1_000_000) { settings.registrationLimitPerHour = limit }
                if let limit = try reader.integer("PALESTRA_REGISTRATION_EMAIL_LIMIT_PER_HOUR", in: 0...1_000_000) { settings.emailLimitPerHour = limit }
                for name in ["PALESTRA_SITE_URL", "PALESTRA_TELEGRAM_API_URL"] {
                    guard let url = reader.string(name) else { continue }
                    guard url.hasPrefix("http://") || url.hasPrefix("https://"), URL(string: url)?.host != nil else {
                        throw ConfigurationError(variable: name, problem: "must be an http:// or https:// address")
                    }
                    if name == "PALESTRA_SITE_URL" { settings.siteURL = url } else { settings.telegramAPIURL = url }
                }
                settings.telegramBotToken = reader.string("PALESTRA_TELEGRAM_BOT_TOKEN")
                settings.telegramChatID = reader.string("PALESTRA_TELEGRAM_CHAT_ID")
                if (settings.telegramBotToken == nil) != (settings.telegramChatID == nil) {
                    throw ConfigurationError(variable: "PALESTRA_TELEGRAM_CHAT_ID", problem: "and PALESTRA_TELEGRAM_BOT_TOKEN are set together or not at all")
                }
                configuration.debates = settings
            }
        ),
        routes: { surfaces, services in
            let store = DebateStore(database: services.database)
            let seats = DebateSeatStore(database: services.database)
            let waitlist = DebateWaitlistStore(database: services.database)
            DebatePublicController(
                store: store, seats: seats, waitlist: waitlist, rateLimits: RateLimitStore(database: services.database),
                settings: services.configuration.debates, views: services.views
            ).addRoutes(to: surfaces.publicPages)
            DebateLinkController(store: store, seats: seats, waitlist: waitlist, views: services.views).addRoutes(to: surfaces.publicPages)
            DebateStatisticsController(database: services.database, browserSessions: services.accounts.browserSessions, views: services.views).addRoutes(to: surfaces.signedIn.restricted(to: .admins))
        },
        jobs: { registry, configuration, _ in
            let localizer = DebateCatalogs.localizer(configuration)
            registry.register(MailDebateLinkJob(notifications: configuration.notifications, debates: configuration.debates, localizer: localizer))
            registry.register(MailDebateOfferJob(
                notifications: configuration.notifications, debates: configuration.debates, localizer: localizer, timeZone: configuration.timeZone
            ))
            registry.register(ExpireDebateOfferJob())
            registry.register(DebateChangeNoticeJob(localizer: localizer, telegram: configuration.debates.telegram))
            registry.register(SendTelegramMessageJob(chat: configuration.debates.telegram))
        }
    )
}

/// The catalogs for what jobs write (mail, notices), which have no request to take a language from.
enum DebateCatalogs {
    /// The organisation's language's localizer, read from the templates folder.
    static func localizer(_ configuration: AppConfiguration) -> Localizer {
        let directory = "\(configuration.templatesDirectory)/locales"
        do {
            return try Localizations(directory: directory).localizer(for: configuration.defaultLanguage)
        } catch {
            preconditionFailure("the catalogs in \(directory) cannot be read: \(error)")
        }
    }
}
