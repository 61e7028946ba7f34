import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// Logs once, at the first request that arrives through a reverse proxy (`X-Forwarded-For` or
/// `Forwarded`) while `PALESTRA_CLIENT_ADDRESS_HEADER` is unset: every client then has the proxy's
/// address, so per-address limits and the audit log's addresses see one client.
final class ProxyHeaderWarning: Sendable {
    private let warned = Atomic<Bool>(false)

    func check(_ request: Request, logger: Logger) {
        guard request.headers[.xForwardedFor] != nil || request.headers[.forwarded] != nil,
              !warned.exchange(true, ordering: .relaxed)
        else { return }
        logger.warning(
            "requests arrive with X-Forwarded-For or Forwarded but PALESTRA_CLIENT_ADDRESS_HEADER is not set: behind a proxy? set PALESTRA_CLIENT_ADDRESS_HEADER=X-Forwarded-For, or every client has the proxy's address"
        )
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
    static let forwarded = Self("Forwarded")!
}
