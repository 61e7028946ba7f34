import Foundation

/// One `Migrations/NNNN_name.sql` file.
struct MigrationFile: Sendable, Equatable {
    let version: Int
    let name: String
    let sql: String

    var fileName: String { name + ".sql" }

    /// A version as it stands in a file name: `0007`.
    static func versionText(_ version: Int) -> String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Every migration in `directory`, in order. Throws, naming the file, for a `.sql` file whose name
    /// is not `NNNN_name.sql`, two files with one version, or a gap in the numbering.
    static func load(from directory: String) throws(MigrationError) -> [MigrationFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .unreadable(path: directory)
        }
        var files: [MigrationFile] = []
        for fileName in names where fileName.hasSuffix(".sql") {
            let base = String(fileName.dropLast(4))
            guard let match = base.wholeMatch(of: /([0-9]{4})_([a-z0-9_]+)/), let version = Int(match.output.1) else {
                throw .badName(file: fileName)
            }
            guard let data = FileManager.default.contents(atPath: "\(directory)/\(fileName)"),
                  let sql = String(data: data, encoding: .utf8)
            else {
                throw .unreadable(path: "\(directory)/\(fileName)")
            }
            files.append(MigrationFile(version: version, name: base, sql: sql))
        }
        files.sort { ($0.version, $0.name) < ($1.version, $1.name) }
        for (index, file) in files.enumerated() where file.version != index + 1 {
            if index > 0 && files[index - 1].version == file.version {
                throw .duplicateVersion(file: file.fileName, other: files[index - 1].fileName)
            }
            throw .gap(file: file.fileName, expectedVersion: index + 1)
        }
        return files
    }
}
