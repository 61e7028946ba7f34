import Mustache

/// `/admin/`: the resources the user may view.
struct AdminIndexView: Sendable {
    struct Entry: Sendable {
        let label: String
        let url: String
    }

    let entries: [Entry]

    init(resources: [AdminResource], localizer: Localizer) {
        entries = resources.map { Entry(label: $0.title(localizer), url: AdminURL.changeList($0.slug)) }
    }
}

extension AdminIndexView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .list("entries", \.entries),
    ])
}

extension AdminIndexView.Entry: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .text("url", \.url),
    ])
}
