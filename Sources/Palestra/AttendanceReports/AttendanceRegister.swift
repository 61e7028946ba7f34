/// One group's month as a register: its athletes (members at some time in the month, with their counts),
/// its sessions that are or will be held, and what each athlete's cell at each session holds.
struct AttendanceRegister: Sendable {
    /// What a cell shows.
    enum Mark: Sendable, Equatable {
        /// A member at a held session, marked.
        case marked(AttendanceStatus, note: String)
        /// A member at a held session, with no mark: not counted as absence.
        case unmarked
        /// A session not held yet (and no mark).
        case planned
        /// Not a member on the session's date; a mark made anyway is kept, and not counted.
        case outside(AttendanceStatus?)
    }

    let athletes: [AttendanceReportStore.AthleteRow]
    let sessions: [AttendanceRegisterStore.Session]
    private let cells: [Int: [Int: AttendanceRegisterStore.Cell]]

    init(athletes: [AttendanceReportStore.AthleteRow], sessions: [AttendanceRegisterStore.Session], cells: [AttendanceRegisterStore.Cell]) {
        self.athletes = athletes
        self.sessions = sessions
        self.cells = Dictionary(grouping: cells, by: \.athleteID).mapValues { Dictionary($0.map { ($0.sessionID, $0) }, uniquingKeysWith: { first, _ in first }) }
    }

    func mark(athlete: Int, session: AttendanceRegisterStore.Session) -> Mark {
        let cell = cells[athlete]?[session.id]
        guard let cell, cell.isMember else { return .outside(cell?.status) }
        if let status = cell.status { return .marked(status, note: cell.note) }
        return session.isHeld ? .unmarked : .planned
    }

    /// Whether two sessions fall on one date: their columns then name their start times too.
    var hasSeveralSessionsOnADay: Bool {
        Set(sessions.map(\.date)).count < sessions.count
    }
}
