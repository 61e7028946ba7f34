/// How an athlete attended a session, as `attendance_records.status` stores it.
enum AttendanceStatus: String, CaseIterable, Sendable {
    case present
    case late
    case excused
    case absent

    /// The English label, a catalog key (the admin's choices show it translated).
    var labelKey: String {
        switch self {
        case .present: "Present"
        case .late: "Late"
        case .excused: "Excused"
        case .absent: "Absent"
        }
    }

    /// The label in the reader's language.
    func label(_ localizer: Localizer) -> String {
        switch self {
        case .present: localizer.t("Present")
        case .late: localizer.t("Late")
        case .excused: localizer.t("Excused")
        case .absent: localizer.t("Absent")
        }
    }

    /// The short label of a register's cell (Moodle's): `P` `L` `E` `A` / `П` `О` `У` `Н`.
    func shortLabel(_ localizer: Localizer) -> String {
        switch self {
        case .present: localizer.t("P")
        case .late: localizer.t("L")
        case .excused: localizer.t("E")
        case .absent: localizer.t("A")
        }
    }
}
