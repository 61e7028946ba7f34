import Foundation
import Mustache

/// One athlete's row of the journal: photo or initials, name, the four status choices, the note, who
/// marked them, and the problems or the conflicting saved mark beside it.
struct AttendanceJournalRow: Sendable {
    struct Option: Sendable {
        let value: String
        let label: String
        let inputName: String
        let inputID: String
        let isChecked: Bool
    }

    let athleteID: String
    /// The record's version as the page was loaded (after errors, as first loaded), for the next save.
    let recordVersionName: String
    let recordVersion: String
    let name: String
    /// Beside a name another athlete of the journal has: "born 2014" (``JournalNameDetail``).
    let detail: String
    let hasDetail: Bool
    let initials: String
    let photoURL: String
    let hasPhoto: Bool
    let options: [Option]
    let noteName: String
    let noteID: String
    let note: String
    let hasNote: Bool
    /// The note's `<details>` starts open when there is a note or a problem to see.
    let isNoteOpen: Bool
    /// Read-only: the mark's label, or "Not marked".
    let statusText: String
    let statusKey: String
    let isMarked: Bool
    let markedBy: String
    let hasMarkedBy: Bool
    let errors: [String]
    let hasErrors: Bool
    let errorID: String
    /// After a conflict: the mark saved meanwhile, where it differs from the user's choice.
    let savedMeanwhile: String
    let hasSavedMeanwhile: Bool

    init(
        athlete: JournalAthlete, detail: String?, choice: AttendanceSubmission.Row?, problems: [AttendanceProblem],
        showsConflict: Bool, localizer: Localizer, timeZone: TimeZone
    ) {
        let id = athlete.id
        athleteID = String(id)
        recordVersionName = "record_version_\(id)"
        let loaded: Int?? = showsConflict ? .none : choice?.loadedRecordVersion
        recordVersion = (loaded ?? athlete.mark?.version).map(String.init) ?? ""
        name = athlete.fullName
        self.detail = detail ?? ""
        hasDetail = detail != nil
        initials = Self.initials(of: athlete.fullName)
        photoURL = athlete.avatar.map(MediaURL.file) ?? ""
        hasPhoto = athlete.avatar != nil
        let chosen = choice.map { $0.status } ?? athlete.mark?.status.rawValue
        options = AttendanceStatus.allCases.map { status in
            Option(
                value: status.rawValue, label: status.label(localizer), inputName: "status_\(id)", inputID: "status-\(id)-\(status.rawValue)",
                isChecked: chosen == status.rawValue
            )
        }
        noteName = "note_\(id)"
        noteID = "note-\(id)"
        note = choice?.note ?? athlete.mark?.note ?? ""
        hasNote = !note.isEmpty
        isNoteOpen = hasNote || !problems.isEmpty
        statusText = athlete.mark?.status.label(localizer) ?? localizer.t("Not marked")
        statusKey = athlete.mark?.status.rawValue ?? "none"
        isMarked = athlete.mark != nil
        if let mark = athlete.mark {
            let moment = localizer.format.dateTime(mark.markedAt, in: timeZone)
            markedBy = mark.markedByName.map { localizer.t("Marked by {name}, {time}", ["name": $0, "time": moment]) }
                ?? localizer.t("Marked {time}", ["time": moment])
        } else {
            markedBy = ""
        }
        hasMarkedBy = athlete.mark != nil
        errors = problems.map { $0.message(localizer) }
        hasErrors = !problems.isEmpty
        errorID = "errors-\(id)"
        if showsConflict, let mark = athlete.mark, let choice, choice.status != mark.status.rawValue || choice.note != mark.note {
            let label = mark.status.label(localizer) + (mark.note.isEmpty ? "" : " (\(mark.note))")
            savedMeanwhile = localizer.t("Saved meanwhile: {mark}", ["mark": label]) + (mark.markedByName.map { " — " + $0 } ?? "")
            hasSavedMeanwhile = true
        } else {
            savedMeanwhile = ""
            hasSavedMeanwhile = false
        }
    }

    /// Up to two capital letters from the first two words of a name: "Ivan Petrov" → "IP".
    static func initials(of name: String) -> String {
        name.split(whereSeparator: \.isWhitespace).prefix(2).compactMap { $0.first.map { String($0).uppercased() } }.joined()
    }
}

extension AttendanceJournalRow: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("athleteID", \.athleteID), .text("recordVersionName", \.recordVersionName), .text("recordVersion", \.recordVersion),
        .text("name", \.name), .text("detail", \.detail), .bool("hasDetail", \.hasDetail), .text("initials", \.initials), .text("photoURL", \.photoURL), .bool("hasPhoto", \.hasPhoto),
        .list("options", \.options), .text("noteName", \.noteName), .text("noteID", \.noteID), .text("note", \.note),
        .bool("hasNote", \.hasNote), .bool("isNoteOpen", \.isNoteOpen), .text("statusText", \.statusText), .text("statusKey", \.statusKey),
        .bool("isMarked", \.isMarked), .text("markedBy", \.markedBy), .bool("hasMarkedBy", \.hasMarkedBy),
        .list("errors", \.errors), .bool("hasErrors", \.hasErrors), .text("errorID", \.errorID),
        .text("savedMeanwhile", \.savedMeanwhile), .bool("hasSavedMeanwhile", \.hasSavedMeanwhile),
    ])
}

extension AttendanceJournalRow.Option: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("value", \.value), .text("label", \.label), .text("inputName", \.inputName), .text("inputID", \.inputID),
        .bool("isChecked", \.isChecked),
    ])
}
