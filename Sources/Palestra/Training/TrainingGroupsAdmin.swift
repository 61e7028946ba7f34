/// Training groups in the admin engine: the list (coach, current athletes, weekly slots), the form with
/// the group's weekly schedule edited on the same page, and a read-only preview of the next four weeks
/// of sessions. Any change to the slots, or archiving and un-archiving, enqueues one re-sync of the
/// group's sessions (``ScheduleResyncJob``) in the same transaction, and a change of an existing group's slots
/// tells its coach (``ScheduleChangeNoticeJob``). Coaches see their own groups, read-only.
enum TrainingGroupsAdmin {
    static let slots = AdminInline(
        "slots", label: "Weekly schedule", table: "group_schedule_slots", foreignKey: "group_id",
        labelExpression: """
            to_char(date '2024-01-01' + (weekday - 1), 'Dy') || ' ' || to_char(starts_at, 'HH24:MI') || ', '
            || duration_minutes || ' min' || CASE WHEN location <> '' THEN ', ' || location ELSE '' END
            """,
        fields: [
            AdminField("weekday", label: "Weekday", kind: .select(TrainingChoices.weekdays), required: true),
            AdminField("starts_at", label: "Start", kind: .time, required: true),
            AdminField("duration_minutes", label: "Minutes", kind: .integer(5...720), required: true, default: "60"),
            AdminField("location", label: "Location", kind: .text(maxLength: 200)),
        ],
        ordering: "weekday, starts_at",
        extraRows: 2,
        constraints: [
            "group_schedule_slots_start_key": (field: "starts_at", message: "The group already has a session starting then on this weekday."),
            "group_schedule_slots_duration_check": (field: "duration_minutes", message: "The session must end before midnight."),
        ],
        validate: { row in
            TrainingChoices.endsBeforeMidnight(start: row["starts_at"], minutes: row["duration_minutes"]) == false
                ? ["duration_minutes": CatalogKey.t("The session must end before midnight.")]
                : [:]
        },
        readOnlyCondition: (sql: TrainingReadOnly.archivedGroupRow, message: "The group is archived: its schedule cannot be changed until it is un-archived.")
    )

    /// The next four weeks from today (the organisation's): the sessions there are, and those the slots
    /// will produce that have not been generated yet. An archived group's slots produce none.
    static let preview = AdminPanel(
        label: "The next four weeks",
        query: """
            WITH days AS (
                SELECT day::date AS day
                FROM generate_series((now() AT TIME ZONE {zone})::date, (now() AT TIME ZONE {zone})::date + 27, interval '1 day') AS day
            ), planned AS (
                SELECT days.day, s.starts_at, s.duration_minutes, s.location
                FROM days JOIN group_schedule_slots s ON s.weekday = extract(isodow FROM days.day) AND s.group_id = {id}
                WHERE NOT EXISTS (SELECT 1 FROM training_groups g WHERE g.id = {id} AND g.is_archived)
            ), held AS (
                SELECT * FROM training_sessions t
                WHERE t.group_id = {id} AND t.session_date BETWEEN (SELECT min(day) FROM days) AND (SELECT max(day) FROM days)
            )
            SELECT coalesce(t.session_date, p.day)::text AS day,
                   extract(isodow FROM coalesce(t.session_date, p.day))::int::text AS weekday,
                   to_char(coalesce(t.starts_at, p.starts_at), 'HH24:MI') || '–'
                       || to_char(coalesce(t.ends_at, p.starts_at + p.duration_minutes * interval '1 minute'), 'HH24:MI') AS time,
                   coalesce(t.location, p.location) AS location,
                   CASE WHEN t.id IS NULL THEN 'not_generated' ELSE t.status END AS status
            FROM planned p FULL JOIN held t ON t.session_date = p.day AND t.starts_at = p.starts_at
            ORDER BY 1, 3
            """,
        columns: [
            AdminTableColumn("day", label: "Date", format: .date),
            AdminTableColumn("weekday", label: "Weekday", format: .choice(TrainingChoices.weekdays)),
            AdminTableColumn("time", label: "Time"),
            AdminTableColumn("location", label: "Location"),
            AdminTableColumn("status", label: "Status", format: .choice(TrainingChoices.sessionStatuses + [AdminChoice("not_generated", "Not generated yet")])),
        ],
        empty: "No sessions in the next four weeks.",
        help: "Sessions are generated from the weekly schedule; a change to the schedule re-builds the future ones shortly after it is saved."
    )

