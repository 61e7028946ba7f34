import Foundation
import Hummingbird

/// `GET /metrics`: the job queue in Prometheus' text format, computed from the database on each
/// scrape, so any process answers for all of them. Administrators may read it, and so may a request
/// from this machine (a Prometheus agent beside the server); anyone else gets the same 404 as an
/// unknown address. Behind a reverse proxy, set `PALESTRA_CLIENT_ADDRESS_HEADER`, so that the
/// proxied requests are judged by their client's address, not the proxy's.
///
/// The route is deliberately left out of the route table: a POST to it answers like one to an unknown
/// address, not 405 with `Allow: GET`, which would tell that it exists.
struct MetricsController: Sendable {
    let store: JobDashboardStore

    func addRoutes(to routes: Routes<AppRequestContext>) {
        routes.unlisted.get(SiteURL.metrics, use: metrics)
    }

    @Sendable func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.session?.user?.role == .admin || Self.isLoopback(context.clientAddress) else { throw AppError.notFound }
        let text = try await JobMetrics(store: store).exposition()
        var headers = HTTPFields()
        headers[.contentType] = PrometheusText.contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// `127.0.0.0/8`, `::1` and IPv4-mapped `::ffff:127.x.x.x`.
    static func isLoopback(_ address: String) -> Bool {
        let lowered = address.lowercased()
        if lowered == "::1" || lowered == "0:0:0:0:0:0:0:1" { return true }
        let ipv4 = lowered.hasPrefix("::ffff:") ? String(lowered.dropFirst("::ffff:".count)) : lowered
        let parts = ipv4.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy({ "0"..."9" ~= $0 }) && UInt8(part) != nil
        }) else { return false }
        return parts[0] == "127"
    }
}
