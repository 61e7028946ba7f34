import Hummingbird
import Postgres

/// The errors a request can end in. Each renders the error page with its status; none shows
/// internals to the user.
public enum AppError: HTTPResponseError, Sendable, Equatable {
    /// The request itself is malformed (bad URL-encoding, invalid UTF-8, a field the form cannot read).
    case badRequest
    /// The page needs a signed-in user; ``ErrorPageMiddleware`` redirects to the login page.
    case signInRequired
    /// Signed in, but not allowed; or a forged or stale form token.
    case forbidden
    case notFound
    /// The path exists for other methods only.
    case methodNotAllowed(allowed: [HTTPRequest.Method])
    case payloadTooLarge
    /// A rate limit's window is full: try again after this many seconds (`Retry-After`).
    case tooManyRequests(retryAfter: Int)
    /// The database cannot be reached or is saturated; the page may be retried shortly.
    case serviceUnavailable

    public var status: HTTPResponse.Status {
        switch self {
        case .badRequest: .badRequest
        case .signInRequired: .seeOther
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .payloadTooLarge: .contentTooLarge
        case .tooManyRequests: .tooManyRequests
        case .serviceUnavailable: .serviceUnavailable
        }
    }

    /// A bare response with the status, for the rare path that bypasses ``ErrorPageMiddleware``,
    /// which renders the real error page in the user's language.
    public func response(from request: Request, context: some RequestContext) -> Response {
        Response(status: status)
    }

    /// Classifies any error a handler may throw into the status the user sees.
    static func status(of error: any Error) -> HTTPResponse.Status {
        switch error {
        case let error as AppError:
            return error.status
        case let error as PostgresError where error.isConnectionProblem || error == .poolTimeout:
            return .serviceUnavailable
        case let error as PostgresError where error.sqlState?.hasPrefix("22") == true || error.sqlState == "23514":
            // A data exception (a value out of range, an invalid date…) or a CHECK the value broke: the request carried it.
            return .badRequest
        case let error as any HTTPResponseError:
            return error.status
        default:
            return .internalServerError
        }
    }
}
