import Foundation
import Postgres

/// Athletes in the admin engine: a list with their photo, search by name and a filter by group (through
/// their memberships); the form with a photo upload (PNG, JPEG or WebP by their bytes, at most 2 MB,
/// served by ``MediaController``) and the athlete's group memberships edited on the same page.
/// Coaches see the athletes of their own groups, read-only.
enum AthletesAdmin {
    /// The names of the groups the athlete (an SQL expression for their id) is a member of today, in the
    /// organisation's time zone (`{today}`), comma-separated.
    static func groupsNow(of athlete: String) -> String {
        """
        (SELECT string_agg(g.name, ', ' ORDER BY g.name) FROM group_memberships m JOIN training_groups g ON g.id = m.group_id
         WHERE m.athlete_id = \(athlete) AND m.joined_on <= {today} AND (m.left_on IS NULL OR m.left_on >= {today}))
        """
    }

    static let memberships = AdminInline(
        "memberships", label: "Group memberships", table: "group_memberships", foreignKey: "athlete_id",
        labelExpression: """
            (SELECT g.name FROM training_groups g WHERE g.id = group_memberships.group_id) || ' ' || joined_on || '–' || coalesce(left_on::text, '')
            """,
        fields: [
            AdminField("group_id", label: "Group", kind: .foreignKey(TrainingChoices.groups), required: true),
            AdminField("joined_on", label: "Joined on", kind: .date, required: true),
            AdminField("left_on", label: "Left on", kind: .date),
        ],
        ordering: "joined_on, group_id",
        extraRows: 2,
        constraints: [
            "group_memberships_overlap_excl": (field: "joined_on", message: "The athlete is already a member of this group for some of these dates."),
            "group_memberships_dates_check": (field: "left_on", message: "The leaving date cannot be before the joining date."),
        ],
        validate: { row in
            guard let joined = row["joined_on"].flatMap(CalendarDate.init), let left = row["left_on"].flatMap(CalendarDate.init), left < joined else {
                return [:]
            }
            return ["left_on": CatalogKey.t("The leaving date cannot be before the joining date.")]
        }
    )

    static let resource = AdminResource(
        slug: "athletes", singularName: "athlete", pluralName: "athletes", table: "athletes",
        labelExpression: "full_name",
        dependents: [AttendanceAdmin.blockingAthlete],
        list: AdminListDeclaration(
            columns: [
                AdminColumn("full_name", label: "Full name"),
                AdminColumn("avatar", label: "Photo", sortable: false, format: .image),
                AdminColumn("birth_date", label: "Birth date", format: .date),
                AdminColumn("groups", label: "Groups", expression: groupsNow(of: "athletes.id"), sortable: false, secondary: true),
                AdminColumn("contact", label: "Contact", secondary: true),
            ],
            searchExpressions: ["full_name_folded LIKE lower({pattern})"],
            filters: [
                AdminFilter("group", label: "Group", condition: """
                    EXISTS (SELECT 1 FROM group_memberships m WHERE m.athlete_id = athletes.id AND m.group_id::text = {value})
                    """, kind: .foreignKey(TrainingChoices.groups)),
            ],
            defaultOrdering: [1]
        ),
        form: AdminFormDeclaration(
            fields: [
                AdminField("full_name", label: "Full name", kind: .text(maxLength: 200), required: true),
                AdminField("birth_date", label: "Birth date", kind: .date, required: true),
                AdminField("contact", label: "Contact", kind: .text(maxLength: 200), help: "A phone number or email of the athlete or a parent."),
                AdminField("notes", label: "Notes", kind: .markdown(maxLength: 5000)),
                AdminField("avatar", label: "Photo", kind: .file(.image), help: "PNG, JPEG or WebP, at most 2 MB."),
                AdminField("user_id", label: "User account", kind: .foreignKey(TrainingChoices.students),
                           help: "The athlete's own sign-in (a student), if they have one."),
            ],
            inlines: [memberships],
            validate: { submission in
                guard let text = submission.values["birth_date"], let birth = CalendarDate(text) else { return [:] }
                let today = CalendarDate.split(Date(), in: .gmt)?.0
                // ISO dates compare as text.
                if birth.description < "1900-01-01" || today.map({ birth > $0 }) == true {
                    return ["birth_date": CatalogKey.t("Enter a birth date between 1900 and today.")]
                }
                return [:]
            },
            uniqueConstraints: ["athletes_user_key": (field: "user_id", message: "This user is already linked to another athlete.")],
            // Each session with its date, status and note is on the athlete's attendance report
            objectLinks: [AdminObjectLink(label: "Attendance report", to: AttendanceReportURL.athlete(.key))]
        ),
        access: AdminAccess(
            permissions: [.admin: Set(AdminPermission.allCases), .coach: [.view]],
            scope: { TrainingGroupAccess(user: $0).adminScope(athleteID: "id") }
        )
    )
}
