import Hummingbird
import Postgres

/// `/workouts/history` (the page), `/workouts/history.csv` (every set of the filter) and `/workouts/history/volume.svg`.
struct WorkoutHistoryController: Sendable {
    static let pageSize = 20
    static let csvLimit = 100_000

    let planner: WorkoutPlanner
    let views: Views

    var store: WorkoutHistoryStore { WorkoutHistoryStore(database: planner.database) }

    func addRoutes(to routes: Routes<SignedInContext>) {
        routes.get(WorkoutURL.history, use: page)
        routes.get(WorkoutURL.historyCSV, use: csv)
        routes.get(WorkoutURL.historyChart, use: chart)
    }

    @Sendable func page(_ request: Request, context: SignedInContext) async throws -> Response {
        let access = WorkoutAccess(user: context.user)
        let filter = WorkoutHistoryFilter(query: request.queryData, today: planner.today())
        // The page asked for (`p`), read beside the count; one past the last page reads the last page again.
        let asked = min(max(request.queryData.value("p").flatMap(Int.init) ?? 1, 1), 1_000_000)
        // The page with its sets, the count, the totals and the filter's workouts in one round trip.
        let read = try await store.page(
            access: access, filter: filter.filter, limit: Self.pageSize, offset: (asked - 1) * Self.pageSize,
            alongside: WorkoutStore.choicesStatement(access: access)
        )
        let total = read.count
        let pageCount = max(1, (total + Self.pageSize - 1) / Self.pageSize)
        let page = min(asked, pageCount)
        let entries = page == asked
            ? read.entries
            : try await store.completed(access: access, filter: filter.filter, limit: Self.pageSize, offset: (page - 1) * Self.pageSize)
        let localizer = views.localizer(for: context)
        let view = WorkoutHistoryView(
            filter: filter, workouts: try read.alongside.map(WorkoutStore.choice), entries: entries, total: total, page: page,
            pageCount: pageCount, totals: read.totals, localizer: localizer
        )
        return views.render(.workoutHistory, title: view.heading, content: view, context: context,
                            status: filter.errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func csv(_ request: Request, context: SignedInContext) async throws -> Response {
        let filter = WorkoutHistoryFilter(query: request.queryData, today: planner.today())
        guard filter.errors.isEmpty else { throw AppError.badRequest }
        let entries = try await store.completed(access: WorkoutAccess(user: context.user), filter: filter.filter, limit: Self.csvLimit)
        let localizer = views.localizer(for: context)
        var writer = CSVWriter(for: localizer.format)
        writer.append([
            localizer.t("Date"), localizer.t("Workout"), localizer.t("Exercise"), localizer.t("Set"), localizer.t("Reps"),
            localizer.t("Weight, kg"), localizer.t("Duration, s"), localizer.t("Volume, kg"),
        ])
        for entry in entries {
            for set in entry.sets {
                writer.append([
                    entry.date.description, entry.name, set.exercise, String(set.setNumber), set.reps.map(String.init) ?? "",
                    set.weightKg.map(WorkoutFormat.kilograms) ?? "", set.durationSeconds.map(String.init) ?? "", WorkoutFormat.kilograms(set.volume),
                ])
            }
        }
        return writer.response(fileName: "workouts-\(filter.filter.from)-\(filter.filter.through).csv")
    }

    @Sendable func chart(_ request: Request, context: SignedInContext) async throws -> Response {
        let filter = WorkoutHistoryFilter(query: request.queryData, today: planner.today())
        guard filter.errors.isEmpty else { throw AppError.badRequest }
        let weeks = try await store.weeklyVolume(access: WorkoutAccess(user: context.user), filter: filter.filter)
        let localizer = views.localizer(for: context)
        let chart = WorkoutVolumeChart(
            weeks, from: filter.filter.from, through: filter.filter.through, title: localizer.t("Volume per week (reps × kg)"), format: localizer.format
        )
        return views.render(document: .workoutVolumeChart, content: chart, contentType: "image/svg+xml; charset=utf-8", context: context)
    }
}
