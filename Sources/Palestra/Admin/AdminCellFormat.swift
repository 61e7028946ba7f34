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
}

extension AdminCellFormat {
    /// A date, a time or both: short text that reads badly broken over lines.
    var isMoment: Bool {
        switch self {
        case .dateTime, .date, .time: true
        default: false
        }
    }
}
