import Hummingbird
import Mustache

/// The error page's view model: a heading and an explanation for the status, and the request id
/// to quote when reporting the problem.
struct ErrorPageView: Sendable {
    let code: Int
    let heading: String
    let explanation: String
    let requestID: String

    init(status: HTTPResponse.Status, requestID: String, localizer: Localizer) {
        self.code = status.code
        self.requestID = requestID
        switch status {
        case .badRequest:
            heading = localizer.t("Bad request")
            explanation = localizer.t("The address or the form could not be read. Check it and try again.")
        case .forbidden:
            heading = localizer.t("Access denied")
            explanation = localizer.t("You are not allowed to do this, or the form has expired. Go back, reload the page and try again.")
        case .notFound:
            heading = localizer.t("Page not found")
            explanation = localizer.t("There is nothing at this address. It may have been moved or deleted.")
        case .methodNotAllowed:
            heading = localizer.t("Method not allowed")
            explanation = localizer.t("This address does not accept this kind of request.")
        case .contentTooLarge:
            heading = localizer.t("Request too large")
            explanation = localizer.t("What you sent is larger than the server accepts.")
        case .tooManyRequests:
            heading = localizer.t("Too many requests")
            explanation = localizer.t("Too many requests came from your address. Wait a little and try again.")
        case .serviceUnavailable:
            heading = localizer.t("Service unavailable")
            explanation = localizer.t("The database cannot be reached right now. Try again in a few seconds.")
        default:
            heading = localizer.t("Something went wrong")
            explanation = localizer.t("The server could not complete the request. The problem has been logged.")
        }
    }
}

extension ErrorPageView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .number("code", \.code), .text("heading", \.heading), .text("explanation", \.explanation),
        .text("requestID", \.requestID),
    ])
}
