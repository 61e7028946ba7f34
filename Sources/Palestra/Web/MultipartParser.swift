/// Reads a complete `multipart/form-data` body (RFC 7578) into a ``FormData``, as strictly as
/// ``FormData/init(urlEncoded:)`` reads URL-encoded ones: anything malformed makes the whole body
/// unreadable (``AppError/badRequest``) rather than being guessed at.
///
/// - The body is `--boundary`, then parts each ended by `CRLF--boundary`, and a final `--`
///   (RFC 2046 §5.1.1). A preamble before the first boundary and an epilogue after the last are
///   ignored; spaces or tabs may follow a boundary before its line break; a boundary followed by
///   anything else, or a body that never closes, is refused.
/// - Each part has header lines (`Name: value`, UTF-8, no control characters but tab, at most
///   ``maximumHeaderBytes`` in all), a blank line and its content. `Content-Disposition: form-data;
///   name="…"` is required; `Content-Type` is kept for files; a `Content-Transfer-Encoding` other than
///   the identity ones is refused; other headers are ignored.
/// - A part without a `filename` is a text field and obeys the URL-encoded rules: valid UTF-8, no
///   control characters but tab, CR and LF (``FormData/isForbidden(_:)``). A part with one is an
///   ``UploadedFile``, except an empty filename with empty content, which is how browsers send a file
///   input with no file chosen and is dropped. `filename*=UTF-8''…` (RFC 8187) wins over `filename`.
/// - Quoted parameter values end at the next `"` (there are no backslash escapes); in `name` and
///   `filename`, `%0A`, `%0D` and `%22` stand for LF, CR and `"`, the escaping browsers use (WHATWG
///   HTML, “multipart/form-data encoding algorithm”).
/// - At most ``maximumParts`` parts, fields, files and empty file inputs together.
///
/// Parsing is linear in the body's length: each search jumps from one CR to the next, and as the
/// delimiter holds no CR after its first byte a partial match is never read twice.
struct MultipartParser: Sendable {
    /// The most parts one body may have.
    static let maximumParts = 1_000
    /// The most bytes a part's header lines may take, their line breaks included, the blank line not.
    static let maximumHeaderBytes = 8 * 1024

    /// `CRLF--boundary`, which ends every part.
    let delimiter: [UInt8]

    /// A parser for parts separated by `boundary`: 1 to 70 of the characters RFC 2046 allows (letters,
    /// digits, `'()+_,-./:=?` and space), not ending in a space.
    init(boundary: String) throws(AppError) {
        let bytes = Array(boundary.utf8)
        guard (1...70).contains(bytes.count), bytes.allSatisfy(Self.isBoundaryCharacter), bytes.last != .space else {
            throw AppError.badRequest
        }
        delimiter = Self.crlf + Self.dashDash + bytes
    }

    /// A parser for the boundary a request's `Content-Type` names:
    /// `multipart/form-data; boundary=…`, the boundary quoted or not.
    init(contentType: String) throws(AppError) {
        let value = try Self.parameterizedValue(Array(contentType.utf8)[...])
        guard value.token == "multipart/form-data", let boundary = value.parameters["boundary"] else {
            throw AppError.badRequest
        }
        try self.init(boundary: boundary)
    }

    /// The fields and files of a whole body.
    func parse(_ body: [UInt8]) throws(AppError) -> FormData {
        let dashBoundary = delimiter.dropFirst(Self.crlf.count)
        var position: Int
        if body.starts(with: dashBoundary) {
            position = dashBoundary.count
        } else if let first = Self.firstIndex(of: delimiter, in: body[...]) {
            position = first + delimiter.count
        } else {
            throw AppError.badRequest
        }
        var fields: [FormData.Field] = []
        var files: [UploadedFile] = []
        var count = 0
        while !body[position...].starts(with: Self.dashDash) {
            position = try Self.endOfBoundaryLine(in: body, from: position)
            count += 1
            guard count <= Self.maximumParts, let end = Self.firstIndex(of: delimiter, in: body[position...]) else {
                throw AppError.badRequest
            }
            try Self.read(part: body[position..<end], fields: &fields, files: &files)
            position = end + delimiter.count
        }
        return FormData(fields: fields, files: files)
    }

    /// Where the part after a boundary starts: past optional spaces or tabs and the line break.
    static func endOfBoundaryLine(in body: [UInt8], from start: Int) throws(AppError) -> Int {
        var index = start
        while index < body.endIndex, body[index] == .space || body[index] == .tab {
            index += 1
        }
        guard body[index...].starts(with: crlf) else {
            throw AppError.badRequest
        }
        return index + crlf.count
    }

