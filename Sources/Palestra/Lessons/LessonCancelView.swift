import Foundation
import Mustache

/// The small form that asks for a cancellation's reason (1–500 characters) before cancelling.
struct LessonCancelView: Sendable {
    let heading: String
    let lessonLabel: String
    let actionURL: String
    let lessonURL: String
    let version: String
    let reason: String
    let error: String
    let hasError: Bool
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String

    init(lesson: Lesson, version: Int, reason: String, error: String?, csrfToken: String, localizer: Localizer, timeZone: TimeZone) {
        heading = localizer.t("Cancel the lesson?")
        lessonLabel = lesson.title + ", " + LessonPageView.when(lesson.startsAt, lesson.endsAt, localizer: localizer, timeZone: timeZone)
        actionURL = LessonsURL.transition(lesson.id, .cancel)
        lessonURL = LessonsURL.lesson(lesson.id)
        self.version = String(version)
        self.reason = reason
        self.error = error ?? ""
        hasError = error != nil
        self.csrfToken = csrfToken
    }
}

extension LessonCancelView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("heading", \.heading), .text("lessonLabel", \.lessonLabel), .text("actionURL", \.actionURL), .text("lessonURL", \.lessonURL),
        .text("version", \.version), .text("reason", \.reason), .text("error", \.error), .bool("hasError", \.hasError),
        .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
    ])
}
