import Mustache

/// The page that asks before every registration of an event is cancelled: how many, and the field where
/// the organiser types the event's title.
struct DebateCancelAllView: Sendable {
    let heading: String
    let consequence: String
    let prompt: String
    let typed: String
    let error: String
    let hasError: Bool
    let actionURL: String
    let backURL: String
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String

    init(event: DebateEvent, active: Int, typed: String, error: String?, csrfToken: String, actionURL: String, backURL: String, localizer: Localizer) {
        heading = localizer.t("Cancel all registrations of {event}?", ["event": event.title])
        consequence = localizer.plural("{count} active registrations will be cancelled and their seats freed. This cannot be undone.", count: active)
        prompt = localizer.t("Type the event's title, {title}, to confirm:", ["title": event.title])
        self.typed = typed
        self.error = error ?? ""
        hasError = error != nil
        self.actionURL = actionURL
        self.backURL = backURL
        self.csrfToken = csrfToken
    }
}

extension DebateCancelAllView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("heading", \.heading), .text("consequence", \.consequence), .text("prompt", \.prompt), .text("typed", \.typed),
        .text("error", \.error), .bool("hasError", \.hasError), .text("actionURL", \.actionURL), .text("backURL", \.backURL),
        .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
    ])
}