    /// Reads one part (its headers, blank line and content) into `fields` or `files`.
    static func read(part: ArraySlice<UInt8>, fields: inout [FormData.Field], files: inout [UploadedFile]) throws(AppError) {
        // The headers end at the first blank line, which must come within the limit; a part of
        // header lines only (no blank line, no content) is allowed by RFC 2046 too.
        let window = part.prefix(maximumHeaderBytes + crlf.count)
        let headerEnd: Int
        let contentStart: Int
        if let blank = firstIndex(of: crlf + crlf, in: window) {
            headerEnd = blank
            contentStart = blank + 2 * crlf.count
        } else if part.count <= maximumHeaderBytes, part.suffix(crlf.count).elementsEqual(crlf) {
            headerEnd = part.endIndex - crlf.count
            contentStart = part.endIndex
        } else {
            throw AppError.badRequest
        }
        let headers = try partHeaders(part[part.startIndex..<headerEnd])
        let disposition = try parameterizedValue(headers.disposition)
        guard disposition.token == "form-data", let rawName = disposition.parameters["name"] else {
            throw AppError.badRequest
        }
        let name = try checked(unescaped(rawName))
        guard !name.isEmpty else {
            throw AppError.badRequest
        }
        let content = part[contentStart...]
        let filename = try disposition.parameters["filename*"].map(extendedValue) ?? disposition.parameters["filename"].map(unescaped)
        if let filename {
            if filename.isEmpty && content.isEmpty { return }
            let shownName = try checked(filename)
            let contentType = headers.contentType ?? "application/octet-stream"
            files.append(UploadedFile(name: name, filename: shownName, contentType: contentType, bytes: Array(content)))
        } else {
            guard let text = String(validating: content, as: UTF8.self) else {
                throw AppError.badRequest
            }
            let value = try checked(text)
            fields.append(FormData.Field(name: name, value: value))
        }
    }

    /// The `Content-Disposition` (required, once) and `Content-Type` (optional, once) of a part's
    /// header lines, which are split at CRLF and each checked.
    static func partHeaders(_ block: ArraySlice<UInt8>) throws(AppError) -> (disposition: ArraySlice<UInt8>, contentType: String?) {
        var disposition: ArraySlice<UInt8>?
        var contentType: String?
        var lineStart = block.startIndex
        while true {
            let lineEnd = firstIndex(of: crlf, in: block[lineStart...]) ?? block.endIndex
            let line = block[lineStart..<lineEnd]
            guard let colon = line.firstIndex(of: .colon), colon > line.startIndex,
                  line[..<colon].allSatisfy(isTokenCharacter),
                  !line.contains(where: isForbiddenInHeader), String(validating: line, as: UTF8.self) != nil
            else {
                throw AppError.badRequest
            }
            let value = trimmed(line[(colon + 1)...])
            switch lowercased(line[..<colon]) {
            case "content-disposition":
                guard disposition == nil else { throw AppError.badRequest }
                disposition = value
            case "content-type":
                guard contentType == nil, !value.isEmpty else { throw AppError.badRequest }
                contentType = String(decoding: value, as: UTF8.self)
            case "content-transfer-encoding":
                guard ["7bit", "8bit", "binary"].contains(lowercased(value)) else { throw AppError.badRequest }
            default:
                break
            }
            guard lineEnd < block.endIndex else { break }
            lineStart = lineEnd + crlf.count
        }
        guard let disposition else {
            throw AppError.badRequest
        }
        return (disposition, contentType)
    }

    /// A header value of the form `token; name=value; name="quoted value"` (`Content-Type`,
    /// `Content-Disposition`), the token and parameter names lowercased. A parameter named twice,
    /// a quote left open or anything else out of shape is refused.
    static func parameterizedValue(_ bytes: ArraySlice<UInt8>) throws(AppError) -> (token: String, parameters: [String: String]) {
        let tokenEnd = bytes.firstIndex(of: .semicolon) ?? bytes.endIndex
        let token = trimmed(bytes[..<tokenEnd])
        guard !token.isEmpty, token.allSatisfy({ isTokenCharacter($0) || $0 == .slash }) else {
            throw AppError.badRequest
        }
        var parameters: [String: String] = [:]
        var index = tokenEnd
        while index < bytes.endIndex {
            index = skipSpaces(in: bytes, from: index + 1) // past the semicolon
            if index == bytes.endIndex { break }
            guard let equals = bytes[index...].firstIndex(of: .equals) else {
                throw AppError.badRequest
            }
            let name = trimmed(bytes[index..<equals])
            guard !name.isEmpty, name.allSatisfy(isTokenCharacter) else {
                throw AppError.badRequest
            }
            index = skipSpaces(in: bytes, from: equals + 1)
            let value: ArraySlice<UInt8>
            if index < bytes.endIndex, bytes[index] == .quote {
                guard let close = bytes[(index + 1)...].firstIndex(of: .quote) else {
                    throw AppError.badRequest
                }
                value = bytes[(index + 1)..<close]
                index = close + 1
            } else {
                let end = bytes[index...].firstIndex { $0 == .semicolon || $0 == .space || $0 == .tab } ?? bytes.endIndex
                value = bytes[index..<end]
                guard !value.isEmpty, !value.contains(.quote) else {
                    throw AppError.badRequest
                }
                index = end
            }
            index = skipSpaces(in: bytes, from: index)
            guard index == bytes.endIndex || bytes[index] == .semicolon,
                  parameters.updateValue(String(decoding: value, as: UTF8.self), forKey: lowercased(name)) == nil
            else {
                throw AppError.badRequest
            }
        }
        return (lowercased(token), parameters)
    }

