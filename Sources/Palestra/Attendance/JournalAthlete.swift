import Foundation
import Postgres

/// An athlete who was a member of the session's group on its date, with their mark if they have one.
struct JournalAthlete: Sendable {
    let id: Int
    let fullName: String
    /// Tells apart athletes of the same name (``JournalNameDetail``).
    let birthDate: CalendarDate
    /// The stored photo (`athletes/<hex>.png`) under the media folder, if any.
    let avatar: String?
    let mark: Mark?

    /// The attendance record of the athlete at the session.
    struct Mark: Sendable, Equatable {
        let status: AttendanceStatus
        let note: String
        let markedByName: String?
        let markedAt: Date
        /// The record's version: the journal form carries it, so a change made at the desk meanwhile is caught.
        var version: Int = 1
    }
}
