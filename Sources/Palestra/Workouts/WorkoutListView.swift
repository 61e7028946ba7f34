import Mustache
import Postgres

/// `/workouts`: one card per workout with its rule, next date, adherence and current streak.
struct WorkoutListView: Sendable {
    struct Card: Sendable {
        let name: String
        let activity: String
        let rule: String
        let time: String
        let next: String
        let adherence: String
        let streak: String
        let owner: String
        let hasOwner: Bool
        let nextURL: String
        let hasNext: Bool
        let editURL: String
        let deleteURL: String
    }

    let heading: String
    let cards: [Card]
    let isEmpty: Bool
    let newURL = WorkoutURL.new.path
    let calendarURL = WorkoutURL.calendar.path
    let historyURL = WorkoutURL.history.path
    let feedURL: String
    let rotateURL = WorkoutURL.feedRotate.path
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String

    init(workouts: [(Workout, WorkoutAdherence, String?)], feedURL: String, csrfToken: String, localizer: Localizer) {
        let format = localizer.format
        heading = localizer.t("Workouts")
        cards = workouts.map { workout, adherence, owner in
            Card(
                name: workout.name, activity: localizer.t(WorkoutLabels.activity(workout.activity)),
                rule: WorkoutRuleSummary.text(workout.recurrence, localizer: localizer),
                time: localizer.t("{time}, {minutes} min", ["time": format.time(workout.startsAt), "minutes": String(workout.durationMinutes)]),
                next: adherence.next.map(format.longDate) ?? localizer.t("No more dates"),
                adherence: adherence.percent.map { localizer.t("{percent}% ({completed} of {due})", [
                    "percent": String($0), "completed": String(adherence.completed), "due": String(adherence.due),
                ]) } ?? localizer.t("Nothing due yet"),
                streak: localizer.plural("{count} in a row", count: adherence.streak),
                owner: owner ?? "", hasOwner: owner != nil,
                nextURL: adherence.next.map { WorkoutURL.date(workout.id, $0) } ?? "", hasNext: adherence.next != nil,
                editURL: WorkoutURL.edit(.value(workout.id)).path, deleteURL: WorkoutURL.delete(.value(workout.id)).path
            )
        }
        isEmpty = cards.isEmpty
        self.feedURL = feedURL
        self.csrfToken = csrfToken
    }
}

extension WorkoutListView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("heading", \.heading), .list("cards", \.cards), .bool("isEmpty", \.isEmpty), .text("newURL", \.newURL),
        .text("calendarURL", \.calendarURL), .text("historyURL", \.historyURL), .text("feedURL", \.feedURL), .text("rotateURL", \.rotateURL),
        .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
    ])
}

extension WorkoutListView.Card: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("name", \.name), .text("activity", \.activity), .text("rule", \.rule), .text("time", \.time), .text("next", \.next),
        .text("adherence", \.adherence), .text("streak", \.streak), .text("owner", \.owner), .bool("hasOwner", \.hasOwner),
        .text("nextURL", \.nextURL), .bool("hasNext", \.hasNext), .text("editURL", \.editURL), .text("deleteURL", \.deleteURL),
    ])
}
