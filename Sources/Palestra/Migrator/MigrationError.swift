/// Why migrating stopped; each names the file concerned.
public enum MigrationError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String)
    case badName(file: String)
    case duplicateVersion(file: String, other: String)
    case gap(file: String, expectedVersion: Int)
    case appliedFileMissing(file: String)
    case checksumChanged(file: String)
    case outOfOrder(file: String, latestApplied: String)
    case failed(file: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path):
            "cannot read \(path)"
        case .badName(let file):
            "migration \(file): the name must be NNNN_name.sql (four digits, then lowercase letters, digits and _)"
        case .duplicateVersion(let file, let other):
            "migration \(file) has the same number as \(other)"
        case .gap(let file, let expected):
            "migration \(file) leaves a gap: the next number should be \(MigrationFile.versionText(expected))"
        case .appliedFileMissing(let file):
            "migration \(file) was applied to this database but its file is missing"
        case .checksumChanged(let file):
            "migration \(file) was changed after it was applied; add a new migration instead of editing it"
        case .outOfOrder(let file, let latest):
            "migration \(file) is new but \(latest), a later one, is already applied"
        case .failed(let file, let reason):
            "migration \(file) failed and was rolled back: \(reason)"
        }
    }
}
