import Foundation

/// The list of common passwords shipped as a resource, `Resources/common-passwords.txt`: Django's
/// list (BSD licence; see `common-passwords.NOTICE` beside it), one lowercased password per line.
public enum CommonPasswords {
    /// Reads the list into a set of lowercased passwords. Blocking file I/O: call it once at
    /// start-up (through `offload { }`) and hand the set to ``PasswordPolicy``.
    ///
    /// - Throws: ``StartupError`` if the resource is missing, is not UTF-8, or is empty. When the
    ///   whole resource folder `palestra_Palestra.resources` is missing, SwiftPM's `Bundle.module`
    ///   stops the process before this can throw: install that folder beside the executable.
    public static func load() throws -> Set<String> {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt") else {
            throw StartupError("resource common-passwords.txt is missing from the Palestra bundle")
        }
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            throw StartupError("resource \(url.path) cannot be read as UTF-8 text")
        }
        let passwords = parse(text)
        guard !passwords.isEmpty else {
            throw StartupError("resource \(url.path) holds no passwords")
        }
        return passwords
    }

    /// One password per line (LF or CRLF), lowercased, blank lines skipped.
    static func parse(_ text: String) -> Set<String> {
        var passwords = Set<String>(minimumCapacity: 20_000)
        for bytes in text.utf8.split(separator: UInt8(ascii: "\n")) {
            var line = Substring(bytes)
            if line.utf8.last == UInt8(ascii: "\r") {
                line = Substring(line.utf8.dropLast())
            }
            if !line.isEmpty {
                passwords.insert(line.lowercased())
            }
        }
        return passwords
    }
}
