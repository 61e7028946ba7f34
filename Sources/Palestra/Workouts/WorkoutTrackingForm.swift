/// The tracking page's form: `reps_<n>`, `weight_<n>`, `duration_<n>` per set position, notes, rating, difficulty and
/// the version it was loaded at. Checked against the occurrence's own sets (unknown positions are ignored).
struct WorkoutTrackingForm: Sendable {
    let version: Int
    /// What was typed, shown again beside the messages.
    let shown: WorkoutTracking
    /// Catalog keys.
    let errors: [String]

    var tracking: WorkoutTracking? { errors.isEmpty ? shown : nil }

    init(_ form: FormData, sets: [WorkoutSet]) {
        var errors: [String] = []
        version = form.value("version").flatMap(Int.init) ?? -1
        func number(_ name: String, _ range: ClosedRange<Int>) -> Int?? {
            let text = (form.value(name) ?? "").filter { !$0.isWhitespace }
            if text.isEmpty { return .some(nil) }
            return Int(text).flatMap { range.contains($0) ? .some($0) : nil }
        }
        var performed: [WorkoutSet] = []
        var setsInvalid = false
        for set in sets {
            var copy = set
            let weightText = String((form.value("weight_\(set.position)") ?? "").filter { !$0.isWhitespace }.map { $0 == "," ? "." : $0 })
            let weight: Double?? = weightText.isEmpty ? .some(nil)
                : Double(weightText).flatMap { $0.isFinite && (0...1000).contains($0) ? .some($0) : nil }
            if case .some(let reps) = number("reps_\(set.position)", 0...1000), case .some(let seconds) = number("duration_\(set.position)", 0...86400),
               case .some(let kilograms) = weight {
                copy.reps = reps
                copy.weightKg = kilograms
                copy.durationSeconds = seconds
            } else {
                setsInvalid = true
            }
            performed.append(copy)
        }
        if setsInvalid { errors.append(CatalogKey.t("Reps 0–1000, weight 0–1000 kg and duration 0–86400 s, as whole numbers (weight may have decimals).")) }
        let notes = form.value("notes") ?? ""
        if notes.count > 5000 { errors.append(CatalogKey.t("Notes: at most 5000 characters.")) }
        let rating = number("rating", 1...5)
        if rating == nil { errors.append(CatalogKey.t("Choose a rating from 1 to 5.")) }
        let difficulty = number("difficulty", 1...10)
        if difficulty == nil { errors.append(CatalogKey.t("Choose a difficulty from 1 to 10.")) }
        shown = WorkoutTracking(sets: performed, notes: notes, rating: rating ?? nil, difficulty: difficulty ?? nil)
        self.errors = errors
    }
}
