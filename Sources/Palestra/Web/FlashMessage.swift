import Mustache

/// A one-time message shown at the top of the next page, kept in the session between a redirect
/// and the page it leads to.
public struct FlashMessage: Sendable, Equatable, Codable {
    /// `success`, `info`, `warning` or `error`: the CSS modifier `flash--<kind>`.
    public let kind: String
    public let message: String

    public static func success(_ message: String) -> FlashMessage { FlashMessage(kind: "success", message: message) }
    public static func error(_ message: String) -> FlashMessage { FlashMessage(kind: "error", message: message) }
    public static func info(_ message: String) -> FlashMessage { FlashMessage(kind: "info", message: message) }
}

extension FlashMessage: MustacheObject {
    public static let mustacheTable = MustacheTable(for: Self.self, [
        .text("kind", \.kind), .text("message", \.message),
    ])
}
