/// The lessons' pages: My lessons, a lesson's page and its actions, the lesson form, the week timetable.
public enum LessonsURL: SiteRoute {
    /// The signed-in teacher's or student's lessons.
    case myLessons
    case new
    case lesson(RouteParameter<Int>)
    case edit(RouteParameter<Int>)
    /// Start and complete (POST); cancel (GET its small form, POST it).
    case transition(RouteParameter<Int>, LessonTransition)
    /// `?teacher=3` or `?room=2`, `&week=2026-12-07`.
    case timetable

    public var path: String {
        switch self {
        case .myLessons: "/lessons"
        case .new: "/lessons/new"
        case .lesson(let id): "/lessons/\(id.segment("id"))"
        case .edit(let id): Self.lesson(id).path + "/edit"
        case .transition(let id, let transition): Self.lesson(id).path + "/" + transition.rawValue
        case .timetable: "/timetable"
        }
    }

    public static func lesson(_ id: Int) -> String { lesson(.value(id)).path }
    public static func edit(_ id: Int) -> String { edit(.value(id)).path }
    public static func transition(_ id: Int, _ transition: LessonTransition) -> String { Self.transition(.value(id), transition).path }
}
