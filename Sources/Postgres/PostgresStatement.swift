/// One statement of a pipeline (``PostgresConnection/pipeline(_:)``): its SQL with `$1…$n`, their values and
/// how it is planned.
public struct PostgresStatement: Sendable {
    public var sql: String
    public var parameters: [(any PostgresEncodable)?]
    public var planning: PostgresPlanning

    public init(_ sql: String, _ parameters: [(any PostgresEncodable)?] = [], planning: PostgresPlanning = .cached) {
        self.sql = sql
        self.parameters = parameters
        self.planning = planning
    }
}
