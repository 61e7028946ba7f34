import Foundation

/// A mail message read back the way a mail reader would: header fields unfolded, encoded-words and
/// quoted-printable decoded. Independent of the code that writes messages.
struct ParsedMail {
    let headerLines: [String]
    let fields: [(name: String, value: String)]
    let rawBody: String

    enum ParseError: Error {
        case noBlankLine
        case badField(String)
    }

    init(_ text: String, lineEnding: String) throws {
        guard let split = text.range(of: lineEnding + lineEnding) else { throw ParseError.noBlankLine }
        headerLines = text[..<split.lowerBound].components(separatedBy: lineEnding)
        rawBody = String(text[split.upperBound...])
        var fields: [(String, String)] = []
        for line in headerLines {
            if line.first == " " || line.first == "\t", let last = fields.popLast() {
                fields.append((last.0, last.1 + line))  // unfolding removes only the line break
            } else {
                guard let colon = line.firstIndex(of: ":") else { throw ParseError.badField(line) }
                fields.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        self.fields = fields
    }

    /// The field's value as written (unfolded), or `nil`.
    func raw(_ name: String) -> String? {
        fields.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The field's value with RFC 2047 encoded-words decoded (whitespace between adjacent words dropped).
    func decoded(_ name: String) -> String? {
        raw(name).map(Self.decodeWords)
    }

    /// The body after its Content-Transfer-Encoding is undone, with LF line breaks.
    func body(lineEnding: String) -> String {
        let text = raw("Content-Transfer-Encoding")?.lowercased() == "quoted-printable" ? Self.decodeQuotedPrintable(rawBody, lineEnding: lineEnding) : rawBody
        return text.replacingOccurrences(of: lineEnding, with: "\n")
    }

    static func decodeWords(_ value: String) -> String {
        let word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/
        var result = ""
        var rest = value[...]
        var previousWasWord = false
        while let match = rest.firstMatch(of: word) {
            let between = rest[..<match.range.lowerBound]
            if !(previousWasWord && between.allSatisfy(\.isWhitespace)) { result += between }
            let payload = String(match.output.3)
            if match.output.2.uppercased() == "B", let data = Data(base64Encoded: payload) {
                result += String(decoding: data, as: UTF8.self)
            } else {
                result += payload.replacingOccurrences(of: "_", with: " ")
            }
            previousWasWord = true
            rest = rest[match.range.upperBound...]
        }
        return result + rest
    }

    static func decodeQuotedPrintable(_ text: String, lineEnding: String) -> String {
        var bytes: [UInt8] = []
        var lines = text.components(separatedBy: lineEnding)
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            var line = Array(line.utf8)
            let soft = line.last == UInt8(ascii: "=")
            if soft { line.removeLast() }
            var position = 0
            while position < line.count {
                if line[position] == UInt8(ascii: "="), position + 2 < line.count,
                   let value = UInt8(String(decoding: line[(position + 1)...(position + 2)], as: UTF8.self), radix: 16) {
                    bytes.append(value)
                    position += 3
                } else {
                    bytes.append(line[position])
                    position += 1
                }
            }
            if !soft { bytes += Array(lineEnding.utf8) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
