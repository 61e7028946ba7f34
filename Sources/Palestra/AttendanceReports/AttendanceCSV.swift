/// CSV as RFC 4180 writes it: comma-separated, CRLF line ends, fields quoted when they hold a comma,
/// quote or line break (quotes doubled). Starts with a UTF-8 byte-order mark, so spreadsheet programs
/// read Cyrillic names as UTF-8. A field starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe,
/// so a name can't become a formula when the file is opened.
struct AttendanceCSV {
    private(set) var text = "\u{FEFF}"

    mutating func append(_ fields: [String]) {
        text += fields.map(Self.escaped).joined(separator: ",") + "\r\n"
    }

    static func escaped(_ field: String) -> String {
        var value = field
        if let first = value.first, "=+-@\t\r".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
