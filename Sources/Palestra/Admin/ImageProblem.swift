/// Why `ImageSanitizer` refused an image; every case gets the same message beside the field, the cases
/// are for logs and tests.
enum ImageProblem: Error, Equatable, Sendable {
    /// The file ends inside a marker, segment, chunk or scan.
    case truncated
    /// A structure the format does not allow (a bad marker, length, chunk type or order).
    case malformed
    /// A PNG chunk whose CRC does not match its type and data.
    case badChecksum
    /// The image's end (EOI, IEND, the RIFF size) is missing.
    case missingEnd
    /// Bytes follow the image's end.
    case trailingBytes
}
