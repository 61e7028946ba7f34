import Foundation
import Postgres

/// What students are told about their lessons: a notification per student per lesson event, written
/// through ``Notifier`` on the caller's connection — it commits with the change or not at all — under the
/// key `lesson-event.<event>.student.<student>`, so a repeat writes nothing and a delivery repeated after a
/// crash keeps its Message-ID and maildir file. In the student's language (their setting, else the default).
struct LessonNotices: Sendable {
    let localizations: Localizations
    let defaultLanguage: Language
    let timeZone: TimeZone

    /// What a notice says happened.
    enum Change: Sendable, Equatable {
        case created
        case transition(LessonTransition, reason: String?)
        case added
        case removed
        case moved
    }

    static func key(event: Int, student: Int) -> String { "lesson-event.\(event).student.\(student)" }

    /// Tells `students` (`nil`: the lesson's enrolled students) of `change` to the lesson `id` (its state after the
    /// change), as event `event`: two statements whatever the number of students.
    func tell(
        _ students: [Int]?, about change: Change, lesson id: Int, event: Int, on connection: PostgresConnection
    ) async throws {
        if students?.isEmpty == true { return }
        try await tell(try await LessonNoticeStore.audience(lesson: id, students: students, on: connection), about: change, lesson: id, event: event, on: connection)
    }

    /// Tells `audience` (read by ``LessonNoticeStore/audienceStatement(lesson:students:)``, perhaps in a pipeline with
    /// the change) of `change`: one statement whatever the number of students.
    func tell(
        _ audience: LessonNoticeStore.Audience?, about change: Change, lesson id: Int, event: Int, on connection: PostgresConnection
    ) async throws {
        guard let (lesson, recipients) = audience else { return }
        let notices = recipients.map { recipient in
            let localizer = localizations.localizer(for: recipient.language ?? defaultLanguage)
            let when = localizer.format.dateTime(lesson.startsAt, in: timeZone) + "–" + localizer.format.time(LocalMoment(lesson.endsAt, in: timeZone).time)
            let values: KeyValuePairs<String, String> = ["title": lesson.title, "when": when, "room": lesson.room ?? "—", "teacher": lesson.teacher]
            let (kind, subject, body) = text(change, values: values, localizer: localizer)
            return Notifier.Notice(
                recipient: recipient.id, kind: kind, subject: subject, body: body, link: LessonsURL.lesson(id),
                key: Self.key(event: event, student: recipient.id)
            )
        }
        try await Notifier.notify(batch: notices, on: connection)
    }

    private func text(_ change: Change, values: KeyValuePairs<String, String>, localizer: Localizer) -> (String, String, String) {
        let details = localizer.t("{when}, room: {room}, teacher: {teacher}.", values)
        switch change {
        case .created:
            return ("lesson.created", localizer.t("Lesson “{title}”: you are enrolled", values), details)
        case .added:
            return ("lesson.student_added", localizer.t("Lesson “{title}”: you were added", values), details)
        case .removed:
            return ("lesson.student_removed", localizer.t("Lesson “{title}”: you were removed", values), details)
        case .moved:
            return ("lesson.moved", localizer.t("Lesson “{title}”: its time or room changed", values), details)
        case .transition(.start, _):
            return ("lesson.started", localizer.t("Lesson “{title}”: started", values), details)
        case .transition(.complete, _):
            return ("lesson.completed", localizer.t("Lesson “{title}”: completed", values), details)
        case .transition(.cancel, let reason):
            return ("lesson.cancelled", localizer.t("Lesson “{title}”: cancelled", values),
                    details + "\n\n" + localizer.t("Reason: {reason}", ["reason": reason ?? ""]))
        }
    }
}

extension LessonNotices {
    /// The notices of a process that renders no pages (a job's): the catalogs read from the configured templates folder.
    init(configuration: AppConfiguration) {
        let notices = SessionNotices(configuration: configuration)
        self.init(localizations: notices.localizations, defaultLanguage: configuration.defaultLanguage, timeZone: configuration.timeZone)
    }
}
