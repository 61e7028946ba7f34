/// A column of a read-only ``AdminField/Kind/table(_:)`` field: the key in each JSON object, its
/// label (a catalog key) and how its values are shown.
public struct AdminTableColumn: Sendable {
    public let key: String
    public let label: String
    public let format: AdminCellFormat

    public init(_ key: String, label: String, format: AdminCellFormat = .text) {
        self.key = key
        self.label = label
        self.format = format
    }
}
