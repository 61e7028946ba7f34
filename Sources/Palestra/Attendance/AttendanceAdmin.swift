/// Attendance records at the desk: the change list (session date, group, athlete with photo, status,
/// note, marked by) with filters, a search by athlete name, status and note edited on the list itself
/// (each row under its own version) and bulk "mark present / absent / excused"; the form shows the
/// athlete's card and the session beside the fields, with a link back to the session. A record of a
/// closed session is read-only. Admins see all records; a coach those of their own groups.
enum AttendanceAdmin {
    static let statuses = AttendanceStatus.allCases.map { AdminChoice($0.rawValue, $0.labelKey) }

    static let athleteName = "(SELECT a.full_name FROM athletes a WHERE a.id = attendance_records.athlete_id)"

    static let labelExpression = "\(athleteName) || ', ' || session_date"

    /// A session's attendance records keep it from being deleted (past reports would change): named by athlete.
    static let blockingSession = AdminDependent.blocking(
        "{count} attendance records", table: "attendance_records", foreignKey: "session_id", labelExpression: labelExpression,
        slug: AttendanceJournal.recordAuditType
    )

    /// An athlete's attendance records keep them from being deleted: named by session date and group.
    static let blockingAthlete = AdminDependent.blocking(
        "{count} attendance records", table: "attendance_records", foreignKey: "athlete_id",
        labelExpression: "session_date || ', ' || (SELECT g.name FROM training_groups g WHERE g.id = attendance_records.group_id)",
        slug: AttendanceJournal.recordAuditType
    )

    /// The athlete: photo, name, birth date and the groups they are in now.
    static let athleteCard = AdminPanel(
        label: "Athlete",
        query: """
            SELECT a.avatar, a.full_name, a.birth_date::text AS birth_date, \(AthletesAdmin.groupsNow(of: "a.id")) AS groups
            FROM attendance_records r JOIN athletes a ON a.id = r.athlete_id WHERE r.id = {id}
            """,
        columns: [
            AdminTableColumn("avatar", label: "Photo", format: .image, altFrom: "full_name"),
            AdminTableColumn("full_name", label: "Name"),
            AdminTableColumn("birth_date", label: "Birth date", format: .date),
            AdminTableColumn("groups", label: "Groups now"),
        ],
        empty: "The athlete no longer exists."
    )

    /// The session: date, time, group, place, status and whether it is closed.
    static let sessionCard = AdminPanel(
        label: "Training session",
        query: """
            SELECT s.session_date::text AS date, to_char(s.starts_at, 'HH24:MI') || '–' || to_char(s.ends_at, 'HH24:MI') AS time,
                   g.name AS group_name, s.location, s.status, s.is_closed::text AS closed
            FROM attendance_records r JOIN training_sessions s ON s.id = r.session_id JOIN training_groups g ON g.id = s.group_id
            WHERE r.id = {id}
            """,
        columns: [
            AdminTableColumn("date", label: "Date", format: .date),
            AdminTableColumn("time", label: "Time"),
            AdminTableColumn("group_name", label: "Group"),
            AdminTableColumn("location", label: "Location"),
            AdminTableColumn("status", label: "Status", format: .choice(TrainingChoices.sessionStatuses)),
            AdminTableColumn("closed", label: "Closed", format: .boolean),
        ],
        empty: "The session no longer exists."
    )

    static let resource = AdminResource(
        slug: AttendanceJournal.recordAuditType, singularName: "attendance record", pluralName: "attendance records", table: "attendance_records",
        labelExpression: labelExpression,
        list: AdminListDeclaration(
            columns: [
                AdminColumn("session_date", label: "Session date", format: .date),
                AdminColumn("group", label: "Group", expression: "list_group.name", sortable: false),
                AdminColumn("photo", label: "Photo", expression: "athlete.avatar", sortable: false, format: .image, secondary: true),
                AdminColumn("athlete", label: "Athlete", expression: "athlete.full_name", sortable: false),
                AdminColumn("status", label: "Status", format: .choice(statuses)),
                AdminColumn("note", label: "Note", sortable: false),
                AdminColumn("marked_by", label: "Marked by", expression: "marker.display_name", sortable: false, secondary: true),
            ],
            // The name folded once when written (`full_name_folded`, migration 0017): LIKE on it is ILIKE's answer at a third of its cost.
            searchExpressions: ["athlete_id IN (SELECT a.id FROM athletes a WHERE a.full_name_folded LIKE lower({pattern}))"],
            filters: [
                AdminFilter("group", label: "Group", expression: "group_id", kind: .foreignKey(TrainingChoices.groups)),
                AdminFilter("session_date", label: "Session date", kind: .date(isTimestamp: false)),
                AdminFilter("status", label: "Status", kind: .choices(statuses)),
            ],
            defaultOrdering: [-1],
            actions: [
                AdminAction("mark_present", label: "Mark selected as present", operation: .setField("status", to: "present"), showing: ["note"]),
                AdminAction("mark_absent", label: "Mark selected as absent", operation: .setField("status", to: "absent"), showing: ["note"]),
                AdminAction("mark_excused", label: "Mark selected as excused", operation: .setField("status", to: "excused"), showing: ["note"]),
            ],
            editable: ["status", "note"],
            // A page's 50 rows read their group, athlete and marker by one join each, not a subquery per row and column;
            // the label and the archived group's rule read the same joins (0.50 -> 0.22 ms for a page's rows).
            related: [
                AdminRelated("list_group", table: "training_groups", key: "group_id"),
                AdminRelated("athlete", table: "athletes", key: "athlete_id"),
                AdminRelated("marker", table: "users", key: "marked_by"),
            ],
            labelExpression: "athlete.full_name || ', ' || attendance_records.session_date"
        ),
        form: AdminFormDeclaration(
            fields: [
                AdminField("status", label: "Status", kind: .select(statuses), required: true),
                AdminField("note", label: "Note", kind: .text(maxLength: AttendanceSubmission.noteLimit)),
                AdminField("session_id", label: "Training session", kind: .integer(1...Int.max), editable: .hidden),
                AdminField("marked_at", label: "Marked at", kind: .dateTime, editable: .never),
            ],
            panels: [athleteCard, sessionCard],
            objectLinks: [AdminObjectLink(
                label: "Back to the training session", to: AdminURL.changeForm(.value(TrainingSessionsAdmin.resource.slug), .key),
                filling: ["id": "session_id"]
            )],
            // Whoever changes a status (form, list or bulk action) is the one who marked it, now.
            stamps: [AdminStamp(when: "status", set: "marked_by", to: .actor), AdminStamp(when: "status", set: "marked_at", to: .now)]
        ),
        access: AdminAccess(
            permissions: [.admin: [.view, .change, .delete], .coach: [.view, .change]],
            scope: { TrainingGroupAccess(user: $0).adminScope(groupID: "group_id") },
            readOnlyRules: [
                AdminReadOnlyRule(
                    sql: TrainingReadOnly.sessionClosed(sessionID: "attendance_records.session_id"),
                    message: "The session is closed: its attendance cannot be changed. An administrator can reopen it from its journal.",
                    reason: "Session closed"
                ),
                AdminReadOnlyRule(
                    sql: TrainingReadOnly.archivedGroup(groupID: "attendance_records.group_id"),
                    message: "The session's group is archived: its attendance cannot be changed.",
                    reason: "Group archived",
                    onList: "COALESCE(list_group.is_archived, false)"
                ),
            ]
        )
    )
}
