import CLibPQ
import Logging

/// Receives the server's notices and warnings for one connection (instead of libpq printing them to
/// stderr) and remembers a FATAL message that arrived while idle, i.e. the backend is going away.
///
/// Only touched from inside libpq calls, which run under the owning connection's lock.
final class NoticeSink {
    private let logger: Logger
    private(set) var sawFatal = false

    init(logger: Logger) {
        self.logger = logger
    }

    /// Installs the receiver; `self` must outlive the `PGconn` (the owning connection keeps both).
    func install(on pointer: OpaquePointer) {
        PQsetNoticeReceiver(pointer, { argument, result in
            guard let argument, let result else { return }
            let sink = Unmanaged<NoticeSink>.fromOpaque(argument).takeUnretainedValue()
            sink.receive(result)
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    private func receive(_ result: OpaquePointer) {
        let severity = PQresultErrorField(result, DiagnosticField.severityNonLocalized).map { String(cString: $0) } ?? "NOTICE"
        let message = PQresultErrorField(result, DiagnosticField.messagePrimary).map { String(cString: $0) } ?? ""
        let sqlState = PQresultErrorField(result, DiagnosticField.sqlState).map { String(cString: $0) } ?? ""
        if severity == "FATAL" || severity == "PANIC" {
            sawFatal = true
        }
        let level: Logger.Level = switch severity {
        case "WARNING", "FATAL", "PANIC": .warning
        default: .debug
        }
        logger.log(level: level, "PostgreSQL \(severity): \(message)", metadata: ["sqlstate": "\(sqlState)"])
    }
}
