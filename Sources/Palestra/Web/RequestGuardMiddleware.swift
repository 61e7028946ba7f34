import Hummingbird

/// Refuses requests Palestra cannot read before any handler sees them: a declared body over the
/// limit (413), a path or query string that is not valid percent-encoded UTF-8 (400). It also gives
/// the context its body limit, which ``Request/formData(context:)`` enforces on bodies without a length.
/// A `multipart/form-data` body (a form with files) has its own, larger limit.
struct RequestGuardMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let bodyLimit: Int
    var uploadBodyLimit = 0

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let isMultipart = request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") ?? false
        let bodyLimit = isMultipart ? max(bodyLimit, uploadBodyLimit) : bodyLimit
        if let length = request.headers[.contentLength].flatMap(Int.init), length > bodyLimit {
            throw AppError.payloadTooLarge
        }
        _ = try FormData.decode(Substring(request.uri.path.replacingOccurrences(of: "+", with: "%2B")))
        if let query = request.uri.query {
            _ = try FormData(urlEncoded: Substring(query))
        }
        var context = context
        context.bodyLimit = bodyLimit
        return try await next(request, context)
    }
}

extension Request {
    /// The request's form body, read up to the configured limit (413 beyond it) and decoded by its
    /// `Content-Type`: URL-encoded (also when the type is missing) or `multipart/form-data`; any other
    /// type answers 400 (see ``FormData/init(body:contentType:)``).
    public mutating func formData(context: some PageRequestContext) async throws -> FormData {
        let buffer = try await collectBody(upTo: context.bodyLimit)
        return try FormData(body: Array(buffer.readableBytesView), contentType: headers[.contentType])
    }

    /// The query string's fields.
    public var queryData: FormData {
        (try? FormData(urlEncoded: Substring(uri.query ?? ""))) ?? FormData()
    }
}
