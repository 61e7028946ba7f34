/// A file sent in a `multipart/form-data` form (an `<input type="file">`), held in memory.
///
/// Everything but the bytes is what the browser claimed and nothing more: `filename` is for display
/// only and must never become part of a path, and `contentType` says nothing reliable about the
/// bytes — a handler that accepts images checks the bytes themselves.
public struct UploadedFile: Sendable, Equatable {
    /// The form field the file was chosen in.
    public let name: String
    /// The file's name on the sender's machine, as sent (already checked to hold no control characters
    /// but tab and line breaks). May be empty.
    public let filename: String
    /// The part's `Content-Type` as sent, `application/octet-stream` when the part had none.
    public let contentType: String
    /// The file's content, exactly as sent.
    public let bytes: [UInt8]

    public init(name: String, filename: String, contentType: String, bytes: [UInt8]) {
        self.name = name
        self.filename = filename
        self.contentType = contentType
        self.bytes = bytes
    }

    /// The file's length in bytes.
    public var size: Int { bytes.count }
}
