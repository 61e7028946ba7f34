import Foundation

/// A journal form as posted: the session version it was loaded at, one row per athlete listed on it,
/// and whether "Mark everyone present" was pressed. Decoding reads the fields; ``validate(against:)``
/// checks the rows against the session's members and their current marks.
struct AttendanceSubmission: Sendable {
    static let noteLimit = 500

    /// One athlete's row: the chosen status (`nil` when none was chosen) and the note, as sent.
    struct Row: Sendable, Equatable {
        let athleteID: Int
        let status: String?
        let note: String
        /// The version of the athlete's record when the form was loaded (`nil`: none yet), if the form says.
        var loadedRecordVersion: Int?? = .none
    }

    /// The marks to store and the problems found; nothing is stored unless there are no problems.
    struct Validation: Sendable {
        var marks: [AttendanceMark] = []
        var rowProblems: [Int: [AttendanceProblem]] = [:]
        var formProblems: [AttendanceProblem] = []

        var isValid: Bool { rowProblems.isEmpty && formProblems.isEmpty }
    }

    let version: Int
    /// In the order posted, one per athlete id (a repeated id keeps its first row).
    let rows: [Row]
    let marksEveryonePresent: Bool

    /// Reads `version`, the repeated `athlete` ids with their `status_<id>` and `note_<id>`, and `action`.
    /// A missing or unreadable `version`, or an id that is not a number, makes the request malformed (the
    /// page always posts them; a form from another journal's version is stale, not this).
    init(form: FormData) throws(AppError) {
        guard let version = form.value("version").flatMap({ Int($0) }) else { throw AppError.badRequest }
        self.version = version
        var seen = Set<Int>()
        var rows: [Row] = []
        for text in form.values("athlete") {
            guard let id = Int(text), id > 0 else { throw AppError.badRequest }
            guard seen.insert(id).inserted else { continue }
            let status = form.value("status_\(id)").flatMap { $0.isEmpty ? nil : $0 }
            let note = (form.value("note_\(id)") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let loaded: Int?? = form.value("record_version_\(id)").map { Int($0) }
            rows.append(Row(athleteID: id, status: status, note: note, loadedRecordVersion: loaded))
        }
        self.rows = rows
        marksEveryonePresent = form.value("action") == "mark_all"
    }

    /// The row posted for each athlete id.
    var rowsByAthlete: [Int: Row] {
        Dictionary(rows.map { ($0.athleteID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Checks every row against the session's athletes (members on its date, with their marks):
    /// statuses known, notes within the limit and with a status, ids members. With "Mark everyone
    /// present" a row without a status and without a mark becomes present; a row without a status
    /// keeps its athlete's current mark; athletes the form did not list (who joined since it was loaded)
    /// are left alone, since the coach has not seen them. Only marks that differ from the stored ones are returned.
    func validate(against athletes: [JournalAthlete]) -> Validation {
        let members = Dictionary(athletes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var result = Validation()
        for row in rows {
            guard let athlete = members[row.athleteID] else {
                result.formProblems.append(.notMember(athleteID: row.athleteID))
                continue
            }
            var problems: [AttendanceProblem] = []
            var status: AttendanceStatus?
            if let text = row.status {
                status = AttendanceStatus(rawValue: text)
                if status == nil { problems.append(.unknownStatus) }
            } else if let mark = athlete.mark {
                status = mark.status
            } else if marksEveryonePresent {
                status = .present
            } else if !row.note.isEmpty {
                problems.append(.noteWithoutStatus)
            }
            if row.note.unicodeScalars.count > Self.noteLimit { problems.append(.noteTooLong) }
            guard problems.isEmpty else {
                result.rowProblems[row.athleteID] = problems
                continue
            }
            guard let status else { continue }
            if athlete.mark?.status != status || athlete.mark?.note != row.note {
                result.marks.append(AttendanceMark(athleteID: row.athleteID, status: status, note: row.note))
            }
        }
        return result
    }
}
