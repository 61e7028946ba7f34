/// Catalog keys of the workouts' choices.
enum WorkoutLabels {
    static func activity(_ activity: Workout.Activity) -> String {
        switch activity {
        case .strength: CatalogKey.t("Strength training")
        case .running: CatalogKey.t("Run")
        case .cycling: CatalogKey.t("Bike ride")
        case .swimming: CatalogKey.t("Swim")
        case .yoga: CatalogKey.t("Yoga")
        case .other: CatalogKey.t("Other activity")
        }
    }

    static func status(_ status: WorkoutOccurrence.Status) -> String {
        switch status {
        case .planned: CatalogKey.t("Planned")
        case .inProgress: CatalogKey.t("In progress")
        case .completed: CatalogKey.t("Done")
        case .cancelled: CatalogKey.t("Cancelled")
        }
    }
}
