/// Where a lesson is in its life: `scheduled → in_progress → completed`, or `cancelled` from either of
/// the first two. Completed and cancelled are final.
public enum LessonStatus: String, CaseIterable, Sendable, Codable {
    case scheduled
    case inProgress = "in_progress"
    case completed
    case cancelled

    /// The English label, a catalog key.
    public var label: String {
        switch self {
        case .scheduled: CatalogKey.t("Planned")
        case .inProgress: CatalogKey.t("In progress")
        case .completed: CatalogKey.t("Held")
        case .cancelled: CatalogKey.t("Cancelled")
        }
    }

    public var isFinal: Bool { self == .completed || self == .cancelled }

    static let choices = allCases.map { AdminChoice($0.rawValue, $0.label) }
}
