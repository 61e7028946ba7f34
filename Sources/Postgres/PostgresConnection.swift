import CLibPQ
import Logging
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libpq connection. Every blocking libpq call runs on the owning client's `NIOThreadPool`,
/// under a lock, so the `PGconn` is never used by two threads at once.
///
/// Obtain one from ``PostgresClient/withConnection(_:)`` or ``PostgresClient/transaction(isolation:_:)``;
/// do not keep it beyond the closure.
public final class PostgresConnection: PostgresQueryable, @unchecked Sendable {
    /// Settings every session gets, so values are read and written deterministically.
    static let sessionOptions = "-c TimeZone=UTC -c DateStyle=ISO -c bytea_output=hex -c extra_float_digits=1"

    /// The `PGconn` and what is known about it, only touched under the lock.
    private struct Handle: @unchecked Sendable {
        /// nil once closed.
        var pointer: OpaquePointer?
        /// Set once a failure left the connection unusable; the pool then discards it.
        var isBroken = false
        /// The named statements prepared on this `PGconn`: a new connection starts with none.
        var statements: PreparedStatementCache
        /// A transaction's `BEGIN …`, sent with the first statement that follows it (``beginWithNextStatement(_:)``).
        var pendingBegin: String?
    }

    private let handle: Mutex<Handle>
    private let notices: NoticeSink
    let threadPool: NIOThreadPool
    let logger: Logger

    private init(pointer: OpaquePointer, statementCacheCapacity: Int, threadPool: NIOThreadPool, logger: Logger) {
        self.handle = Mutex(Handle(pointer: pointer, statements: PreparedStatementCache(capacity: statementCacheCapacity)))
        self.notices = NoticeSink(logger: logger)
        self.threadPool = threadPool
        self.logger = logger
        notices.install(on: pointer)
    }

    deinit {
        handle.withLock { handle in
            if let pointer = handle.pointer {
                PQfinish(pointer)
            }
        }
    }

    /// Opens a connection (blocking, on `threadPool`). Throws ``PostgresError/connectionFailed(_:)``.
    static func connect(
        configuration: PostgresConfiguration,
        threadPool: NIOThreadPool,
        logger: Logger
    ) async throws -> PostgresConnection {
        let parameters = configuration.connectionParameters(sessionOptions: sessionOptions)
        return try await run(on: threadPool) {
            let pointer = try openBlocking(parameters)
            return PostgresConnection(
                pointer: pointer, statementCacheCapacity: configuration.statementCacheCapacity, threadPool: threadPool, logger: logger
            )
        }
    }

    public func query(
        _ sql: String, _ parameters: [(any PostgresEncodable)?], planning: PostgresPlanning
    ) async throws -> PostgresQueryResult {
        if hasPendingBegin {
            return try await pipeline([PostgresStatement(sql, parameters, planning: planning)])[0]
        }
        let parameters = try Self.encode(parameters)
        return try await Self.run(on: threadPool) { [self] in
            try withOpenHandle { pointer, statements in
                try self.executeBlocking(sql, parameters, planning: planning, on: pointer, statements: &statements)
            }
        }
    }

    /// The parameters as sent to the server; a value that cannot be sent throws, naming its `$n`.
    static func encode(_ parameters: [(any PostgresEncodable)?]) throws -> [PostgresParameter] {
        var encoded = [PostgresParameter]()
        encoded.reserveCapacity(parameters.count)
        for (index, parameter) in parameters.enumerated() {
            guard let parameter else {
                encoded.append(.null)
                continue
            }
            let result: Result<PostgresParameter, PostgresError> = Result { () throws(PostgresError) in
                try parameter.postgresParameter()
            }
            switch result {
            case .success(let value):
                encoded.append(value)
            case .failure(.server(let sqlState, let message)):
                throw PostgresError.server(sqlState: sqlState, message: "parameter $\(index + 1): \(message)")
            case .failure(let error):
                throw error
            }
        }
        return encoded
    }

