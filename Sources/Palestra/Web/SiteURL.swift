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
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return output
    }
}
