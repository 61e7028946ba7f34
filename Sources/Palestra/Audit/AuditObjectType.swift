/// What an audit record is about, as `audit_records.object_type` stores it: an admin resource's slug,
/// `<slug>.<inline>` for an inline's rows. Shown by name in the audit list, its filter and a record's
/// page, never as the stored slug. `AuditObjectTypeTests` checks every registered resource and inline
/// has a name here.
enum AuditObjectType {
    /// The stored value and its label (a catalog key).
    static let choices = [
        AdminChoice("users", "Users"),
        AdminChoice("jobs", "Jobs"),
        AdminChoice("training-groups", "Training groups"),
        AdminChoice("training-groups.slots", "Training groups: weekly schedule"),
        AdminChoice("athletes", "Athletes"),
        AdminChoice("athletes.memberships", "Athletes: group memberships"),
        AdminChoice("training-sessions", "Training sessions"),
        AdminChoice("attendance", "Attendance records"),
        AdminChoice("audit", "Audit records"),
        AdminChoice("debate-events", "Debate events"),
        AdminChoice("debate-pools", "Seat pools"),
        AdminChoice("debate-cases", "Debate cases"),
        AdminChoice("debate-registrations", "Debate registrations"),
        AdminChoice("rooms", "Rooms"),
        AdminChoice("lessons", "Lessons"),
        AdminChoice("teams", "Teams"),
        AdminChoice("teams.memberships", "Teams: members"),
        AdminChoice("commission-entries", "Commission entries"),
    ]
}
