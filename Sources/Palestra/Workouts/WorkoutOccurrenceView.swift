import Mustache
import Postgres

/// A workout's date: before it is started, its plan with Start and Cancel; once started, the tracking page
/// (each set, notes, rating, difficulty) with Save and Complete.
struct WorkoutOccurrenceView: Sendable {
    struct PlanRow: Sendable { let text: String }
    struct SetRow: Sendable {
        let index: String
        let position: String
        let exercise: String
        let setNumber: String
        let reps: String
        let weight: String
        let duration: String
        let label: String
    }
    struct Choice: Sendable {
        let value: String
        let label: String
        let isSelected: Bool
    }

    let heading: String
    let dateLabel: String
    let statusLabel: String
    let statusClass: String
    let timeLabel: String
    let plan: [PlanRow]
    let hasPlan: Bool
    let canStart: Bool
    let startNote: String
    let canCancel: Bool
    let isTracking: Bool
    let isInProgress: Bool
    let sets: [SetRow]
    let hasSets: Bool
    let notes: String
    let notesHTML: String
    let hasNotesHTML: Bool
    let ratings: [Choice]
    let difficulties: [Choice]
    let version: String
    let errors: [String]
    let hasErrors: Bool
    let startURL: String
    let cancelURL: String
    let trackURL: String
    let editURL: String
    let canEdit: Bool
    let calendarURL: String
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String

    init(
        workout: Workout?, date: CalendarDate, occurrence: WorkoutOccurrence?, today: CalendarDate, csrfToken: String, localizer: Localizer,
        tracking: WorkoutTracking? = nil, errors: [String] = []
    ) {
        let format = localizer.format
        let identity = date
        // Where it takes place: a moved date shows (and may be started on) the day it moved to.
        let date = occurrence?.shownDate ?? date
        let name = occurrence?.name ?? workout?.name ?? ""
        heading = name
        dateLabel = date == identity
            ? format.longDate(date)
            : localizer.t("{date} (moved from {original})", ["date": format.longDate(date), "original": format.longDate(identity)])
        let status = occurrence?.status ?? .planned
        statusLabel = localizer.t(status == .planned && date < today ? CatalogKey.t("Missed") : WorkoutLabels.status(status))
        statusClass = status == .planned && date < today ? "missed" : (occurrence.map { WorkoutAgendaStateName.of($0.status) } ?? "planned")
        let startsAt = occurrence?.startsAt ?? workout?.startsAt
        let minutes = occurrence?.durationMinutes ?? workout?.durationMinutes ?? 0
        timeLabel = startsAt.map { localizer.t("{time}, {minutes} min", ["time": format.time($0), "minutes": String(minutes)]) } ?? ""
        let workoutID = occurrence?.workoutID ?? workout?.id ?? 0
        let notStarted = status == .planned || status == .cancelled
        if let occurrence, !occurrence.sets.isEmpty, notStarted {
            var sets = WorkoutSetText(localizer: localizer)
            plan = occurrence.sets.map { PlanRow(text: sets.describe($0)) }
        } else {
            plan = notStarted ? (workout?.exercises ?? []).map { PlanRow(text: Self.describe($0, localizer: localizer)) } : []
        }
        hasPlan = !plan.isEmpty
        canStart = notStarted && date <= today && workout.map { !$0.isArchived } ?? false
        startNote = notStarted && date > today ? localizer.t("Future dates cannot be started yet.") : ""
        canCancel = status == .planned && workout.map { !$0.isArchived } ?? false
        canEdit = notStarted && workout.map { !$0.isArchived } ?? false
        isTracking = !notStarted
        isInProgress = status == .inProgress
        let shown = tracking ?? occurrence.map { WorkoutTracking(sets: $0.sets, notes: $0.notes, rating: $0.rating, difficulty: $0.difficulty) }
        sets = (shown?.sets ?? []).enumerated().map { offset, set in
            SetRow(
                index: String(offset + 1), position: String(set.position), exercise: set.exercise, setNumber: String(set.setNumber),
                reps: set.reps.map(String.init) ?? "", weight: set.weightKg.map(WorkoutFormat.kilograms) ?? "",
                duration: set.durationSeconds.map(String.init) ?? "",
                label: localizer.t("{exercise}, set {number}", ["exercise": set.exercise, "number": String(set.setNumber)])
            )
        }
        hasSets = !sets.isEmpty
        notes = shown?.notes ?? ""
        notesHTML = notes.isEmpty || status != .completed ? "" : Markdown.html(notes)
        hasNotesHTML = !notesHTML.isEmpty
        ratings = [Choice(value: "", label: "—", isSelected: shown?.rating == nil)]
            + (1...5).map { Choice(value: String($0), label: String(repeating: "★", count: $0), isSelected: shown?.rating == $0) }
        difficulties = [Choice(value: "", label: "—", isSelected: shown?.difficulty == nil)]
            + (1...10).map { Choice(value: String($0), label: String($0), isSelected: shown?.difficulty == $0) }
        version = String(occurrence?.version ?? 0)
        self.errors = errors
        hasErrors = !errors.isEmpty
        startURL = WorkoutURL.start(.value(workoutID), .value(identity.description)).path
        cancelURL = WorkoutURL.cancel(.value(workoutID), .value(identity.description)).path
        trackURL = occurrence.map { WorkoutURL.occurrence($0.id) } ?? ""
        editURL = WorkoutURL.edit(.value(workoutID)).path + "?date=" + identity.description
        calendarURL = WorkoutURL.calendar(month: String(date.description.prefix(7)))
        self.csrfToken = csrfToken
    }

