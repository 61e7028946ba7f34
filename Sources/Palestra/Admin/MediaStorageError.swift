/// The media folder could not take a file.
struct MediaStorageError: Error, CustomStringConvertible {
    let folder: String
    var description: String { "the media folder \(folder) cannot be written to" }
}
