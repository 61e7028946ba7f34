import Postgres

/// Teams in the admin engine: a name, its manager, and its members with the dates they joined and left
/// (a member is in one team at a time). Administrators manage them; a manager sees their own team.
enum TeamsAdmin {
    static let memberships = AdminInline(
        "memberships", label: "Members", table: "team_memberships", foreignKey: "team_id",
        labelExpression: """
            (SELECT u.display_name FROM users u WHERE u.id = team_memberships.member_id) || ' ' || joined_on || '–' || coalesce(left_on::text, '')
            """,
        fields: [
            AdminField("member_id", label: "Member", kind: .foreignKey(CommissionChoices.members), required: true),
            AdminField("joined_on", label: "Joined on", kind: .date, required: true),
            AdminField("left_on", label: "Left on", kind: .date),
        ],
        ordering: "joined_on, member_id",
        extraRows: 3,
        maximumRows: 500,
        constraints: [
            "team_memberships_overlap_excl": (field: "joined_on", message: "The member is in a team for some of these dates already."),
            "team_memberships_dates_check": (field: "left_on", message: "The leaving date cannot be before the joining date."),
        ],
        validate: { row in
            guard let joined = row["joined_on"].flatMap(CalendarDate.init), let left = row["left_on"].flatMap(CalendarDate.init), left < joined else {
                return [:]
            }
            return ["left_on": CatalogKey.t("The leaving date cannot be before the joining date.")]
        }
    )

    static let resource = AdminResource(
        slug: "teams", singularName: "team", pluralName: "teams", table: "teams",
        labelExpression: "name",
        list: AdminListDeclaration(
            columns: [
                AdminColumn("name", label: "Name"),
                AdminColumn("manager", label: "Manager", expression: "manager.display_name", sortable: false),
                AdminColumn("members", label: "Members now", expression: """
                    (SELECT count(*) FROM team_memberships m WHERE m.team_id = teams.id AND m.joined_on <= {today} AND (m.left_on IS NULL OR m.left_on >= {today}))
                    """, sortable: false, format: .number),
            ],
            searchExpressions: ["name"],
            related: [AdminRelated("manager", table: "users", key: "manager_id")]
        ),
        form: AdminFormDeclaration(
            fields: [
                AdminField("name", label: "Name", kind: .text(maxLength: 200), required: true),
                AdminField("manager_id", label: "Manager", kind: .foreignKey(CommissionChoices.managers), required: true),
            ],
            inlines: [memberships],
            uniqueConstraints: ["teams_manager_key": (field: "manager_id", message: "This manager already leads a team.")]
        ),
        access: AdminAccess(
            permissions: [.admin: Set(AdminPermission.allCases), .manager: [.view]],
            scope: { user in user.role == .admin ? .all : .rows("manager_id = {user}") }
        )
    )
}
