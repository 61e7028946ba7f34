/// How a statement is prepared and planned.
public enum PostgresPlanning: Sendable, Equatable {
    /// Prepared once on each connection (a named statement in the connection's cache, see
    /// ``PostgresConfiguration/statementCacheCapacity``) and executed by name from then on: parsed once,
    /// and after five executions PostgreSQL keeps a generic plan if it costs no more than the plans it made for
    /// the values it saw (`plan_cache_mode = auto`). The default, right for statements whose best plan does not
    /// depend on the values: key lookups, inserts and updates by key, a list read the same way every time.
    case cached
    /// Parsed and planned for each execution's values (the unnamed statement, `PQexecParams`): for statements
    /// whose values decide which plan is best — a search word, a filter on a skewed column — where a generic
    /// plan settled on after a few common values could scan a whole table for a rare one.
    case perExecution
}