    static let resource = AdminResource(
        slug: "training-groups", singularName: "training group", pluralName: "training groups", table: "training_groups",
        labelExpression: "name",
        dependents: [
            AdminDependent(label: "{count} training sessions", countSQL: "SELECT count(*)::bigint FROM training_sessions WHERE group_id = ANY($1::bigint[])"),
            AdminDependent(label: "{count} memberships", countSQL: "SELECT count(*)::bigint FROM group_memberships WHERE group_id = ANY($1::bigint[])"),
        ],
        list: AdminListDeclaration(
            columns: [
                AdminColumn("name", label: "Name"),
                AdminColumn("coach", label: "Coach", expression: "(SELECT u.display_name FROM users u WHERE u.id = training_groups.coach_id)"),
                AdminColumn("athletes", label: "Athletes", expression: """
                    (SELECT count(*) FROM group_memberships m
                     WHERE m.group_id = training_groups.id AND m.joined_on <= {today} AND (m.left_on IS NULL OR m.left_on >= {today}))
                    """, format: .number),
                AdminColumn("slots", label: "Weekly schedule", expression: """
                    (SELECT string_agg(s.weekday || ' ' || to_char(s.starts_at, 'HH24:MI'), ',' ORDER BY s.weekday, s.starts_at)
                     FROM group_schedule_slots s WHERE s.group_id = training_groups.id)
                    """, sortable: false, format: .weekdayTimes, secondary: true),
                AdminColumn("is_archived", label: "Archived", format: .boolean),
            ],
            searchExpressions: ["name"],
            filters: [
                AdminFilter("coach", label: "Coach", expression: "coach_id", kind: .foreignKey(TrainingChoices.coaches)),
                AdminFilter("is_archived", label: "Archived", kind: .boolean),
            ],
            defaultOrdering: [1],
            actions: [
                AdminAction("archive", label: "Archive selected groups", operation: .setField("is_archived", to: "true")),
                AdminAction("unarchive", label: "Un-archive selected groups", operation: .setField("is_archived", to: "false")),
            ]
        ),
        form: AdminFormDeclaration(
            fields: [
                AdminField("name", label: "Name", kind: .text(maxLength: 150), required: true),
                AdminField("coach_id", label: "Coach", kind: .foreignKey(TrainingChoices.activeCoaches), required: true),
                AdminField("description", label: "Description", kind: .markdown(maxLength: 20000), help: "Markdown."),
                AdminField("is_archived", label: "Archived", kind: .checkbox,
                           help: "An archived group gets no new sessions; its schedule and sessions cannot be changed."),
            ],
            inlines: [slots],
            panels: [preview],
            uniqueConstraints: ["training_groups_name_key": (field: "name", message: "A group with this name already exists.")],
            objectLinks: [AdminObjectLink(label: "Attendance register", to: AttendanceReportURL.register(.key))]
        ),
        access: AdminAccess(
            permissions: [.admin: Set(AdminPermission.allCases), .coach: [.view]],
            scope: { TrainingGroupAccess(user: $0).adminScope(groupID: "id") }
        ),
        hooks: AdminHooks(
            afterSave: { event, connection in
                guard let id = Int(event.objectID) else { return }
                let slotsChanged = event.changes.contains { $0.field == slots.name }
                let archivingChanged = !event.isNew && event.changes.contains { $0.field == "is_archived" }
                if slotsChanged || archivingChanged {
                    try await ScheduleResyncJob.enqueue(groupID: id, on: connection)
                }
                // The coach is told when someone else changes their group's weekly schedule.
                if slotsChanged && !event.isNew {
                    try await ScheduleChangeNoticeJob.enqueue(group: id, by: event.actor, on: connection)
                }
            }
        )
    )
}
