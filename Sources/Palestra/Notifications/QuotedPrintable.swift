/// Quoted-printable (RFC 2045 §6.7) for mail bodies with lines too long for `8bit`: printable ASCII stays,
/// other bytes become `=XX`, a space or tab before a line break is encoded, and soft breaks (`=` at the
/// end of a line) keep every encoded line within 76 characters.
enum QuotedPrintable {
    static func encode(lines: [Substring], lineEnding: String) -> String {
        lines.map { encode(line: Array($0.utf8), lineEnding: lineEnding) }.joined(separator: lineEnding)
    }

    private static func encode(line: [UInt8], lineEnding: String) -> String {
        var output = ""
        var current = ""
        for (index, byte) in line.enumerated() {
            let isLast = index == line.count - 1
            let token: String
            switch byte {
            case UInt8(ascii: "="):
                token = hex(byte)
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                token = isLast ? hex(byte) : String(UnicodeScalar(byte))
            case 33...126:
                token = String(UnicodeScalar(byte))
            default:
                token = hex(byte)
            }
            // 75 characters and a soft-break `=` make the 76 the RFC allows; the last token needs no `=`.
            if current.count + token.count > (isLast ? 76 : 75) {
                output += current + "=" + lineEnding
                current = ""
            }
            current += token
        }
        return output + current
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
