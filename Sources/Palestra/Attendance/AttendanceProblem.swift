/// What is wrong with one row of a submitted journal, or with the form as a whole.
enum AttendanceProblem: Sendable, Equatable {
    /// A status that is none of present, late, excused, absent.
    case unknownStatus
    /// A note longer than `AttendanceSubmission.noteLimit` characters.
    case noteTooLong
    /// A note for an athlete without a mark: a note needs a status to go with.
    case noteWithoutStatus
    /// An athlete id that is not a member of the session's group on its date (another session's athlete,
    /// one who joined later or had left).
    case notMember(athleteID: Int)

    /// The message in the reader's language.
    func message(_ localizer: Localizer) -> String {
        switch self {
        case .unknownStatus:
            localizer.t("Choose Present, Late, Excused or Absent.")
        case .noteTooLong:
            localizer.plural("Use at most {count} characters.", count: AttendanceSubmission.noteLimit)
        case .noteWithoutStatus:
            localizer.t("Choose a status to go with the note.")
        case .notMember(let athleteID):
            localizer.t("Athlete {id} was not a member of this group on the session's date.", ["id": String(athleteID)])
        }
    }
}
