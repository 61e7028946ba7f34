import Mustache

/// One entry of the main navigation.
public struct NavigationLink: Sendable, Equatable {
    public let label: String
    public let href: String
    /// The section the current page belongs to; rendered with `aria-current="page"`.
    public let isCurrent: Bool
}

extension NavigationLink: MustacheObject {
    public static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .text("href", \.href), .bool("isCurrent", \.isCurrent),
    ])
}
