/// Prometheus' text exposition format, version 0.0.4: each family's `# HELP` and `# TYPE`, then its
/// samples, label values escaped.
struct PrometheusText: Sendable {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    enum MetricType: String, Sendable {
        case gauge, counter, histogram
    }

    private(set) var text = ""

    mutating func family(_ name: String, _ type: MetricType, help: String) {
        text += "# HELP \(name) \(Self.escapedHelp(help))\n# TYPE \(name) \(type.rawValue)\n"
    }

    mutating func sample(_ name: String, labels: KeyValuePairs<String, String> = [:], _ value: Double) {
        write(name, labels, Self.number(value))
    }

    mutating func sample(_ name: String, labels: KeyValuePairs<String, String> = [:], _ value: Int) {
        write(name, labels, String(value))
    }

    private mutating func write(_ name: String, _ labels: KeyValuePairs<String, String>, _ value: String) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.map { "\($0.key)=\"\(Self.escapedLabel($0.value))\"" }.joined(separator: ",") + "}"
        }
        text += " " + value + "\n"
    }

    /// A sample value or `le` bound as the format writes it: `+Inf`, `-Inf`, `NaN`, or Swift's shortest exact decimal.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        return String(value)
    }

    /// Label values escape backslash, double quote and line feed.
    static func escapedLabel(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Help texts escape backslash and line feed.
    static func escapedHelp(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}
