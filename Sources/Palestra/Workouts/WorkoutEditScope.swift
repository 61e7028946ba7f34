/// Which occurrences an edit of a recurring workout changes.
enum WorkoutEditScope: String, Sendable, Hashable, CaseIterable {
    /// One date: its child gets its own name, time and plan; the series is unchanged.
    case this
    /// The chosen date and later ones: the old series ends the day before, a new one starts.
    case following
    /// The whole series — from today: dates before today are the past and are never rewritten.
    case all
}
