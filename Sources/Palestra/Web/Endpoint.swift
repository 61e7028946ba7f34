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

extension Router where Context == AppRequestContext {
    /// Registers `handler` for an endpoint, so that the route and the 405 table come from one declaration.
    @discardableResult
    func on(
        _ endpoint: Endpoint,
        use handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Response
    ) -> Self {
        on(RouterPath(endpoint.path), method: endpoint.method, use: handler)
    }
}

/// Every endpoint of the application, to answer 405 with `Allow` where a path exists for other methods.
struct RouteTable: Sendable {
    let endpoints: [Endpoint]

    /// The methods the path answers, `HEAD` included wherever `GET` is; empty for an unknown path.
    func allowedMethods(for requestPath: String) -> [HTTPRequest.Method] {
        var methods: [HTTPRequest.Method] = []
        for endpoint in endpoints where endpoint.matches(requestPath) && !methods.contains(endpoint.method) {
            methods.append(endpoint.method)
            if endpoint.method == .get && !methods.contains(.head) { methods.append(.head) }
        }
        return methods
    }
}
