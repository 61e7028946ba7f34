import Hummingbird

/// Every endpoint of the application, to answer 405 with `Allow` where a path exists for other methods.
struct RouteTable: AllowedMethods {
    let endpoints: [Endpoint]

    /// What Hummingbird records as the endpoint of a request no route matched.
    static let unmatchedEndpoint = "NotFound"

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

/// What answers "which methods does this path take?", for 405 and `Allow`.
protocol AllowedMethods: Sendable {
    func allowedMethods(for requestPath: String) -> [HTTPRequest.Method]
}
