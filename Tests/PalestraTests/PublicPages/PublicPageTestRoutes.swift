import Hummingbird
@testable import Palestra
import TestSupport
import Postgres
import Synchronization

/// Test-only public pages: `GET /public/test/form` renders a form with the visitor's token, `POST`
/// records the `name` it was sent; `GET /public/test/limited` is limited per address
/// (`limit` a minute, 0 for off).
final class PublicPageTestRoutes: Sendable {
    let limit: Int
    /// The names the POST handler received, in order: what "changed".
    let received = Mutex<[String]>([])

    init(limit: Int = 3) {
        self.limit = limit
    }

    var names: [String] { received.withLock { $0 } }

    func add(to surfaces: Surfaces, database: PostgresClient) {
        let pages = surfaces.publicPages
        pages.get(TestRoute("/public/test/form")) { _, context -> Response in
            let html = """
                <!doctype html><title>Form</title><form method="post">\
                <input type="hidden" name="csrf_token" value="\(context.csrfToken)"><input name="name"></form>
                """
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        pages.post(TestRoute("/public/test/form")) { [self] request, context -> Response in
            var request = request
            let name = try await request.formData(context: context).value("name") ?? ""
            self.received.withLock { $0.append(name) }
            return Response(status: .seeOther, headers: [.location: "/public/test/form"])
        }
        let limited = pages.adding(
            RateLimitMiddleware(RateLimit(bucket: "public-test", limit: limit, window: .seconds(60)), store: RateLimitStore(database: database))
        )
        limited.get(TestRoute("/public/test/limited")) { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok"))) }
    }
}
