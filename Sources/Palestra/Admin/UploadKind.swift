/// A kind of file the admin engine accepts, recognised by its first bytes (never by its name or the
/// browser's claim).
public enum UploadKind: String, Sendable, CaseIterable {
    case png, jpeg, webp

    /// What the file is served as, whatever it was uploaded as.
    public var contentType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .webp: "image/webp"
        }
    }

    public var fileExtension: String {
        switch self {
        case .png: "png"
        case .jpeg: "jpg"
        case .webp: "webp"
        }
    }

    /// The kind whose signature starts `bytes`, if any.
    public static func sniff(_ bytes: [UInt8]) -> UploadKind? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return .webp }
        return nil
    }
}