    /// An RFC 8187 extended value, `UTF-8'language'percent-encoded`; other charsets are refused.
    static func extendedValue(_ text: String) throws(AppError) -> String {
        let pieces = text.utf8.split(separator: .apostrophe, maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, lowercased(pieces[0]) == "utf-8" else {
            throw AppError.badRequest
        }
        var bytes: [UInt8] = []
        var iterator = pieces[2].makeIterator()
        while let byte = iterator.next() {
            guard byte == .percent else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(FormData.hexValue), let low = iterator.next().flatMap(FormData.hexValue) else {
                throw AppError.badRequest
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw AppError.badRequest
        }
        return decoded
    }

    /// A quoted `name` or `filename` with the browsers' `%0A`, `%0D` and `%22` turned back into LF, CR and `"`.
    static func unescaped(_ text: String) -> String {
        let escapes: [(code: [UInt8], byte: UInt8)] = [(Array("%0A".utf8), 0x0A), (Array("%0D".utf8), 0x0D), (Array("%22".utf8), .quote)]
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == .percent, let escape = escapes.first(where: { bytes[index...].starts(with: $0.code) }) {
                result.append(escape.byte)
                index += escape.code.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `text` itself, if it holds no character a form field may not (``FormData/isForbidden(_:)``).
    static func checked(_ text: String) throws(AppError) -> String {
        guard !text.unicodeScalars.contains(where: FormData.isForbidden) else {
            throw AppError.badRequest
        }
        return text
    }

    /// Where `pattern` first occurs in `bytes`, jumping from one occurrence of its first byte to the next.
    static func firstIndex(of pattern: [UInt8], in bytes: ArraySlice<UInt8>) -> Int? {
        guard let first = pattern.first else { return bytes.startIndex }
        var start = bytes.startIndex
        while bytes.endIndex - start >= pattern.count {
            guard let candidate = bytes[start...(bytes.endIndex - pattern.count)].firstIndex(of: first) else {
                return nil
            }
            if bytes[candidate..<(candidate + pattern.count)].elementsEqual(pattern) {
                return candidate
            }
            start = candidate + 1
        }
        return nil
    }

    /// The first index from `start` that is not a space or tab.
    static func skipSpaces(in bytes: ArraySlice<UInt8>, from start: Int) -> Int {
        bytes[start...].firstIndex { $0 != .space && $0 != .tab } ?? bytes.endIndex
    }

    /// `bytes` without leading and trailing spaces and tabs.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let start = skipSpaces(in: bytes, from: bytes.startIndex)
        let end = bytes[start...].lastIndex { $0 != .space && $0 != .tab }.map { $0 + 1 } ?? start
        return bytes[start..<end]
    }

    /// ASCII bytes as a lowercased string, for comparing header names, tokens and charsets.
    static func lowercased(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self).lowercased()
    }

    /// A `tchar` of RFC 9110: what header names, media types and parameter names are made of.
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: tokenSymbols.contains(byte)
        }
    }

    /// A `bchars` of RFC 2046: what a boundary is made of.
    static func isBoundaryCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: boundarySymbols.contains(byte)
        }
    }

    /// Control characters but tab, and DEL; header lines hold no line breaks of their own.
    static func isForbiddenInHeader(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != .tab) || byte == 0x7F
    }

    /// The punctuation allowed in a token and in a boundary.
    static let tokenSymbols: [UInt8] = Array("!#$%&'*+-.^_`|~".utf8)
    static let boundarySymbols: [UInt8] = Array("'()+_,-./:=? ".utf8)
    /// A line break and the two dashes that open a boundary.
    static let crlf: [UInt8] = [0x0D, 0x0A]
    static let dashDash: [UInt8] = [.dash, .dash]
}

/// The ASCII bytes the parser looks for, by name.
extension UInt8 {
    fileprivate static let tab = UInt8(ascii: "\t")
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let quote = UInt8(ascii: "\"")
    fileprivate static let percent = UInt8(ascii: "%")
    fileprivate static let apostrophe = UInt8(ascii: "'")
    fileprivate static let dash = UInt8(ascii: "-")
    fileprivate static let slash = UInt8(ascii: "/")
    fileprivate static let colon = UInt8(ascii: ":")
    fileprivate static let semicolon = UInt8(ascii: ";")
    fileprivate static let equals = UInt8(ascii: "=")
}
