import CLibPQ

/// Several statements in one round trip: libpq's pipeline mode, blocking, on the thread pool, under the
/// connection's lock like every libpq call.
extension PostgresConnection {
    /// Sends `statements` at once and reads their results, in order: one round trip instead of one each.
    /// Cached statements (``PostgresPlanning/cached``) are prepared in the same round trip on their first use.
    ///
    /// Outside a transaction block the statements run in one implicit transaction: the first to fail fails
    /// the rest, nothing of them stays, and its error is thrown (as for a stale cached statement, which is
    /// prepared afresh and the pipeline run again, once). Inside a transaction block a failure fails the
    /// transaction, as a single statement's does. Meant for a few statements with small parameters: every
    /// statement is sent before any result is read.
    public func pipeline(_ statements: [PostgresStatement]) async throws -> [PostgresQueryResult] {
        guard !statements.isEmpty else { return [] }
        let encoded = try statements.map { statement in
            try Self.rejectNUL(statement.sql)
            return (sql: statement.sql, parameters: try Self.encode(statement.parameters), planning: statement.planning)
        }
        let (begins, results) = try await Self.run(on: threadPool) { [self] in
            try withOpenHandle { pointer, cache, pendingBegin in
                var bound = try encoded.map { (sql: $0.sql, parameters: try LibpqParameters($0.parameters), planning: $0.planning) }
                // A transaction's BEGIN not sent yet goes first, in this round trip (taken only now that everything
                // else is ready to send); its result is not returned.
                let begins = pendingBegin != nil
                if let begin = pendingBegin {
                    bound.insert((sql: begin, parameters: try LibpqParameters([]), planning: .cached), at: 0)
                    pendingBegin = nil
                }
                defer { deallocateRetired(on: pointer, statements: &cache) }
                do {
                    return (begins, try runPipeline(bound, on: pointer, cache: &cache))
                } catch let failure as PipelineFailure {
                    guard failure.isStaleStatement, PQtransactionStatus(pointer) == PQTRANS_IDLE else { throw failure.error }
                    logger.debug("PostgreSQL refused a cached statement; running the pipeline again", metadata: ["error": "\(failure.error)"])
                    do {
                        return (begins, try runPipeline(bound, on: pointer, cache: &cache))
                    } catch let failure as PipelineFailure {
                        throw failure.error
                    }
                }
            }
        }
        return begins ? Array(results.dropFirst()) : results
    }

    /// A statement of the pipeline failed (the others were read to the end): the first error, and whether it
    /// was a cached statement the server no longer runs as prepared.
    private struct PipelineFailure: Error {
        let error: PostgresError
        let isStaleStatement: Bool
    }

    /// What was sent for one statement: the statement prepared for it (nil when unnamed) and whether its
    /// `Parse` went in the same pipeline.
    private struct Sent {
        let key: PreparedStatementCache.Key?
        let name: String?
        let prepares: Bool
    }

    private func runPipeline(
        _ statements: [(sql: String, parameters: LibpqParameters, planning: PostgresPlanning)], on pointer: OpaquePointer,
        cache: inout PreparedStatementCache
    ) throws -> [PostgresQueryResult] {
        guard PQenterPipelineMode(pointer) == 1 else { throw PostgresError.connectionLost(Self.errorMessage(of: pointer)) }
        // libpq leaves pipeline mode only once every result is read; when a failure leaves some unread, the
        // connection is broken (the error is a connection problem) and the pool closes it.
        defer { PQexitPipelineMode(pointer) }
        var sent: [Sent] = []
        for (sql, bound, planning) in statements {
            guard planning == .cached, cache.capacity > 0 else {
                try sending(PQsendQueryParams(pointer, sql, bound.count, bound.types, bound.values, bound.lengths, bound.formats, 0), on: pointer)
                sent.append(Sent(key: nil, name: nil, prepares: false))
                continue
            }
            let key = PreparedStatementCache.Key(sql: sql, types: bound.types)
            let cached = cache.use(key)
            let name = cached ?? cache.makeName()
            if cached == nil {
                try sending(PQsendPrepare(pointer, name, sql, bound.count, bound.types), on: pointer)
            }
            try sending(PQsendQueryPrepared(pointer, name, bound.count, bound.values, bound.lengths, bound.formats, 0), on: pointer)
            sent.append(Sent(key: key, name: name, prepares: cached == nil))
        }
        try sending(PQpipelineSync(pointer), on: pointer)

        var results: [PostgresQueryResult] = []
        var failure: PipelineFailure?
        for statement in sent {
            if statement.prepares, let key = statement.key, let name = statement.name {
                switch try readResult(on: pointer) {
                case .success: cache.insert(key, name: name)
                case .failure(let error): failure = failure ?? PipelineFailure(error: error, isStaleStatement: false)
                case nil: break
                }
            }
            switch try readResult(on: pointer) {
            case .success(let result):
                results.append(result)
            case .failure(let error):
                let isStale = !statement.prepares && statement.key != nil && (error.sqlState == "0A000" || error.sqlState == "26000")
                if isStale, let key = statement.key {
                    if error.sqlState == "26000" { cache.removeAll() } else { cache.retire(key) }
                }
                failure = failure ?? PipelineFailure(error: error, isStaleStatement: isStale)
            case nil:
                break
            }
        }
        guard let sync = PQgetResult(pointer) else { throw PostgresError.connectionLost(Self.errorMessage(of: pointer)) }
        let status = PQresultStatus(sync)
        PQclear(sync)
        guard status == PGRES_PIPELINE_SYNC else {
            throw PostgresError.connectionLost("the pipeline's results ended unexpectedly (\(String(cString: PQresStatus(status))))")
        }
        if let failure { throw failure }
        return results
    }

    /// The next command's result and the end of it; nil for a command skipped after an earlier failure.
    /// Throws when the connection failed.
    private func readResult(on pointer: OpaquePointer) throws -> Result<PostgresQueryResult, PostgresError>? {
        guard let result = PQgetResult(pointer) else { throw PostgresError.connectionLost(Self.errorMessage(of: pointer)) }
        if let extra = PQgetResult(pointer) {
            PQclear(extra)
            PQclear(result)
            throw PostgresError.connectionLost("a pipelined statement returned more than one result")
        }
        if PQresultStatus(result) == PGRES_PIPELINE_ABORTED {
            PQclear(result)
            return nil
        }
        do {
            return .success(try consume(result, on: pointer))
        } catch let error as PostgresError where !error.isConnectionProblem {
            return .failure(error)
        }
    }

    /// Checks what a `PQsend…` or `PQpipelineSync` call returned: 0 means the connection failed.
    private func sending(_ outcome: Int32, on pointer: OpaquePointer) throws {
        guard outcome == 1 else { throw PostgresError.connectionLost(Self.errorMessage(of: pointer)) }
    }
}
