/// The site-wide URLs that belong to no area: the dashboard, health check, metrics and static files.
/// Each area declares its own (``AccountsURL``, ``AdminURL``, ``AttendanceURL`` …).
public enum SiteURL: SiteRoute {
    case dashboard
    /// For load balancers and monitors.
    case health
    /// Prometheus metrics (admins, or requests from this machine).
    case metrics

    /// Where `Public/` is served.
    public static let staticFiles = "/static"

    public var path: String {
        switch self {
        case .dashboard: "/"
        case .health: "/healthz"
        case .metrics: "/metrics"
        }
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986), for a query value or path segment.
    public static func queryEscaped(_ text: String) -> String {
        // Most values (ids, slugs, dates) need no escaping: then the text itself is the answer.
        guard text.utf8.contains(where: { !isUnreserved($0) }) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count * 3)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                output.append(byte)
            } else {
                output += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// RFC 3986's unreserved characters, which a URL carries as they are.
    @inline(__always)
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
