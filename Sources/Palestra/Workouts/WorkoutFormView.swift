import Mustache
import Postgres

/// The workout form (new and edit): plan, rule, the next ten dates before saving, and on an edit of a recurring
/// workout the scope (this date / this and following / all).
struct WorkoutFormView: Sendable {
    struct Field: Sendable {
        let value: String
        let error: String
        let hasError: Bool
    }
    struct Option: Sendable {
        let value: String
        let label: String
        let isSelected: Bool
    }
    struct ExerciseRow: Sendable {
        let index: String
        let name: String
        let sets: String
        let reps: String
        let weight: String
        let duration: String
        let rest: String
        let error: String
        let hasError: Bool
    }

    let heading: String
    let action: String
    let name: Field
    let startsAt: Field
    let duration: Field
    let startDate: Field
    let interval: Field
    let until: Field
    let count: Field
    let excluded: Field
    let frequencyError: String
    let hasFrequencyError: Bool
    let activities: [Option]
    let frequencies: [Option]
    let weekdays: [Option]
    let monthDays: [Option]
    let ends: [Option]
    let exercises: [ExerciseRow]
    let preview: [String]
    let hasPreview: Bool
    let movedNote: String
    let hasMovedNote: Bool
    let isEdit: Bool
    let scopes: [Option]
    let hasScopes: Bool
    let date: String
    let version: String
    let hasErrors: Bool
    let cancelURL: String
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String

    init(
        form: WorkoutForm, errors: WorkoutFormErrors, preview: WorkoutDraft?, requestedStart: CalendarDate?, editing: Workout?,
        scope: WorkoutEditScope, date: CalendarDate?, csrfToken: String, localizer: Localizer
    ) {
        let format = localizer.format
        func field(_ name: String, _ value: String) -> Field {
            Field(value: value, error: errors[name].map(localizer.t) ?? "", hasError: errors[name] != nil)
        }
        heading = editing == nil ? localizer.t("New workout") : localizer.t("Edit {name}", ["name": editing!.name])
        action = editing.map { WorkoutURL.edit(.value($0.id)).path } ?? WorkoutURL.new.path
        name = field("name", form.name)
        // A date or time input can only hold a valid value (browsers drop others): a bad one shows empty, beside its message.
        startsAt = field("starts_at", TimeOfDay(form.startsAt) == nil ? "" : form.startsAt)
        duration = field("duration", form.duration)
        startDate = field("start_date", CalendarDate(form.startDate) == nil ? "" : form.startDate)
        interval = field("interval", form.interval)
        until = field("until", CalendarDate(form.until) == nil ? "" : form.until)
        count = field("count", form.count)
        excluded = field("excluded", form.excluded)
        let ruleError = errors["frequency"] ?? errors["end"] ?? errors["month_day"] ?? errors["activity"]
        frequencyError = ruleError.map(localizer.t) ?? ""
        hasFrequencyError = ruleError != nil
        activities = Workout.Activity.allCases.map {
            Option(value: $0.rawValue, label: localizer.t(WorkoutLabels.activity($0)), isSelected: form.activity == $0.rawValue)
        }
        let frequencyLabels = [CatalogKey.t("Once"), CatalogKey.t("Daily"), CatalogKey.t("Weekly"), CatalogKey.t("Monthly")]
        frequencies = zip(WorkoutForm.frequencies, frequencyLabels).map { Option(value: $0, label: localizer.t($1), isSelected: form.frequency == $0) }
        weekdays = (1...7).map { Option(value: String($0), label: format.weekdayName($0), isSelected: form.weekdays.contains($0)) }
        monthDays = [Option(value: "", label: localizer.t("The start date's day"), isSelected: form.monthDay.isEmpty)]
            + (1...31).map { Option(value: String($0), label: String($0), isSelected: form.monthDay == String($0)) }
            + [Option(value: "-1", label: localizer.t("The last day of the month"), isSelected: form.monthDay == "-1")]
        let endLabels = [CatalogKey.t("No end"), CatalogKey.t("On a date"), CatalogKey.t("After a number of times")]
        ends = zip(["never", "until", "count"], endLabels).map { Option(value: $0, label: localizer.t($1), isSelected: form.end == $0) }
        exercises = form.exercises.enumerated().map { offset, row in
            let error = errors["exercise_\(offset + 1)"]
            return ExerciseRow(
                index: String(offset + 1), name: row.name, sets: row.sets, reps: row.reps, weight: row.weight, duration: row.duration,
                rest: row.rest, error: error.map(localizer.t) ?? "", hasError: error != nil
            )
        }
        self.preview = preview.map { draft in
            draft.recurrence.occurrences(from: draft.recurrence.start, through: CalendarDate(year: 9999, month: 12, day: 31)!, limit: 10)
                .map(format.longDate)
        } ?? []
        hasPreview = preview != nil
        if let preview, let requestedStart, preview.recurrence.start != requestedStart {
            movedNote = localizer.t("The rule does not produce {requested}: the workout starts on its first date, {first}.", [
                "requested": format.longDate(requestedStart), "first": format.longDate(preview.recurrence.start),
            ])
        } else {
            movedNote = ""
        }
        hasMovedNote = !movedNote.isEmpty
        isEdit = editing != nil
        let scopeLabels = [CatalogKey.t("This date only"), CatalogKey.t("This date and the following ones"), CatalogKey.t("All dates (from today on)")]
        scopes = zip(WorkoutEditScope.allCases, scopeLabels).map { Option(value: $0.rawValue, label: localizer.t($1), isSelected: scope == $0) }
        hasScopes = editing?.isRecurring == true && date != nil
        self.date = date?.description ?? ""
        version = editing.map { String($0.version) } ?? ""
        hasErrors = !errors.isEmpty
        cancelURL = WorkoutURL.list.path
        self.csrfToken = csrfToken
    }
}

extension WorkoutFormView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("heading", \.heading), .text("action", \.action), .object("name", \.name), .object("startsAt", \.startsAt),
        .object("duration", \.duration), .object("startDate", \.startDate), .object("interval", \.interval), .object("until", \.until),
        .object("count", \.count), .object("excluded", \.excluded), .text("frequencyError", \.frequencyError),
        .bool("hasFrequencyError", \.hasFrequencyError), .list("activities", \.activities), .list("frequencies", \.frequencies),
        .list("weekdays", \.weekdays), .list("monthDays", \.monthDays), .list("ends", \.ends), .list("exercises", \.exercises),
        .list("preview", \.preview), .bool("hasPreview", \.hasPreview), .text("movedNote", \.movedNote), .bool("hasMovedNote", \.hasMovedNote),
        .bool("isEdit", \.isEdit), .list("scopes", \.scopes), .bool("hasScopes", \.hasScopes), .text("date", \.date),
        .text("version", \.version), .bool("hasErrors", \.hasErrors), .text("cancelURL", \.cancelURL),
        .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
    ])
}

extension WorkoutFormView.Field: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [.text("value", \.value), .text("error", \.error), .bool("hasError", \.hasError)])
}

extension WorkoutFormView.Option: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [.text("value", \.value), .text("label", \.label), .bool("isSelected", \.isSelected)])
}

extension WorkoutFormView.ExerciseRow: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("index", \.index), .text("name", \.name), .text("sets", \.sets), .text("reps", \.reps), .text("weight", \.weight),
        .text("duration", \.duration), .text("rest", \.rest), .text("error", \.error), .bool("hasError", \.hasError),
    ])
}
