import Hummingbird
import Postgres

/// `GET /healthz`: 200 `ok` while the database answers, 503 otherwise — for load balancers and monitors.
struct HealthController: Sendable {
    let database: PostgresClient

    func addRoutes(to routes: Routes<AppRequestContext>) {
        routes.get(SiteURL.health, use: check)
    }

    @Sendable func check(_ request: Request, context: AppRequestContext) async throws -> Response {
        let healthy = await database.ping()
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(
            status: healthy ? .ok : .serviceUnavailable,
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(string: healthy ? "ok\n" : "database unavailable\n"))
        )
    }
}
