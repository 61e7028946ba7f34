import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder that receives one `.eml` file per message. Each is written under a hidden temporary name,
/// flushed to disk, then renamed into place, so a reader never sees half a file; a file of the same
/// name (the same notification sent again) is replaced whole.
struct MaildirFolder: Sendable {
    let path: String

    /// Writes `message` as `name` and returns the file's path. The folder must exist.
    @discardableResult
    func store(_ message: String, named name: String) async throws -> String {
        let folder = path
        return try await offload { try Self.writeBlocking(Array(message.utf8), folder: folder, name: name) }
    }

    private static func writeBlocking(_ bytes: [UInt8], folder: String, name: String) throws -> String {
        let final = folder + "/" + name
        let temporary = folder + "/." + name + "." + UUID().uuidString + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw failure(folder) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let error = failure(folder)
                close(descriptor)
                unlink(temporary)
                throw error
            }
            written += count
        }
        guard fsync(descriptor) == 0, close(descriptor) == 0 else {
            let error = failure(folder)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, final) == 0 else {
            let error = failure(folder)
            unlink(temporary)
            throw error
        }
        return final
    }

    /// The current `errno` as a delivery error naming the folder.
    private static func failure(_ folder: String) -> NotificationDeliveryError {
        .maildir(folder: folder, reason: String(cString: strerror(errno)))
    }
}
