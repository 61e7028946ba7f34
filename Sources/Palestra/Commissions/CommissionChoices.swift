/// Choices and lookups the commission resources share.
enum CommissionChoices {
    /// pending → approved → paid, by their labels.
    static let statuses = [AdminChoice("pending", "Pending"), AdminChoice("approved", "Approved"), AdminChoice("paid", "Paid")]

    static let currencies = Currency.all.map { AdminChoice($0.code, $0.code) }

    /// Who may be a team member or have entries: anyone but administrators. A change list's filter offers
    /// a manager the members of their team, a member themselves.
    static let members = AdminLookup(
        table: "users", labelExpression: "display_name", condition: "role <> 'admin'",
        filterScope: { user in
            switch CommissionAccess(user: user).reach {
            case .everything: .all
            case .teamOf: .rows("(id = {user} OR id IN (SELECT m.member_id FROM team_memberships m JOIN teams t ON t.id = m.team_id WHERE t.manager_id = {user}))")
            case .own: .rows("id = {user}")
            }
        }
    )

    static let managers = AdminLookup(table: "users", labelExpression: "display_name", condition: "role = 'manager'")
}
