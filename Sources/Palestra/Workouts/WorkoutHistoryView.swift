import Mustache
import Postgres

/// `/workouts/history`: completed occurrences newest first, each with its own sets and notes; filters by workout and
/// period; totals per exercise; links to the CSV and the weekly volume chart.
struct WorkoutHistoryView: Sendable {
    struct Entry: Sendable {
        let name: String
        let date: String
        let url: String
        let facts: String
        let sets: [String]
        let notesHTML: String
        let hasNotes: Bool
    }
    struct Total: Sendable {
        let exercise: String
        let sets: String
        let reps: String
        let volume: String
    }
    struct Option: Sendable {
        let value: String
        let label: String
        let isSelected: Bool
    }

    let heading: String
    let workouts: [Option]
    let from: String
    let to: String
    let errors: [String]
    let hasErrors: Bool
    let entries: [Entry]
    let isEmpty: Bool
    let shownNote: String
    let pages: [AdminPageLink]
    let hasPages: Bool
    let previousURL: String
    let hasPrevious: Bool
    let nextURL: String
    let hasNext: Bool
    let totals: [Total]
    let hasTotals: Bool
    let csvURL: String
    let chartURL: String
    let chartLabel: String
    let action = WorkoutURL.history.path

    init(
        filter: WorkoutHistoryFilter, workouts: [WorkoutStore.Choice], entries: [WorkoutOccurrence], total: Int, page: Int, pageCount: Int, totals: [WorkoutHistoryStore.ExerciseTotal],
        localizer: Localizer
    ) {
        let format = localizer.format
        heading = localizer.t("Workout history")
        self.workouts = [Option(value: "", label: localizer.t("All workouts"), isSelected: filter.filter.workout == nil)]
            + workouts.map { Option(value: String($0.id), label: $0.name, isSelected: filter.filter.workout == $0.id) }
        from = filter.filter.from.description
        to = filter.filter.through.description
        errors = filter.errors.map(localizer.t)
        hasErrors = !errors.isEmpty
        var setText = WorkoutSetText(localizer: localizer)
        self.entries = entries.map { occurrence in
            var facts: [String] = []
            if let seconds = occurrence.durationSeconds { facts.append(localizer.t("Duration {time}", ["time": WorkoutFormat.duration(seconds)])) }
            if let rating = occurrence.rating { facts.append(localizer.t("Rating {rating} of 5", ["rating": String(rating)])) }
            if let difficulty = occurrence.difficulty { facts.append(localizer.t("Difficulty {rpe} of 10", ["rpe": String(difficulty)])) }
            let volume = occurrence.sets.reduce(0) { $0 + $1.volume }
            if volume > 0 { facts.append(localizer.t("Volume {kg} kg", ["kg": WorkoutFormat.kilograms(volume)])) }
            return Entry(
                name: occurrence.name, date: format.longDate(occurrence.date),
                url: WorkoutURL.occurrence(occurrence.id), facts: facts.joined(separator: " · "),
                sets: occurrence.sets.map { setText.describe($0) },
                notesHTML: occurrence.notes.isEmpty ? "" : Markdown.html(occurrence.notes), hasNotes: !occurrence.notes.isEmpty
            )
        }
        isEmpty = entries.isEmpty
        shownNote = total > entries.count
            ? localizer.t("{first}–{last} of {total}, newest first; the CSV has them all.", [
                "first": String((page - 1) * WorkoutHistoryController.pageSize + 1),
                "last": String((page - 1) * WorkoutHistoryController.pageSize + entries.count), "total": String(total),
            ])
            : ""
        let pageURL = { (page: Int) in WorkoutURL.history.path + filter.query + (page > 1 ? "&p=\(page)" : "") }
        pages = AdminPageLink.links(current: page, count: pageCount, url: pageURL)
        hasPages = pageCount > 1
        previousURL = pageURL(page - 1)
        hasPrevious = page > 1
        nextURL = pageURL(page + 1)
        hasNext = page < pageCount
        self.totals = totals.map {
            Total(exercise: $0.exercise, sets: String($0.sets), reps: String($0.reps), volume: WorkoutFormat.kilograms($0.volume))
        }
        hasTotals = !totals.isEmpty
        csvURL = WorkoutURL.historyCSV.path + filter.query
        chartURL = WorkoutURL.historyChart.path + filter.query
        chartLabel = localizer.t("Volume per week (reps × kg)")
    }
}

extension WorkoutHistoryView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("heading", \.heading), .list("workouts", \.workouts), .text("from", \.from), .text("to", \.to), .list("errors", \.errors),
        .bool("hasErrors", \.hasErrors), .list("entries", \.entries), .bool("isEmpty", \.isEmpty), .text("shownNote", \.shownNote),
        .list("pages", \.pages), .bool("hasPages", \.hasPages), .text("previousURL", \.previousURL), .bool("hasPrevious", \.hasPrevious),
        .text("nextURL", \.nextURL), .bool("hasNext", \.hasNext),
        .list("totals", \.totals), .bool("hasTotals", \.hasTotals), .text("csvURL", \.csvURL), .text("chartURL", \.chartURL),
        .text("chartLabel", \.chartLabel), .text("action", \.action),
    ])
}

extension WorkoutHistoryView.Entry: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("name", \.name), .text("date", \.date), .text("url", \.url), .text("facts", \.facts), .list("sets", \.sets),
        .html("notesHTML", \.notesHTML), .bool("hasNotes", \.hasNotes),
    ])
}

extension WorkoutHistoryView.Total: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("exercise", \.exercise), .text("sets", \.sets), .text("reps", \.reps), .text("volume", \.volume),
    ])
}

extension WorkoutHistoryView.Option: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [.text("value", \.value), .text("label", \.label), .bool("isSelected", \.isSelected)])
}