    /// Runs a multi-statement script without parameters (`PQexec`, the simple query protocol): the
    /// statements run in one implicit transaction unless the script contains its own transaction control.
    public func executeScript(_ sql: String) async throws {
        try Self.rejectNUL(sql)
        _ = try await Self.run(on: threadPool) { [self] in
            try withOpenHandle { pointer, _, pendingBegin in
                // A transaction's BEGIN not sent yet opens the script.
                let script = pendingBegin.map { $0 + ";\n" + sql } ?? sql
                pendingBegin = nil
                return try self.consume(PQexec(pointer, script), on: pointer)
            }
        }
    }

    /// Whether the server has sent nothing alarming since the last use: reads what is pending
    /// (`PQconsumeInput`, which also sees a backend's FATAL message and EOF after `pg_terminate_backend`
    /// or a server restart), then checks the status and that no transaction is open.
    ///
    /// Runs on the caller's thread: libpq keeps its socket non-blocking, so `PQconsumeInput` only takes what
    /// has already arrived and never waits. (On the thread pool it cost every checkout, so every query, one more
    /// hand-over between threads.)
    func checkHealth() -> Bool {
        handle.withLock { handle -> Bool in
            guard let pointer = handle.pointer, !handle.isBroken else { return false }
            // PQconsumeInput only buffers what arrived; PQnotifies parses it, which hands a FATAL
            // message sent while idle to the notice receiver. A second read then sees the EOF.
            var healthy = PQconsumeInput(pointer) == 1
            while let notification = PQnotifies(pointer) {
                PQfreemem(notification)
            }
            healthy = healthy && !notices.sawFatal && PQconsumeInput(pointer) == 1
                && PQstatus(pointer) == CONNECTION_OK && PQtransactionStatus(pointer) == PQTRANS_IDLE
            if !healthy {
                handle.isBroken = true
            }
            return healthy
        }
    }

    /// True when the connection can go back to the pool: open, not broken, no transaction open.
    var isReusable: Bool {
        handle.withLock { handle in
            guard let pointer = handle.pointer, !handle.isBroken, handle.pendingBegin == nil else { return false }
            return PQstatus(pointer) == CONNECTION_OK && PQtransactionStatus(pointer) == PQTRANS_IDLE
        }
    }

    /// Makes `begin` (`BEGIN …`) go to the server in the same round trip as the next statement, ahead of it,
    /// rather than on its own: a transaction costs one round trip less. A transaction that runs no statement
    /// then sends nothing at all (``takePendingBegin()`` says so before its `COMMIT`). Until that statement,
    /// ``isInTransaction`` is false. Like every use of a connection, the statements of a transaction are sent
    /// one after another, not concurrently: two sent at once could not both follow the `BEGIN`.
    func beginWithNextStatement(_ begin: String) {
        handle.withLock { $0.pendingBegin = begin }
    }

    /// The `BEGIN` not sent yet, now forgotten: nil once a statement has carried it to the server (it is
    /// taken only when the statement is ready to be sent, so a statement that fails before that leaves it).
    func takePendingBegin() -> String? {
        handle.withLock { handle in
            defer { handle.pendingBegin = nil }
            return handle.pendingBegin
        }
    }

    private var hasPendingBegin: Bool { handle.withLock { $0.pendingBegin != nil } }

    /// True while a transaction block is open (idle in it or failed).
    var isInTransaction: Bool {
        handle.withLock { handle in
            guard let pointer = handle.pointer else { return false }
            let status = PQtransactionStatus(pointer)
            return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
        }
    }

    /// Rolls back an open transaction even when the task is cancelled; a failure leaves the
    /// connection in the transaction, so the pool closes it instead of reusing it.
    func rollbackIgnoringCancellation() async {
        guard isInTransaction else { return }
        let rollback = Task { [self] in try await query("ROLLBACK") }
        do {
            _ = try await rollback.value
        } catch {
            logger.warning("PostgreSQL ROLLBACK failed", metadata: ["error": "\(error)"])
        }
    }

