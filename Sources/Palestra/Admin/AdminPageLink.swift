import Mustache

/// A page number (or a gap) in a change list's pagination.
struct AdminPageLink: Sendable {
    let label: String
    let url: String
    let isCurrent: Bool
    let isGap: Bool

    /// First and last two pages, two on each side of the current one, gaps between.
    static func links(current: Int, count: Int, url: (Int) -> String) -> [AdminPageLink] {
        guard count > 1 else { return [] }
        var shown = Set([1, 2, count - 1, count])
        for page in (current - 2)...(current + 2) where (1...count).contains(page) { shown.insert(page) }
        var links: [AdminPageLink] = []
        var previous = 0
        for page in shown.filter({ (1...count).contains($0) }).sorted() {
            if page > previous + 1 { links.append(AdminPageLink(label: "…", url: "", isCurrent: false, isGap: true)) }
            links.append(AdminPageLink(label: String(page), url: url(page), isCurrent: page == current, isGap: false))
            previous = page
        }
        return links
    }
}

extension AdminPageLink: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .text("url", \.url), .bool("isCurrent", \.isCurrent), .bool("isGap", \.isGap),
    ])
}
