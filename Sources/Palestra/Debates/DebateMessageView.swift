import Mustache

/// A public page that says one thing: registered (with the private link), already registered, refused.
struct DebateMessageView: Sendable {
    let heading: String
    let message: String
    let linkURL: String
    let linkLabel: String
    let hasLink: Bool
    let backURL: String
    let backLabel: String

    init(heading: String, message: String, link: (url: String, label: String)? = nil, back: (url: String, label: String)) {
        self.heading = heading
        self.message = message
        linkURL = link?.url ?? ""
        linkLabel = link?.label ?? ""
        hasLink = link != nil
        backURL = back.url
        backLabel = back.label
    }
}

extension DebateMessageView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("heading", \.heading), .text("message", \.message), .text("linkURL", \.linkURL), .text("linkLabel", \.linkLabel),
        .bool("hasLink", \.hasLink), .text("backURL", \.backURL), .text("backLabel", \.backLabel),
    ])
}
