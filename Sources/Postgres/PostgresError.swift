/// Every error the `Postgres` module throws.
///
/// SQLSTATE codes the application handles are typed cases; anything else from the server is
/// ``server(sqlState:message:)``. The mapping from server diagnostics lives in
/// ``init(sqlState:message:detail:constraint:column:)`` and nowhere else.
public enum PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidConfiguration(String)
    /// Could not connect (server down, authentication failed, database refusing connections…).
    case connectionFailed(String)
    /// The connection broke during a query.
    case connectionLost(String)
    /// No connection became free within the pool's `checkoutTimeout`.
    case poolTimeout
    /// The client has been shut down.
    case shutDown
    /// 23505
    case uniqueViolation(constraint: String?, detail: String?)
    /// 23503
    case foreignKeyViolation(constraint: String?, detail: String?)
    /// 23514
    case checkViolation(constraint: String?)
    /// 23502
    case notNullViolation(column: String?)
    /// 23P01
    case exclusionViolation(constraint: String?)
    /// 40001
    case serializationFailure
    /// 40P01
    case deadlockDetected
    /// 57014
    case queryCanceled
    /// Any other error reported by the server (or raised locally with a matching SQLSTATE).
    case server(sqlState: String, message: String)
    /// A value could not be decoded into the requested Swift type.
    case decoding(column: String, reason: String)

    /// Maps the diagnostics of a failed statement to a typed error — the one place SQLSTATEs are translated.
    public init(sqlState: String, message: String, detail: String? = nil, constraint: String? = nil, column: String? = nil) {
        switch sqlState {
        case "23505": self = .uniqueViolation(constraint: constraint, detail: detail)
        case "23503": self = .foreignKeyViolation(constraint: constraint, detail: detail)
        case "23514": self = .checkViolation(constraint: constraint)
        case "23502": self = .notNullViolation(column: column)
        case "23P01": self = .exclusionViolation(constraint: constraint)
        case "40001": self = .serializationFailure
        case "40P01": self = .deadlockDetected
        case "57014": self = .queryCanceled
        default: self = .server(sqlState: sqlState, message: message)
        }
    }

    /// The SQLSTATE of errors that come from the server; `nil` for client-side errors.
    public var sqlState: String? {
        switch self {
        case .uniqueViolation: "23505"
        case .foreignKeyViolation: "23503"
        case .checkViolation: "23514"
        case .notNullViolation: "23502"
        case .exclusionViolation: "23P01"
        case .serializationFailure: "40001"
        case .deadlockDetected: "40P01"
        case .queryCanceled: "57014"
        case .server(let sqlState, _): sqlState
        case .invalidConfiguration, .connectionFailed, .connectionLost, .poolTimeout, .shutDown, .decoding: nil
        }
    }

    /// True when the failure is about reaching the server rather than about the statement:
    /// retrying later (on another connection) may succeed. ``poolTimeout`` is load, not a connection problem.
    public var isConnectionProblem: Bool {
        switch self {
        case .connectionFailed, .connectionLost, .shutDown:
            return true
        case .server(let sqlState, _):
            return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
        default:
            return false
        }
    }

    /// True for errors after which running the same transaction again may succeed
    /// (serialization failure, deadlock).
    public var isTransient: Bool {
        self == .serializationFailure || self == .deadlockDetected
    }

    public var description: String {
        switch self {
        case .invalidConfiguration(let message): "invalid PostgreSQL configuration: \(message)"
        case .connectionFailed(let message): "could not connect to PostgreSQL: \(message)"
        case .connectionLost(let message): "connection to PostgreSQL lost: \(message)"
        case .poolTimeout: "no PostgreSQL connection became free in time"
        case .shutDown: "the PostgreSQL client has been shut down"
        case .uniqueViolation(let constraint, let detail):
            "unique violation" + Self.suffix(constraint: constraint) + Self.suffix(detail: detail)
        case .foreignKeyViolation(let constraint, let detail):
            "foreign key violation" + Self.suffix(constraint: constraint) + Self.suffix(detail: detail)
        case .checkViolation(let constraint): "check violation" + Self.suffix(constraint: constraint)
        case .notNullViolation(let column): "not-null violation" + (column.map { " in column \"\($0)\"" } ?? "")
        case .exclusionViolation(let constraint): "exclusion violation" + Self.suffix(constraint: constraint)
        case .serializationFailure: "could not serialize access due to concurrent update (40001)"
        case .deadlockDetected: "deadlock detected (40P01)"
        case .queryCanceled: "statement canceled (57014)"
        case .server(let sqlState, let message): "PostgreSQL error \(sqlState): \(message)"
        case .decoding(let column, let reason): "cannot decode column \"\(column)\": \(reason)"
        }
    }

    private static func suffix(constraint: String?) -> String {
        constraint.map { " on constraint \"\($0)\"" } ?? ""
    }

    private static func suffix(detail: String?) -> String {
        detail.map { " (\($0))" } ?? ""
    }
}
