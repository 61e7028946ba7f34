import Foundation

/// Uploaded files on disk, under the configured media folder, each under a name the server makes
/// (`<slug>/<32 hex digits>.<ext>`): the sender's file name never becomes part of a path.
public struct MediaStorage: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Writes the bytes (off the event loops) and returns the stored name, relative to the folder.
    func store(_ bytes: [UInt8], kind: UploadKind, under slug: String) async throws -> String {
        var generator = SystemRandomNumberGenerator()
        let name = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
        let relative = "\(slug)/\(name).\(kind.fileExtension)"
        let folder = directory + "/" + slug
        let path = directory + "/" + relative
        try await offload {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                throw MediaStorageError(folder: folder)
            }
        }
        return relative
    }

    /// A stored file's bytes (read off the event loops), or `nil` when there is none. `relative` must be
    /// a name this storage made; callers check its shape first.
    func contents(of relative: String) async throws -> Data? {
        guard !relative.contains("..") else { return nil }
        let path = directory + "/" + relative
        return try await offload { FileManager.default.contents(atPath: path) }
    }

    /// Removes a stored file (one whose row was not saved after all); a missing file is fine.
    func remove(_ relative: String) async {
        guard !relative.contains("..") else { return }
        let path = directory + "/" + relative
        _ = try? await offload { try FileManager.default.removeItem(atPath: path) }
    }

    /// The stored files under a folder (relative names), last changed more than `age` ago.
    func files(under folder: String, olderThan age: Duration) async throws -> [String] {
        guard !folder.contains("..") else { return [] }
        let path = directory + "/" + folder
        let cutoff = Date().addingTimeInterval(-Double(age.components.seconds))
        return try await offload {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.filter { name in
                guard !name.hasPrefix("."),
                      let modified = (try? FileManager.default.attributesOfItem(atPath: path + "/" + name))?[.modificationDate] as? Date
                else { return false }
                return modified < cutoff
            }.map { folder + "/" + $0 }
        }
    }
}
