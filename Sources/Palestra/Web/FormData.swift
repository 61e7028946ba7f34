/// Name–value pairs of an `application/x-www-form-urlencoded` body or query string, decoded strictly:
/// a `%` not followed by two hex digits, or bytes that are not UTF-8, make the whole input unreadable
/// (the request answers 400) rather than being guessed at; so do NUL and other control characters
/// but tab and line breaks.
///
/// A `multipart/form-data` body (see `MultipartParser`) gives text fields under the same rules, and files.
public struct FormData: Sendable, Equatable {
    public let fields: [Field]
    /// The files of a `multipart/form-data` body, in order; file inputs left empty are not among them.
    public let files: [UploadedFile]

    public struct Field: Sendable, Equatable {
        public let name: String
        public let value: String
    }

    public init(fields: [Field] = [], files: [UploadedFile] = []) {
        self.fields = fields
        self.files = files
    }

    /// A request body decoded by its `Content-Type`: URL-encoded when the type says so or is absent,
    /// `multipart/form-data` by the boundary it names. Any other type, or a malformed one, is refused
    /// as a bad request rather than a 415: no form of ours sends it, so the request is malformed for
    /// the route, and the error page explains a 400 in those words.
    /// A URL-encoded body's text: raw bytes that are not UTF-8 make it unreadable, like bad escapes do.
    static func text(_ body: [UInt8]) throws(AppError) -> Substring {
        guard let text = String(validating: body, as: UTF8.self) else { throw AppError.badRequest }
        return Substring(text)
    }

    public init(body: [UInt8], contentType: String?) throws(AppError) {
        guard let contentType else {
            try self.init(urlEncoded: try Self.text(body))
            return
        }
        switch try MultipartParser.parameterizedValue(Array(contentType.utf8)[...]).token {
        case "application/x-www-form-urlencoded":
            try self.init(urlEncoded: try Self.text(body))
        case "multipart/form-data":
            self = try MultipartParser(contentType: contentType).parse(body)
        default:
            throw AppError.badRequest
        }
    }

    public init(urlEncoded text: Substring) throws(AppError) {
        var fields: [Field] = []
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0])
            let value = parts.count > 1 ? try Self.decode(parts[1]) : ""
            fields.append(Field(name: name, value: value))
        }
        self.fields = fields
        self.files = []
    }

    /// The first value of a field, or `nil` when the field is absent.
    public func value(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Every value of a field (a multi-select, repeated checkboxes), in order.
    public func values(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }

    /// The first file sent in a file input, or `nil` when none was chosen.
    public func file(_ name: String) -> UploadedFile? {
        files.first { $0.name == name }
    }

    static func decode(_ component: Substring) throws(AppError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(component.utf8.count)
        var iterator = component.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue) else {
                    throw AppError.badRequest
                }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self), !text.unicodeScalars.contains(where: isForbidden) else {
            throw AppError.badRequest
        }
        return text
    }

    /// Control characters no form field may hold (NUL cannot even be stored in PostgreSQL text);
    /// tab, line feed and carriage return are ordinary in a textarea.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F: true
        default: false
        }
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
