/// How a column's value (as PostgreSQL prints it) is shown in a change list or a history record.
public enum AdminCellFormat: Sendable {
    case text
    /// Yes / No.
    case boolean
    /// A `timestamptz`, shown in the organisation's time zone.
    case dateTime
    case date
    case time
    case number
    /// A stored value shown by its choice's label.
    case choice([AdminChoice])
    /// A stored media name (`athletes/<hex>.png`), shown in a change list as a small image (a
    /// placeholder when empty), its alt text the row's label.
    case image
    /// Weekly times as `<ISO weekday> <HH:MM>` items separated by commas, shown as `Mon 18:00, Wed 18:30`.
    case weekdayTimes
}

extension AdminCellFormat {
    /// A date, a time or both: short text that reads badly broken over lines.
    var isImage: Bool {
        if case .image = self { return true }
        return false
    }

    var isMoment: Bool {
        switch self {
        case .dateTime, .date, .time: true
        default: false
        }
    }
}
