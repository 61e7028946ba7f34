/// A mark to store: an athlete's status and note at a session.
struct AttendanceMark: Sendable, Equatable {
    let athleteID: Int
    let status: AttendanceStatus
    let note: String
}
