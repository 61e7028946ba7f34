/// A page or action of the site, declared once as a value of an area's URL type (`AttendanceURL`,
/// `AdminURL`, …): the same value gives the route pattern (`.key` parameters, `/coach/sessions/:id`)
/// and every link to it (`.value` parameters, `/coach/sessions/42`). The shape of
/// SwiftPackageIndex-Server's `SiteURL`.
public protocol SiteRoute: Sendable, CustomStringConvertible {
    /// The path: a link when every parameter is a `.value`, the route pattern when they are `.key`s.
    var path: String { get }
}

extension SiteRoute {
    public var description: String { path }
}

/// A path parameter of a ``SiteRoute``: `.key` where a route is declared, `.value` in a link.
public enum RouteParameter<Value: Sendable & CustomStringConvertible>: Sendable {
    case key
    case value(Value)

    /// The segment: `:name` for a key, the percent-encoded value for a link.
    public func segment(_ name: String) -> String {
        switch self {
        case .key: ":" + name
        case .value(let value): SiteURL.queryEscaped(value.description)
        }
    }
}

/// The query part of a link from `(name, value)` pairs whose value is not `nil`: `?month=2026-11&group=3`.
func queryString(_ items: [(String, String?)]) -> String {
    let present = items.compactMap { name, value in value.map { "\(name)=\(SiteURL.queryEscaped($0))" } }
    return present.isEmpty ? "" : "?" + present.joined(separator: "&")
}
