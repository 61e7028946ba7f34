/// Which training groups a user reaches — the one rule the admin lists and their lookups, the journals,
/// the reports and the menu all use, as an SQL scope and as a Swift predicate alike.
///
/// - **Administrators** see and change every group.
/// - **Managers** see every group, read-only: the organisation's management reads attendance in the
///   reports. They change nothing, so they keep no journals and get none of the training admin pages.
/// - **Coaches** see and change the groups they coach (their sessions, athletes and attendance).
/// - **Students** reach no group.
///
/// Everything a group holds (its sessions, their attendance, its members) follows its group.
struct TrainingGroupAccess: Sendable, Equatable {
    enum Purpose: Sendable {
        /// Reading: lists, reports, the journal's page.
        case view
        /// Changing: saving marks, closing a session.
        case change
    }

    enum Reach: Sendable, Equatable {
        case everyGroup
        case groupsCoachedBy(Int)
        case noGroup
    }

    let reach: Reach

    init(user: User, for purpose: Purpose = .view) {
        reach = Self.reach(role: user.role, userID: user.id, purpose: purpose)
    }

    private static func reach(role: Role, userID: Int, purpose: Purpose) -> Reach {
        switch (role, purpose) {
        case (.admin, _): .everyGroup
        case (.manager, .view): .everyGroup
        case (.coach, _): .groupsCoachedBy(userID)
        case (.manager, .change), (.student, _): .noGroup
        }
    }

    /// The roles that reach some group for `purpose`: the route policy of the pages that need it.
    static func policy(for purpose: Purpose) -> RolePolicy {
        RolePolicy(Set(Role.allCases.filter { reach(role: $0, userID: 0, purpose: purpose) != .noGroup }))
    }

    /// The Swift predicate: whether a group coached by `coachID` is within reach.
    func includes(groupCoachedBy coachID: Int?) -> Bool {
        switch reach {
        case .everyGroup: true
        case .groupsCoachedBy(let coach): coachID == coach
        case .noGroup: false
        }
    }

    // MARK: SQL

    /// The ids of the groups a coach leads, `{user}` standing for the coach (the admin engine binds it).
    private static let coachedGroups = "SELECT g.id FROM training_groups g WHERE g.coach_id = {user}"

    /// The admin engine's scope for rows whose group id is `groupID` (an expression over the resource's table).
    /// The coach's few group ids are read once into an array, so the rows are found by an index on `groupID`
    /// (`IN (SELECT …)` let the planner hash the groups and scan a whole table of attendance for them).
    func adminScope(groupID: String) -> AdminScope {
        switch reach {
        case .everyGroup: .all
        case .groupsCoachedBy: .rows("\(groupID) = ANY (ARRAY(\(Self.coachedGroups)))")
        case .noGroup: .none
        }
    }

    /// The admin engine's scope for athletes (`athleteID` over the resource's table): those who were ever
    /// members of a group within reach.
    func adminScope(athleteID: String) -> AdminScope {
        switch reach {
        case .everyGroup: .all
        case .groupsCoachedBy: .rows("\(athleteID) IN (SELECT m.athlete_id FROM group_memberships m WHERE m.group_id IN (\(Self.coachedGroups)))")
        case .noGroup: .none
        }
    }

    /// A store's condition on a `training_groups` row aliased `group`, the coach bound at `parameter`
    /// (``coachParameter``): `($2::bigint IS NULL OR g.coach_id = $2)`.
    static func condition(group alias: String, parameter: String) -> String {
        "(\(parameter)::bigint IS NULL OR \(alias).coach_id = \(parameter))"
    }

    /// The value bound for ``condition(group:parameter:)``: `nil` for every group, the coach's id, or 0
    /// (no user has it: ids start at 1) for none.
    var coachParameter: Int? {
        switch reach {
        case .everyGroup: nil
        case .groupsCoachedBy(let coach): coach
        case .noGroup: 0
        }
    }
}
