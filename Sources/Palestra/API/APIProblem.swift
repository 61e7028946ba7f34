import Foundation
import HTTPTypes
import Hummingbird

/// An API error as an RFC 9457 problem document (`application/problem+json`):
/// `{type, title, status, detail, code}`, plus `errors` (field → message) for `invalid`.
///
/// API handlers throw it; ``APIProblemMiddleware`` turns every other error into one.
public struct APIProblem: Error, HTTPResponseError, Sendable, Equatable {
    public let code: APIProblemCode
    /// What went wrong this time, for a person reading it; never internals.
    public var detail: String
    /// For ``APIProblemCode/invalid``: a message per field (a JSON path such as `students.2.id`).
    public var fieldErrors: [String: String] = [:]
    /// For ``APIProblemCode/methodNotAllowed``: the `Allow` header.
    public var allowed: [HTTPRequest.Method] = []
    /// For ``APIProblemCode/rateLimited``: the `Retry-After` header, in seconds.
    public var retryAfter: Int?
    /// For ``APIProblemCode/unauthenticated``: the `WWW-Authenticate` challenge (RFC 6750).
    public var challenge: String?

    public init(_ code: APIProblemCode, detail: String, fieldErrors: [String: String] = [:]) {
        self.code = code
        self.detail = detail
        self.fieldErrors = fieldErrors
    }

    public var status: HTTPResponse.Status { code.status }

    public static let contentType = "application/problem+json"

    public func response(from request: Request, context: some RequestContext) -> Response {
        response(requestID: context.id)
    }

    /// The response, with its headers; `requestID` is repeated in the body for support requests.
    public func response(requestID: String) -> Response {
        let document = Document(
            type: code.typeURI, title: code.title, status: Int(code.status.code), detail: detail, code: code.rawValue,
            errors: fieldErrors.isEmpty ? nil : fieldErrors, requestID: requestID
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings and integers cannot fail.
        let body = (try? encoder.encode(document)) ?? Data()
        var headers: HTTPFields = [.contentType: Self.contentType, .cacheControl: "no-store"]
        if !allowed.isEmpty { headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ") }
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if let challenge { headers[.wwwAuthenticate] = challenge }
        return Response(status: code.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The answer for an `/api/` request no route took: 404, or 405 with `Allow` when the path exists
    /// for other methods. For the router's outer error middleware.
    public static func response(status: HTTPResponse.Status, allowed: [HTTPRequest.Method], requestID: String) -> Response {
        let problem = status == .methodNotAllowed && !allowed.isEmpty
            ? methodNotAllowed(allowed)
            : APIProblem(.notFound, detail: "There is no API endpoint at this path.")
        return problem.response(requestID: requestID)
    }

    private struct Document: Encodable {
        let type: String
        let title: String
        let status: Int
        let detail: String
        let code: String
        let errors: [String: String]?
        let requestID: String

        enum CodingKeys: String, CodingKey {
            case type, title, status, detail, code, errors
            case requestID = "request_id"
        }
    }
}
