/// Attendance over some held sessions: how many sessions were held, how the athletes were marked at
/// them, and how many marks are missing. For one athlete `held` is the sessions held while a member
/// and `unmarked` those of them with no mark; for a group `held` counts the group's sessions (not
/// athlete-sessions) and the marks and `unmarked` count its members' marks and missing marks.
public struct AttendanceCounts: Sendable, Equatable {
    public var held: Int
    public var present: Int
    public var late: Int
    public var excused: Int
    public var absent: Int
    /// Athlete-sessions held with no mark: shown as unmarked, never counted as absence.
    public var unmarked: Int

    public init(held: Int = 0, present: Int = 0, late: Int = 0, excused: Int = 0, absent: Int = 0, unmarked: Int = 0) {
        self.held = held
        self.present = present
        self.late = late
        self.excused = excused
        self.absent = absent
        self.unmarked = unmarked
    }

    /// Marks given: present, late, excused or absent.
    public var marked: Int { present + late + excused + absent }

    /// Present or late, out of the marked sessions; `nil` without any mark (nothing held, or nobody marked).
    public var percentage: Double? {
        marked == 0 ? nil : Double(present + late) * 100 / Double(marked)
    }

    /// Attendance below `threshold` per cent: the warning mark (never without marks).
    public func isBelow(_ threshold: Int) -> Bool {
        percentage.map { $0 < Double(threshold) } ?? false
    }

    /// Sessions were held and are waiting for marks, none given yet: the report says "unmarked", not 0 %.
    public var isUnmarked: Bool { marked == 0 && unmarked > 0 }

    static func + (lhs: AttendanceCounts, rhs: AttendanceCounts) -> AttendanceCounts {
        AttendanceCounts(
            held: lhs.held + rhs.held, present: lhs.present + rhs.present, late: lhs.late + rhs.late,
            excused: lhs.excused + rhs.excused, absent: lhs.absent + rhs.absent, unmarked: lhs.unmarked + rhs.unmarked
        )
    }
}
