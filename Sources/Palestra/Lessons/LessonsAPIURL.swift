/// The lessons' JSON API (the seed's paths, trailing slash included) and its OpenAPI document.
public enum LessonsAPIURL: SiteRoute {
    case lessons
    case lesson(RouteParameter<Int>)
    case transition(RouteParameter<Int>, LessonTransition)
    case openAPI
    case docs

    public var path: String {
        switch self {
        case .lessons: APISurface.pathPrefix + "/v1/lessons/"
        case .lesson(let id): APISurface.pathPrefix + "/v1/lessons/\(id.segment("id"))/"
        case .transition(let id, let transition): Self.lesson(id).path + transition.rawValue + "/"
        case .openAPI: APISurface.pathPrefix + "/v1/openapi.json"
        case .docs: APISurface.pathPrefix + "/docs"
        }
    }
}
