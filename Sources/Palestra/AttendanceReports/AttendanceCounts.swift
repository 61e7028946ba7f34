/// Attendance over some held sessions: how many there were while the athlete was a member, and how
/// the athlete was marked at them. Unmarked sessions count as held, not attended.
public struct AttendanceCounts: Sendable, Equatable {
    public var held: Int
    public var present: Int
    public var late: Int
    public var excused: Int
    public var absent: Int

    public init(held: Int = 0, present: Int = 0, late: Int = 0, excused: Int = 0, absent: Int = 0) {
        self.held = held
        self.present = present
        self.late = late
        self.excused = excused
        self.absent = absent
    }

    /// Sessions with no mark at all.
    public var unmarked: Int { max(0, held - present - late - excused - absent) }

    /// Present or late, out of the sessions held; `nil` without any.
    public var percentage: Double? {
        held == 0 ? nil : Double(present + late) * 100 / Double(held)
    }

    static func + (lhs: AttendanceCounts, rhs: AttendanceCounts) -> AttendanceCounts {
        AttendanceCounts(
            held: lhs.held + rhs.held, present: lhs.present + rhs.present, late: lhs.late + rhs.late,
            excused: lhs.excused + rhs.excused, absent: lhs.absent + rhs.absent
        )
    }
}
