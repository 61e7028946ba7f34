import Postgres

/// The workout pages: the list, the month calendar, the form, an occurrence's page, the history and the calendar feed.
public enum WorkoutURL: SiteRoute {
    case list
    case calendar
    case new
    case edit(RouteParameter<Int>)
    case delete(RouteParameter<Int>)
    /// `/workouts/<id>/dates/<YYYY-MM-DD>`: a date of a workout, started or not.
    case date(RouteParameter<Int>, RouteParameter<String>)
    case start(RouteParameter<Int>, RouteParameter<String>)
    case cancel(RouteParameter<Int>, RouteParameter<String>)
    /// `/workouts/occurrences/<id>`: the tracking page of a started occurrence.
    case occurrence(RouteParameter<Int>)
    case history
    case historyCSV
    case historyChart
    case feedRotate
    /// `/workouts/feed/<token>/workouts.ics`: the user's workouts for phone calendars (a public link).
    case feed(RouteParameter<String>)

    public var path: String {
        switch self {
        case .list: "/workouts"
        case .calendar: "/workouts/calendar"
        case .new: "/workouts/new"
        case .edit(let id): "/workouts/\(id.segment("id"))/edit"
        case .delete(let id): "/workouts/\(id.segment("id"))/delete"
        case .date(let id, let date): "/workouts/\(id.segment("id"))/dates/\(date.segment("date"))"
        case .start(let id, let date): Self.date(id, date).path + "/start"
        case .cancel(let id, let date): Self.date(id, date).path + "/cancel"
        case .occurrence(let id): "/workouts/occurrences/\(id.segment("id"))"
        case .history: "/workouts/history"
        case .historyCSV: "/workouts/history.csv"
        case .historyChart: "/workouts/history/volume.svg"
        case .feedRotate: "/workouts/feed/rotate"
        case .feed(let token): "/workouts/feed/\(token.segment("token"))/workouts.ics"
        }
    }

    // A calendar month links a few hundred dates and occurrences: these two are written straight (an integer and a
    // date need no percent-encoding), the same paths as `date(.value, .value).path` and `occurrence(.value).path`
    // (a test compares them).
    static func date(_ workout: Int, _ date: CalendarDate) -> String { "/workouts/" + String(workout) + "/dates/" + date.description }
    static func occurrence(_ id: Int) -> String { "/workouts/occurrences/" + String(id) }
    static func calendar(month: String) -> String { calendar.path + "?month=" + month }
}
