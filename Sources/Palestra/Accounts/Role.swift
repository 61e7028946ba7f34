/// What a signed-in user may do. Each area declares which roles may view, add, change and delete
/// its objects, and which rows each role sees; the admin engine enforces it.
public enum Role: String, CaseIterable, Sendable, Codable {
    /// Everything.
    case admin
    /// Their team's commissions and reports.
    case manager
    /// The training groups they coach, their sessions and attendance, the lessons they teach.
    case coach
    /// Their own lessons, workouts and notifications.
    case student

    /// The English name, a catalog key.
    public var label: String {
        switch self {
        case .admin: "Administrator"
        case .manager: "Manager"
        case .coach: "Coach"
        case .student: "Student"
        }
    }
}