    static func describe(_ exercise: WorkoutExercise, localizer: Localizer) -> String {
        var parts = [exercise.name, localizer.plural("{count} sets", count: exercise.sets)]
        if let reps = exercise.reps { parts.append(localizer.plural("{count} reps", count: reps)) }
        if let weight = exercise.weightKg { parts.append(WorkoutFormat.kilograms(weight) + " " + localizer.t("kg")) }
        if let seconds = exercise.durationSeconds { parts.append(WorkoutFormat.duration(seconds)) }
        if exercise.restSeconds > 0 { parts.append(localizer.t("rest {seconds} s", ["seconds": String(exercise.restSeconds)])) }
        return parts.joined(separator: " · ")
    }
}

/// A performed set as one line ("Squat, set 2 · 10 reps · 60 kg"), its words looked up once for a page's sets and
/// each count of reps and each weight written once (the history writes sixty sets, most of them alike).
struct WorkoutSetText {
    private let label: String
    private let kilograms: String
    private let localizer: Localizer
    private var reps: [Int: String] = [:]
    private var weights: [Double: String] = [:]

    init(localizer: Localizer) {
        label = localizer.t("{exercise}, set {number}")
        kilograms = " " + localizer.t("kg")
        self.localizer = localizer
    }

    mutating func describe(_ set: WorkoutSet) -> String {
        var text = Localizer.fill(label, with: ["exercise": set.exercise, "number": String(set.setNumber)])
        if let count = set.reps {
            if reps[count] == nil { reps[count] = localizer.plural("{count} reps", count: count) }
            text += " · " + reps[count]!
        }
        if let weight = set.weightKg {
            if weights[weight] == nil { weights[weight] = WorkoutFormat.kilograms(weight) + kilograms }
            text += " · " + weights[weight]!
        }
        if let seconds = set.durationSeconds { text += " · " + WorkoutFormat.duration(seconds) }
        return text
    }
}

/// The CSS state names the calendar and the occurrence page share.
enum WorkoutAgendaStateName {
    static func of(_ status: WorkoutOccurrence.Status) -> String {
        switch status {
        case .planned: "planned"
        case .inProgress: "in-progress"
        case .completed: "completed"
        case .cancelled: "cancelled"
        }
    }
}

extension WorkoutOccurrenceView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("heading", \.heading), .text("dateLabel", \.dateLabel), .text("statusLabel", \.statusLabel), .text("statusClass", \.statusClass),
        .text("timeLabel", \.timeLabel), .list("plan", \.plan), .bool("hasPlan", \.hasPlan), .bool("canStart", \.canStart),
        .text("startNote", \.startNote), .bool("canCancel", \.canCancel), .bool("isTracking", \.isTracking), .bool("isInProgress", \.isInProgress),
        .list("sets", \.sets), .bool("hasSets", \.hasSets), .text("notes", \.notes), .html("notesHTML", \.notesHTML),
        .bool("hasNotesHTML", \.hasNotesHTML), .list("ratings", \.ratings), .list("difficulties", \.difficulties), .text("version", \.version),
        .list("errors", \.errors), .bool("hasErrors", \.hasErrors), .text("startURL", \.startURL), .text("cancelURL", \.cancelURL),
        .text("trackURL", \.trackURL), .text("editURL", \.editURL), .bool("canEdit", \.canEdit), .text("calendarURL", \.calendarURL),
        .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
    ])
}

extension WorkoutOccurrenceView.PlanRow: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [.text("text", \.text)])
}

extension WorkoutOccurrenceView.SetRow: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("index", \.index), .text("position", \.position), .text("exercise", \.exercise), .text("setNumber", \.setNumber),
        .text("reps", \.reps), .text("weight", \.weight), .text("duration", \.duration), .text("label", \.label),
    ])
}

extension WorkoutOccurrenceView.Choice: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [.text("value", \.value), .text("label", \.label), .bool("isSelected", \.isSelected)])
}
