import Foundation

/// Fingerprinted URLs of the files in `Public/`: `/static/css/app.css?v=<hash of its bytes>`, so a
/// browser may cache them for a year and still sees every change at once.
struct AssetManifest: Sendable {
    private let fingerprints: [String: String]

    init(publicDirectory: String) throws {
        let root = URL(fileURLWithPath: publicDirectory).standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw StartupError("static files folder \(publicDirectory) cannot be read")
        }
        var fingerprints: [String: String] = [:]
        for case let url as URL in enumerator {
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            fingerprints[relative] = Self.fingerprint(data)
        }
        self.fingerprints = fingerprints
    }

    /// The URL of a file below `Public/`, with its fingerprint.
    func url(for file: String) -> String {
        guard let fingerprint = fingerprints[file] else { return "\(SiteURL.staticFiles)/\(file)" }
        return "\(SiteURL.staticFiles)/\(file)?v=\(fingerprint)"
    }

    /// FNV-1a, 64 bits: enough to tell versions of a file apart.
    static func fingerprint(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
