import Hummingbird

/// The API's document and its reference page, for anyone (no token: a client reads them before it has one).
struct LessonsAPIDocsController: Sendable {
    let views: Views

    func addRoutes(to routes: Routes<AppRequestContext>) {
        routes.get(LessonsAPIURL.openAPI) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-cache"],
                body: .init(byteBuffer: ByteBuffer(string: LessonsOpenAPI.text))
            )
        }
        routes.get(LessonsAPIURL.docs) { _, context in
            let view = APIDocsView(document: LessonsOpenAPI.document)
            return views.render(.apiDocs, title: view.title, content: view, context: context)
        }
    }
}
