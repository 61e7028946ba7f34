/// Rooms and lessons in the admin engine. Rooms: administrators add, change and archive them; everyone
/// with the admin pages sees them. Lessons: the change list (filters by status, teacher, room and date;
/// search by title and student name) and a read-only form leading to the lesson's page, where it is
/// planned, edited and moved through its life — so every change goes through ``LessonLifecycle`` with
/// its event and its students' notifications. A coach sees the lessons they teach, a manager all of them.
enum LessonsAdmin {
    static let rooms = AdminResource(
        slug: "rooms", singularName: "room", pluralName: "rooms", table: "rooms",
        labelExpression: "name",
        list: AdminListDeclaration(
            columns: [
                AdminColumn("name", label: "Name"),
                AdminColumn("capacity", label: "Capacity", format: .number),
                AdminColumn("is_archived", label: "Archived", format: .boolean),
            ],
            searchExpressions: ["name"],
            filters: [AdminFilter("is_archived", label: "Archived", kind: .boolean)],
            defaultOrdering: [1]
        ),
        form: AdminFormDeclaration(
            fields: [
                AdminField("name", label: "Name", kind: .text(maxLength: 100), required: true),
                AdminField("capacity", label: "Capacity", kind: .integer(1...10000)),
                AdminField("is_archived", label: "Archived", kind: .checkbox, help: "An archived room is no longer offered for new lessons."),
            ],
            uniqueConstraints: ["rooms_name_key": (field: "name", message: "A room with this name already exists.")]
        ),
        access: AdminAccess(permissions: [.admin: [.view, .add, .change], .manager: [.view]])
    )

    static let teachers = AdminLookup(table: "users", labelExpression: "display_name", condition: "role IN ('coach', 'admin')")
    static let roomLookup = AdminLookup(table: "rooms", labelExpression: "name")
    static let studentNames = "(SELECT string_agg(u.display_name, ', ' ORDER BY u.display_name) FROM lesson_students ls JOIN users u ON u.id = ls.student_id WHERE ls.lesson_id = lessons.id)"

    static let lessons = AdminResource(
        slug: "lessons", singularName: "lesson", pluralName: "lessons", table: "lessons",
        labelExpression: "title",
        list: AdminListDeclaration(
            columns: [
                AdminColumn("starts_at", label: "Starts", format: .dateTime),
                AdminColumn("title", label: "Title"),
                AdminColumn("teacher", label: "Teacher", expression: "(SELECT u.display_name FROM users u WHERE u.id = lessons.teacher_id)"),
                AdminColumn("room", label: "Room", expression: "(SELECT r.name FROM rooms r WHERE r.id = lessons.room_id)", secondary: true),
                AdminColumn("status", label: "Status", format: .choice(LessonStatus.choices)),
                AdminColumn("students", label: "Students", expression: studentNames, secondary: true),
            ],
            searchExpressions: ["title", studentNames],
            filters: [
                AdminFilter("status", label: "Status", kind: .choices(LessonStatus.choices)),
                AdminFilter("teacher", label: "Teacher", expression: "teacher_id", kind: .foreignKey(teachers)),
                AdminFilter("room", label: "Room", expression: "room_id", kind: .foreignKey(roomLookup)),
                AdminFilter("starts_at", label: "Starts", kind: .date(isTimestamp: true)),
            ],
            defaultOrdering: [-1]
        ),
        form: AdminFormDeclaration(
            fields: [
                AdminField("title", label: "Title", kind: .text(maxLength: 200), editable: .never),
                AdminField("starts_at", label: "Starts", kind: .dateTime, editable: .never),
                AdminField("ends_at", label: "Ends", kind: .dateTime, editable: .never),
                AdminField("teacher_id", label: "Teacher", kind: .foreignKey(teachers), editable: .never),
                AdminField("room_id", label: "Room", kind: .foreignKey(roomLookup), editable: .never),
                AdminField("status", label: "Status", kind: .select(LessonStatus.choices), editable: .never),
                AdminField("cancel_reason", label: "Reason", kind: .text(maxLength: 500), editable: .never),
                AdminField("description", label: "Description", kind: .markdown(maxLength: 20000), editable: .never),
            ],
            objectLinks: [AdminObjectLink(label: "The lesson's page", to: LessonsURL.lesson(.key))]
        ),
        access: AdminAccess(
            permissions: [.admin: [.view], .manager: [.view], .coach: [.view]],
            scope: { user in user.role == .coach ? .rows("teacher_id = \(user.id)") : .all }
        )
    )
}
