import HTTPTypes

/// The stable, machine-readable reason of an API error (the `code` of its problem document). Clients
/// branch on it; the wording of `title` and `detail` may change, a code never does.
public enum APIProblemCode: String, Sendable, CaseIterable {
    case badRequest = "bad_request"
    case malformedJSON = "malformed_json"
    case unauthenticated
    case forbidden
    case notFound = "not_found"
    case methodNotAllowed = "method_not_allowed"
    case conflict
    case payloadTooLarge = "payload_too_large"
    case invalid
    case rateLimited = "rate_limited"
    case `internal`
    case unavailable

    public var status: HTTPResponse.Status {
        switch self {
        case .badRequest, .malformedJSON: .badRequest
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .conflict: .conflict
        case .payloadTooLarge: .contentTooLarge
        case .invalid: .unprocessableContent
        case .rateLimited: .tooManyRequests
        case .internal: .internalServerError
        case .unavailable: .serviceUnavailable
        }
    }

    /// The problem type's summary, the same for every occurrence (RFC 9457 `title`).
    public var title: String {
        switch self {
        case .badRequest: "The request could not be read"
        case .malformedJSON: "The body is not valid JSON"
        case .unauthenticated: "A valid API token is required"
        case .forbidden: "Not allowed"
        case .notFound: "Not found"
        case .methodNotAllowed: "Method not allowed"
        case .conflict: "Conflict with the current state"
        case .payloadTooLarge: "The body is too large"
        case .invalid: "Invalid fields"
        case .rateLimited: "Too many requests"
        case .internal: "Internal error"
        case .unavailable: "Service unavailable"
        }
    }

    /// The problem type's URI (RFC 9457 `type`): stable, one per code.
    public var typeURI: String { "urn:palestra:problem:\(rawValue)" }

    /// The code a bare status stands for (a Hummingbird `HTTPError`, a request no route matched).
    init(status: HTTPResponse.Status) {
        self = Self.allCases.first { $0.status == status && $0 != .malformedJSON }
            ?? (status.kind == .serverError ? .internal : .badRequest)
    }
}
