/// How an athlete attended a session, as `attendance_records.status` stores it.
enum AttendanceStatus: String, CaseIterable, Sendable {
    case present
    case late
    case excused
    case absent

    /// The label in the reader's language.
    func label(_ localizer: Localizer) -> String {
        switch self {
        case .present: localizer.t("Present")
        case .late: localizer.t("Late")
        case .excused: localizer.t("Excused")
        case .absent: localizer.t("Absent")
        }
    }
}
