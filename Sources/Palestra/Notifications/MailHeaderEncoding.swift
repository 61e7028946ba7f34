import Foundation

/// Header values as RFC 5322 and RFC 2047 want them: printable ASCII as it is, anything else as
/// `=?UTF-8?B?…?=` encoded-words, and lines folded at spaces so none is longer than 78 characters
/// where a space allows it.
enum MailHeaderEncoding {
    /// Bytes of text per encoded-word: 39 bytes are 52 base64 characters, a 64-character word, so even
    /// the first one fits beside `Subject: ` within RFC 2047's 76-character lines.
    static let bytesPerWord = 39

    /// An unstructured value (Subject): as it is when it is printable ASCII that cannot be mistaken for
    /// an encoded-word, encoded-words otherwise.
    static func unstructured(_ text: String) -> String {
        isPlainASCII(text) && !text.contains("=?") ? text : encodedWords(text)
    }

    /// A display name: atoms as they are, other ASCII as a quoted string, anything else encoded.
    static func phrase(_ text: String) -> String {
        guard isPlainASCII(text), !text.contains("=?") else { return encodedWords(text) }
        let atext = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "!#$%&'*+-/=?^_`{|}~ "))
        if text.unicodeScalars.allSatisfy({ $0.isASCII && atext.contains($0) }) { return text }
        return "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }

    /// `text` as base64 encoded-words separated by spaces, never splitting a character's bytes.
    static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > bytesPerWord {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: " ")
    }

    /// `Name: value`, folded before spaces so lines stay within 78 characters where a space allows it.
    static func field(_ name: String, _ value: String, lineEnding: String) -> String {
        var lines: [String] = []
        var line = name + ":"
        for (index, token) in value.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if index > 0, line.count + 1 + token.count > 78, !line.allSatisfy({ $0 == " " }) {
                lines.append(line)
                line = ""
            }
            line += " " + token
        }
        lines.append(line)
        return lines.joined(separator: lineEnding)
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// Printable ASCII and spaces only: no control characters, nothing above 0x7E.
    private static func isPlainASCII(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) }
    }
}
