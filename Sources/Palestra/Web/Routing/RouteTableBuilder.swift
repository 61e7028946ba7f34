import Hummingbird
import NIOConcurrencyHelpers

/// Collects every endpoint as routes are registered, so the 405 table comes out of registration
/// rather than a list kept by hand. Filled once while the router is built, read after.
final class RouteTableBuilder: AllowedMethods {
    private let endpoints = NIOLockedValueBox<[Endpoint]>([])

    func record(_ endpoint: Endpoint) {
        endpoints.withLockedValue { $0.append(endpoint) }
    }

    /// The table of everything recorded so far.
    var table: RouteTable {
        RouteTable(endpoints: endpoints.withLockedValue { $0 })
    }

    func allowedMethods(for requestPath: String) -> [HTTPRequest.Method] {
        table.allowedMethods(for: requestPath)
    }
}