    /// Closes the connection (on the thread pool while it runs, else here: `PQfinish` barely blocks).
    func close() async {
        let finish: @Sendable () -> Void = { [self] in
            handle.withLock { handle in
                if let pointer = handle.pointer {
                    PQfinish(pointer)
                    handle.pointer = nil
                }
            }
        }
        // Not cancellable: a cancelled task still closes its connection on the thread pool.
        let threadPool = threadPool
        do {
            try await Task { try await Self.run(on: threadPool, finish) }.value
        } catch {
            finish()
        }
    }

    /// Runs `body` with the open `PGconn` under the lock, on the calling (thread-pool) thread.
    func withOpenHandle<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        try withOpenHandle { pointer, _ in try body(pointer) }
    }

    /// Runs `body` with the open `PGconn` and its prepared statements under the lock, on the calling
    /// (thread-pool) thread.
    func withOpenHandle<T>(_ body: (OpaquePointer, inout PreparedStatementCache) throws -> T) throws -> T {
        try withOpenHandle { pointer, statements, _ in try body(pointer, &statements) }
    }

    /// Runs `body` with the open `PGconn`, its prepared statements and its transaction's `BEGIN` not sent yet
    /// (which `body` clears once it has sent it) under the lock, on the calling (thread-pool) thread.
    func withOpenHandle<T>(_ body: (OpaquePointer, inout PreparedStatementCache, inout String?) throws -> T) throws -> T {
        try handle.withLock { handle throws -> T in
            guard let pointer = handle.pointer else {
                throw PostgresError.connectionLost("the connection is closed")
            }
            guard !handle.isBroken else {
                throw PostgresError.connectionLost("the connection was broken by an earlier failure")
            }
            do {
                return try body(pointer, &handle.statements, &handle.pendingBegin)
            } catch let error as PostgresError {
                if error.isConnectionProblem || PQstatus(pointer) != CONNECTION_OK {
                    handle.isBroken = true
                }
                throw error
            }
        }
    }

    /// Runs a blocking closure on `threadPool`; a stopped pool means the client has shut down.
    static func run<T: Sendable>(on threadPool: NIOThreadPool, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await threadPool.runIfActive(body)
        } catch is NIOThreadPoolError.ThreadPoolInactive {
            throw PostgresError.shutDown
        }
    }

    private func executeBlocking(
        _ sql: String, _ parameters: [PostgresParameter], planning: PostgresPlanning, on pointer: OpaquePointer,
        statements: inout PreparedStatementCache
    ) throws -> PostgresQueryResult {
        try Self.rejectNUL(sql)
        let bound = try LibpqParameters(parameters)
        guard planning == .cached, statements.capacity > 0 else {
            return try consume(
                PQexecParams(pointer, sql, bound.count, bound.types, bound.values, bound.lengths, bound.formats, 0), on: pointer
            )
        }
        return try executeCached(PreparedStatementCache.Key(sql: sql, types: bound.types), on: pointer, statements: &statements) { name in
            try consume(PQexecPrepared(pointer, name, bound.count, bound.values, bound.lengths, bound.formats, 0), on: pointer)
        }
    }

    /// A parameter's length as libpq takes it (a C `int`); larger values throw
    /// `PostgresError.server(sqlState: "54000", …)` (program_limit_exceeded, as the server would).
    static func wireLength(ofParameter index: Int, byteCount: Int) throws(PostgresError) -> Int32 {
        guard let length = Int32(exactly: byteCount) else {
            throw PostgresError.server(
                sqlState: "54000",
                message: "parameter $\(index + 1) is \(byteCount) bytes; a value can have at most \(Int32.max)"
            )
        }
        return length
    }

    /// Turns a `PGresult` into a result or the matching ``PostgresError``, and clears it.
    func consume(_ result: OpaquePointer?, on pointer: OpaquePointer) throws -> PostgresQueryResult {
        guard let result else {
            let message = Self.errorMessage(of: pointer)
            throw PQstatus(pointer) == CONNECTION_OK
                ? PostgresError.server(sqlState: "XX000", message: message)
                : PostgresError.connectionLost(message)
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        switch status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PostgresQueryResult(copying: result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            throw PostgresError.connectionLost("COPY is not supported by query(); the connection is discarded")
        default:
            let message = Self.field(result, DiagnosticField.messagePrimary)
                ?? PQresultErrorMessage(result).map { String(cString: $0).singleLine }
                ?? "unknown error"
            // A FATAL error ends the session even if libpq has not seen the socket close yet.
            let severity = Self.field(result, DiagnosticField.severityNonLocalized)
            guard PQstatus(pointer) == CONNECTION_OK, severity != "FATAL", severity != "PANIC" else {
                throw PostgresError.connectionLost(message.isEmpty ? Self.errorMessage(of: pointer) : message)
            }
            guard let sqlState = Self.field(result, DiagnosticField.sqlState) else {
                throw PostgresError.server(sqlState: "XX000", message: message)
            }
            throw PostgresError(
                sqlState: sqlState,
                message: message,
                detail: Self.field(result, DiagnosticField.messageDetail),
                constraint: Self.field(result, DiagnosticField.constraintName),
                column: Self.field(result, DiagnosticField.columnName)
            )
        }
    }

    private static func openBlocking(_ parameters: [(String, String)]) throws -> OpaquePointer {
        let keywords = parameters.map { strdup($0.0) } + [nil]
        let values = parameters.map { strdup($0.1) } + [nil]
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let pointer = keywords.map { $0.map { UnsafePointer($0) } }.withUnsafeBufferPointer { keywordBuffer in
            values.map { $0.map { UnsafePointer($0) } }.withUnsafeBufferPointer { valueBuffer in
                PQconnectdbParams(keywordBuffer.baseAddress, valueBuffer.baseAddress, 0)
            }
        }
        guard let pointer else { throw PostgresError.connectionFailed("libpq could not allocate a connection") }
        guard PQstatus(pointer) == CONNECTION_OK else {
            let message = errorMessage(of: pointer)
            PQfinish(pointer)
            throw PostgresError.connectionFailed(message)
        }
        // A server or pooler that ignores startup options gets the settings as statements.
        let timeZone = PQparameterStatus(pointer, "TimeZone").map { String(cString: $0) }
        let dateStyle = PQparameterStatus(pointer, "DateStyle").map { String(cString: $0) }
        if timeZone != "UTC" || dateStyle?.hasPrefix("ISO") != true {
            let result = PQexec(pointer, "SET TimeZone = 'UTC'; SET DateStyle = 'ISO'; SET bytea_output = 'hex'")
            let succeeded = PQresultStatus(result) == PGRES_COMMAND_OK
            PQclear(result)
            guard succeeded else {
                let message = errorMessage(of: pointer)
                PQfinish(pointer)
                throw PostgresError.connectionFailed("could not set the session's time zone and date style: \(message)")
            }
        }
        return pointer
    }

    static func rejectNUL(_ sql: String) throws {
        guard !sql.utf8.contains(0) else {
            throw PostgresError.server(sqlState: "22021", message: "the SQL text contains U+0000 (NUL)")
        }
    }

    static func errorMessage(of pointer: OpaquePointer) -> String {
        let message = PQerrorMessage(pointer).map { String(cString: $0).singleLine } ?? ""
        return message.isEmpty ? "unknown libpq error" : message
    }

    private static func field(_ result: OpaquePointer, _ code: Int32) -> String? {
        PQresultErrorField(result, code).map { String(cString: $0) }
    }
}
