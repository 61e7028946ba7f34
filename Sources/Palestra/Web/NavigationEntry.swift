/// A menu entry an area declares: where it leads, who sees it, and where in the menu it stands.
struct NavigationEntry: Sendable {
    /// The menu's parts, in order: the entries first, then the admin resources, then reports, then the system's pages.
    enum Slot: Int, Comparable, Sendable {
        case start, resources, reports, system
        static func < (lhs: Slot, rhs: Slot) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// A catalog key.
    let label: String
    let url: any SiteRoute
    let policy: RolePolicy
    let slot: Slot
    /// Whether the entry is current only on its own URL, or on every page below it too.
    let matchesBelow: Bool

    init(_ label: String, url: any SiteRoute, policy: RolePolicy = .signedIn, slot: Slot, matchesBelow: Bool = true) {
        self.label = label
        self.url = url
        self.policy = policy
        self.slot = slot
        self.matchesBelow = matchesBelow
    }
}
