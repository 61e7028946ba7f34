/// How debate registration behaves (`PALESTRA_REGISTRATION_…`, `PALESTRA_SITE_URL`, `PALESTRA_TELEGRAM_…`); how long a waiting-list offer holds its seat is each event's own setting.
public struct DebateSettings: Sendable, Equatable {
    /// Registration forms a client address may send in an hour; 0 turns the limit off (load tests).
    public var registrationLimitPerHour = 20
    /// Registration forms sent for one email address in an hour; 0 turns the limit off.
    public var emailLimitPerHour = 5
    /// The site's address as people reach it, for the links in mail (`https://palestra.example.org`).
    public var siteURL = "http://127.0.0.1:8080"
    /// The Telegram chat organisers follow: both set, or the channel is off.
    public var telegramBotToken: String?
    public var telegramChatID: String?
    /// The Bot API's address (a local server in tests).
    public var telegramAPIURL = "https://api.telegram.org"

    public init() {}

    var telegram: TelegramBotChat? {
        guard let telegramBotToken, let telegramChatID else { return nil }
        return TelegramBotChat(apiURL: telegramAPIURL, botToken: telegramBotToken, chatID: telegramChatID)
    }

    /// A link on this site for a mail: the site's address and `path`.
    func absolute(_ path: String) -> String {
        (siteURL.hasSuffix("/") ? String(siteURL.dropLast()) : siteURL) + path
    }
}
