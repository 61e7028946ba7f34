import Postgres

/// Who reaches which lessons — one rule, in SQL (``condition(lesson:parameter:)``) and in Swift:
///
/// | role | sees | conducts (start, complete, cancel, edit) |
/// |---|---|---|
/// | admin | every lesson | every lesson |
/// | manager | every lesson, read-only | nothing |
/// | coach | the lessons they teach | the lessons they teach |
/// | student | the lessons they attend, read-only | nothing |
///
/// A lesson outside a user's reach answers 404, as a missing one does.
struct LessonAccess: Sendable {
    let user: User

    /// The SQL condition on a `lessons` row aliased `lesson`, with the user's id at `parameter` and their role at the next.
    static func condition(lesson: String, user: String, role: String) -> String {
        """
        (\(role) IN ('admin', 'manager')
         OR (\(role) = 'coach' AND \(lesson).teacher_id = \(user))
         OR (\(role) = 'student' AND EXISTS (SELECT 1 FROM lesson_students ls WHERE ls.lesson_id = \(lesson).id AND ls.student_id = \(user))))
        """
    }

    /// The same rule for this user's role alone, its one placeholder given the user's id: `nil` for those
    /// who see every lesson. A statement built from it has a plan of its own per role (a generic plan of
    /// ``condition(lesson:user:role:)`` cannot tell a coach's reach from an administrator's).
    func condition(lesson: String) -> ((String) -> String)? {
        switch user.role {
        case .admin, .manager: nil
        case .coach: { "\(lesson).teacher_id = \($0)" }
        case .student: { "EXISTS (SELECT 1 FROM lesson_students ls WHERE ls.lesson_id = \(lesson).id AND ls.student_id = \($0))" }
        }
    }

    /// The two parameters of ``condition(lesson:user:role:)``.
    var parameters: [any PostgresEncodable] { [user.id, user.role.rawValue] }

    func sees(_ lesson: Lesson) -> Bool {
        switch user.role {
        case .admin, .manager: true
        case .coach: lesson.teacher.id == user.id
        case .student: lesson.students.contains { $0.id == user.id }
        }
    }

    /// Starts, completes, cancels and edits: its teacher or an administrator.
    func mayConduct(_ lesson: Lesson) -> Bool {
        user.role == .admin || (user.role == .coach && lesson.teacher.id == user.id)
    }

    /// Plans new lessons: coaches (as their teacher) and administrators.
    var mayPlan: Bool { user.role == .admin || user.role == .coach }
}
