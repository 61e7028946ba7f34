/// Who reaches which commission entries and reports — the one rule the admin list, the report pages
/// and the email use, as an SQL scope and a Swift value alike.
///
/// - **Administrators**: every entry and every manager's report; they mark approved entries paid.
/// - **Managers**: the entries of their team (`manager_id`, the member's manager on the entry's date)
///   and their own; their own team's report only; they approve.
/// - **Everyone else** (a team's members): their own entries.
struct CommissionAccess: Sendable, Equatable {
    enum Reach: Sendable, Equatable {
        case everything
        case teamOf(Int)
        case own(Int)
    }

    let reach: Reach

    init(user: User) {
        reach = switch user.role {
        case .admin: .everything
        case .manager: .teamOf(user.id)
        case .coach, .student: .own(user.id)
        }
    }

    /// The admin engine's scope over `commission_entries`.
    var adminScope: AdminScope {
        switch reach {
        case .everything: .all
        case .teamOf: .rows("(manager_id = {user} OR member_id = {user})")
        case .own: .rows("member_id = {user}")
        }
    }

    /// Whether the user may read the report of the team `managerID` leads.
    func reachesReport(of managerID: Int) -> Bool {
        switch reach {
        case .everything: true
        case .teamOf(let manager): manager == managerID
        case .own: false
        }
    }

    /// Whether the user is or was in a team: only then do their commission entries lead somewhere.
    static let teamMember = UserFact(name: "commissions.team-member", sql: "EXISTS (SELECT 1 FROM team_memberships tm WHERE tm.member_id = u.id)")

    /// Commission entries are in the menu of administrators, managers and members of a team (now or before).
    @Sendable static func inMenu(_ user: User) -> Bool {
        CommissionAccess(user: user).reach != .own(user.id) || user.facts.contains(teamMember.name)
    }

    /// The roles that see reports: the report page's route policy.
    static let reportPolicy = RolePolicy([.admin, .manager])
}
