/// What the tracking page saves: each set's figures, notes (Markdown), rating 1–5 and difficulty (RPE 1–10).
struct WorkoutTracking: Sendable, Hashable {
    var sets: [WorkoutSet]
    var notes: String
    var rating: Int?
    var difficulty: Int?
}
