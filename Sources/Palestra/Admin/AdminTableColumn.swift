/// A column of a read-only ``AdminField/Kind/table(_:)`` field: the key in each JSON object, its
/// label (a catalog key) and how its values are shown.
public struct AdminTableColumn: Sendable {
    public let key: String
    public let label: String
    public let format: AdminCellFormat
    /// For an `.image` column: the key of the column naming what the picture shows, for its alt text
    /// ("Photo: Anna Petrova").
    public let altFrom: String?

    public init(_ key: String, label: String, format: AdminCellFormat = .text, altFrom: String? = nil) {
        self.altFrom = altFrom
        self.key = key
        self.label = label
        self.format = format
    }
}
