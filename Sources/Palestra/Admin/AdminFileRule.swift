/// What a file field accepts: which kinds (checked by their bytes) and how large.
public struct AdminFileRule: Sendable {
    public let kinds: [UploadKind]
    public let maximumBytes: Int

    public init(kinds: [UploadKind], maximumBytes: Int) {
        self.kinds = kinds
        self.maximumBytes = maximumBytes
    }

    /// PNG, JPEG or WebP images up to 2 MB: avatars and photos.
    public static let image = AdminFileRule(kinds: [.png, .jpeg, .webp], maximumBytes: 2 * 1024 * 1024)

    /// The `accept` attribute of the input.
    var accept: String { kinds.map(\.contentType).joined(separator: ",") }
}
