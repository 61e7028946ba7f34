import Foundation
import Hummingbird
import Postgres

extension APIProblem {
    /// The problem any error a request under `/api/` ends in stands for. Unexpected errors become
    /// `internal`, with nothing of the error in the answer (the caller logs it).
    init(classifying error: any Error) {
        switch error {
        case let problem as APIProblem:
            self = problem
        case let error as AppError:
            self.init(appError: error)
        case let error as PostgresError:
            self.init(postgresError: error)
        case let error as DecodingError:
            self.init(decodingError: error)
        case let error as any HTTPResponseError:
            self.init(APIProblemCode(status: error.status), detail: Self.statusDetail(error.status))
        default:
            self.init(.internal, detail: "The server could not complete the request. The problem has been logged.")
        }
    }

    private init(appError: AppError) {
        switch appError {
        case .methodNotAllowed(let allowed):
            self = .methodNotAllowed(allowed)
        case .tooManyRequests(let seconds):
            self.init(.rateLimited, detail: "Too many requests from this address; try again in \(seconds) seconds.")
            retryAfter = seconds
        case .signInRequired:
            self = .unauthenticated(detail: "A valid API token is required.")
        default:
            self.init(APIProblemCode(status: appError.status), detail: Self.statusDetail(appError.status))
        }
    }

    private init(postgresError error: PostgresError) {
        switch error {
        case _ where error.isConnectionProblem || error == .poolTimeout:
            self.init(.unavailable, detail: "The database cannot be reached right now; try again in a few seconds.")
            retryAfter = 5
        case .uniqueViolation, .exclusionViolation, .serializationFailure, .deadlockDetected:
            self.init(.conflict, detail: "The change conflicts with the current state of the data.")
        case .checkViolation, .notNullViolation, .foreignKeyViolation:
            self.init(.invalid, detail: "A value is out of range or refers to something that does not exist.")
        case _ where error.sqlState?.hasPrefix("22") == true:
            self.init(.invalid, detail: "A value is out of range or malformed.")
        default:
            self.init(.internal, detail: "The server could not complete the request. The problem has been logged.")
        }
    }

    /// Syntax errors are `malformed_json`; well-formed JSON of the wrong shape is `invalid`, naming the field.
    private init(decodingError error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            self.init(.invalid, detail: "A required field is missing.", fieldErrors: [Self.path(context.codingPath + [key]): "is required"])
        case .valueNotFound(let type, let context):
            self.init(.invalid, detail: "A field is null.", fieldErrors: [Self.path(context.codingPath): "must be \(Self.kind(of: type))"])
        case .typeMismatch(let type, let context):
            self.init(.invalid, detail: "A field has the wrong type.", fieldErrors: [Self.path(context.codingPath): "must be \(Self.kind(of: type))"])
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            self.init(.invalid, detail: "A field's value cannot be read.", fieldErrors: [Self.path(context.codingPath): "is malformed"])
        default:
            self.init(.malformedJSON, detail: "The request body is not valid JSON.")
        }
    }

    static func unauthenticated(detail: String, error: String? = nil) -> APIProblem {
        var problem = APIProblem(.unauthenticated, detail: detail)
        problem.challenge = "Bearer realm=\"palestra\"" + (error.map { ", error=\"\($0)\"" } ?? "")
        return problem
    }

    static func methodNotAllowed(_ allowed: [HTTPRequest.Method]) -> APIProblem {
        var problem = APIProblem(.methodNotAllowed, detail: "This endpoint does not accept this method.")
        problem.allowed = allowed
        return problem
    }

    /// `students.2.id`: the field's JSON path, array positions as numbers.
    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    private static func kind(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is any BinaryInteger.Type: "an integer"
        case is any BinaryFloatingPoint.Type: "a number"
        case is [Any].Type: "an array"
        default: "a value of the documented type"
        }
    }

    private static func statusDetail(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "There is nothing at this path."
        case .contentTooLarge: "The request body is larger than the server accepts."
        case .forbidden: "You are not allowed to do this."
        default: status.reasonPhrase
        }
    }
}
