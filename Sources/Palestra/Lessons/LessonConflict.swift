import Foundation

/// The lesson a refused save collides with (same teacher or same room at an overlapping time).
struct LessonConflict: Sendable, Equatable {
    let id: Int
    let title: String
    let startsAt: Date
    let endsAt: Date
    /// Whether the room (rather than the teacher) is taken.
    let isRoom: Bool

    /// "The teacher already has a lesson then: "Algebra", 7 Dec 2026, 10:00–11:00."
    func message(_ localizer: Localizer, timeZone: TimeZone) -> String {
        let values: KeyValuePairs<String, String> = [
            "title": title,
            "when": localizer.format.dateTime(startsAt, in: timeZone) + "–" + localizer.format.time(LocalMoment(endsAt, in: timeZone).time),
        ]
        return isRoom
            ? localizer.t("The room is taken then by the lesson “{title}”, {when}.", values)
            : localizer.t("The teacher already has a lesson then: “{title}”, {when}.", values)
    }
}
