import Hummingbird

/// A method and path pattern a controller answers (`/admin/:slug/:id`, segments starting with `:`
/// match any one segment, `*` any one segment, `**` the rest).
public struct Endpoint: Sendable, Hashable {
    public let method: HTTPRequest.Method
    public let path: String

    public init(_ method: HTTPRequest.Method, _ path: String) {
        self.method = method
        self.path = path
    }

    /// Whether the pattern matches a request path.
    func matches(_ requestPath: String) -> Bool {
        let pattern = path.split(separator: "/", omittingEmptySubsequences: true)
        let segments = requestPath.split(separator: "/", omittingEmptySubsequences: true)
        for (index, part) in pattern.enumerated() {
            if part == "**" { return true }
            guard index < segments.count else { return false }
            if part == "*" || part.hasPrefix(":") { continue }
            if part != segments[index] { return false }
        }
        return pattern.count == segments.count
    }
}
