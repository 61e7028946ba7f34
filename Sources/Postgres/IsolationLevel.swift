/// Transaction isolation levels (PostgreSQL treats READ UNCOMMITTED as READ COMMITTED).
public enum IsolationLevel: Sendable {
    case readCommitted
    case repeatableRead
    case serializable

    /// As written after `BEGIN ISOLATION LEVEL`.
    var sql: String {
        switch self {
        case .readCommitted: "READ COMMITTED"
        case .repeatableRead: "REPEATABLE READ"
        case .serializable: "SERIALIZABLE"
        }
    }
}
