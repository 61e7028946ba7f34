import CLibPQ

/// Running a statement as a named prepared statement of the connection's cache (``PostgresPlanning/cached``):
/// `PQprepare` on its first use on this connection, `PQexecPrepared` from then on, both blocking, on the
/// thread pool, under the connection's lock like every libpq call.
extension PostgresConnection {
    /// Runs `key`'s statement by name through `execute`, preparing it first when this connection has not.
    ///
    /// A statement the server no longer runs as prepared is prepared afresh and run again, once, when that
    /// is safe: outside a transaction block the failed attempt changed nothing. Inside one the transaction
    /// has failed, so the error is thrown and the statement is prepared afresh on its next use.
    /// - `0A000`, `cached plan must not change result type`: a table the statement reads changed shape
    ///   (a migration added a column under `SELECT *`). PostgreSQL re-plans other changes by itself.
    /// - `26000`, the prepared statement does not exist: `DISCARD ALL` or `DEALLOCATE ALL` ran on the
    ///   connection, so none of the cached statements exist any more.
    func executeCached(
        _ key: PreparedStatementCache.Key, on pointer: OpaquePointer, statements: inout PreparedStatementCache,
        execute: (String) throws -> PostgresQueryResult
    ) throws -> PostgresQueryResult {
        defer { deallocateRetired(on: pointer, statements: &statements) }
        if let name = statements.use(key) {
            do {
                return try execute(name)
            } catch let error as PostgresError where error.sqlState == "0A000" || error.sqlState == "26000" {
                if error.sqlState == "26000" {
                    statements.removeAll()
                } else {
                    statements.retire(key)
                }
                guard PQtransactionStatus(pointer) == PQTRANS_IDLE else { throw error }
                logger.debug("PostgreSQL refused a cached statement; preparing it again", metadata: ["error": "\(error)"])
            }
        }
        let name = statements.makeName()
        _ = try consume(PQprepare(pointer, name, key.sql, Int32(key.types.count), key.types), on: pointer)
        statements.insert(key, name: name)
        return try execute(name)
    }

    /// `DEALLOCATE`s the statements evicted or retired, when no transaction block is open. A failure is only
    /// logged: the statement then stays prepared until the connection closes.
    func deallocateRetired(on pointer: OpaquePointer, statements: inout PreparedStatementCache) {
        guard PQtransactionStatus(pointer) == PQTRANS_IDLE else { return }
        let names = statements.namesToDeallocate()
        guard !names.isEmpty else { return }
        let result = PQexec(pointer, names.map { "DEALLOCATE \($0)" }.joined(separator: "; "))
        defer { PQclear(result) }
        if PQresultStatus(result) != PGRES_COMMAND_OK {
            logger.debug("PostgreSQL DEALLOCATE failed", metadata: ["statements": "\(names)", "error": "\(Self.errorMessage(of: pointer))"])
        }
    }
}
