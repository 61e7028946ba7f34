import Foundation
import Mustache

/// The lesson form (plan a new one, edit one): title, description, teacher (administrators choose),
/// room, start and end on the organisation's clock, and students as checkboxes — the chosen ones first,
/// the rest narrowed by a search that works without script (a GET that keeps what was typed).
struct LessonFormView: Sendable {
    struct Option: Sendable {
        let value: String
        let label: String
        let isSelected: Bool
    }

    struct Field: Sendable {
        let error: String
        let hasError: Bool
    }

    let heading: String
    let actionURL: String
    let searchURL: String
    let cancelURL: String
    let title: String
    let description: String
    let startsAt: String
    let endsAt: String
    let version: String
    let teachers: [Option]
    let choosesTeacher: Bool
    let rooms: [Option]
    let students: [Option]
    let hasStudents: Bool
    let studentSearch: String
    let onlyDescription: Bool
    let notice: String
    let hasNotice: Bool
    let titleField: Field
    let descriptionField: Field
    let teacherField: Field
    let roomField: Field
    let startsAtField: Field
    let endsAtField: Field
    let studentsField: Field
    /// The conflicting lesson's page, when a save was refused for a double booking.
    var conflictURL = ""
    var hasConflict = false
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String

    init(
        lesson: Lesson?, draft: LessonDraft, version: Int?, choices: (teachers: [LessonChoiceStore.Choice], rooms: [LessonChoiceStore.Choice], students: [LessonChoiceStore.Choice]),
        search: String, user: User, errors: LessonFieldErrors, notice: String?, csrfToken: String, localizer: Localizer
    ) {
        heading = lesson.map { localizer.t("Edit: {title}", ["title": $0.title]) } ?? localizer.t("Plan a lesson")
        actionURL = lesson.map { LessonsURL.edit($0.id) } ?? LessonsURL.new.path
        searchURL = actionURL
        cancelURL = lesson.map { LessonsURL.lesson($0.id) } ?? LessonsURL.myLessons.path
        title = draft.title
        description = draft.description
        startsAt = draft.startsAt
        endsAt = draft.endsAt
        self.version = version.map(String.init) ?? ""
        teachers = choices.teachers.map { Option(value: String($0.id), label: $0.name, isSelected: String($0.id) == draft.teacherID) }
        choosesTeacher = user.role == .admin && lesson == nil
        rooms = [Option(value: "", label: localizer.t("No room"), isSelected: draft.roomID.isEmpty)]
            + choices.rooms.map { Option(value: String($0.id), label: $0.name, isSelected: String($0.id) == draft.roomID) }
        let chosen = Set(draft.studentIDs)
        students = choices.students.map { Option(value: String($0.id), label: $0.name, isSelected: chosen.contains(String($0.id))) }
        hasStudents = !students.isEmpty
        studentSearch = search
        onlyDescription = lesson?.status == .inProgress
        self.notice = notice ?? ""
        hasNotice = notice != nil
        func field(_ name: String) -> Field { Field(error: errors[name].map { localizer.t($0) } ?? "", hasError: errors[name] != nil) }
        titleField = field("title")
        descriptionField = field("description")
        teacherField = field("teacher")
        roomField = field("room")
        startsAtField = field("starts_at")
        endsAtField = field("ends_at")
        studentsField = field("students")
        self.csrfToken = csrfToken
    }
}

extension LessonFormView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("heading", \.heading), .text("actionURL", \.actionURL), .text("searchURL", \.searchURL), .text("cancelURL", \.cancelURL),
        .text("title", \.title), .text("description", \.description), .text("startsAt", \.startsAt), .text("endsAt", \.endsAt),
        .text("version", \.version), .list("teachers", \.teachers), .bool("choosesTeacher", \.choosesTeacher), .list("rooms", \.rooms),
        .list("students", \.students), .bool("hasStudents", \.hasStudents), .text("studentSearch", \.studentSearch),
        .bool("onlyDescription", \.onlyDescription), .text("notice", \.notice), .bool("hasNotice", \.hasNotice), .text("conflictURL", \.conflictURL), .bool("hasConflict", \.hasConflict),
        .object("titleField", \.titleField), .object("descriptionField", \.descriptionField), .object("teacherField", \.teacherField),
        .object("roomField", \.roomField), .object("startsAtField", \.startsAtField), .object("endsAtField", \.endsAtField),
        .object("studentsField", \.studentsField), .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
    ])
}

extension LessonFormView.Option: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [.text("value", \.value), .text("label", \.label), .bool("isSelected", \.isSelected)])
}

extension LessonFormView.Field: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [.text("error", \.error), .bool("hasError", \.hasError)])
}
