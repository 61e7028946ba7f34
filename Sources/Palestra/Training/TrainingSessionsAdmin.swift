import Postgres

/// Training sessions in the admin engine: the list, from today on unless another date is chosen, with
/// filters by group, date, status and closed and a search by group name; the form, with a link to the session's attendance journal. Admins see and
/// change all of them; a coach sees and changes (never adds or deletes) the sessions of the groups they
/// coach. An archived group's sessions are read-only for everyone.
enum TrainingSessionsAdmin {
    static let groupName = "(SELECT g.name FROM training_groups g WHERE g.id = training_sessions.group_id)"

    /// How far the session's journal is filled in: members of the group on its date, marked, unmarked.
    static let attendance = AdminPanel(
        label: "Attendance",
        query: """
            SELECT counts.members::text AS members, counts.marked::text AS marked, greatest(counts.members - counts.marked, 0)::text AS unmarked
            FROM training_sessions s, LATERAL (
                SELECT (SELECT count(*) FROM group_memberships m WHERE m.group_id = s.group_id AND m.joined_on <= s.session_date
                        AND (m.left_on IS NULL OR m.left_on >= s.session_date)) AS members,
                       (SELECT count(*) FROM attendance_records r WHERE r.session_id = s.id) AS marked
            ) AS counts
            WHERE s.id = {id}
            """,
        columns: [
            AdminTableColumn("members", label: "Members on the date", format: .number),
            AdminTableColumn("marked", label: "Marked", format: .number),
            AdminTableColumn("unmarked", label: "Unmarked", format: .number),
        ],
        empty: "The session no longer exists."
    )

    static let resource = AdminResource(
        slug: "training-sessions", singularName: "training session", pluralName: "training sessions", table: "training_sessions",
        labelExpression: "\(groupName) || ', ' || session_date || ' ' || to_char(starts_at, 'HH24:MI')",
        dependents: [AttendanceAdmin.blockingSession],
        list: AdminListDeclaration(
            columns: [
                AdminColumn("session_date", label: "Date", format: .date),
                AdminColumn("weekday", label: "Weekday", expression: "extract(isodow FROM session_date)::int", format: .choice(TrainingChoices.weekdays), secondary: true),
                AdminColumn("time", label: "Time", expression: "to_char(starts_at, 'HH24:MI') || '–' || to_char(ends_at, 'HH24:MI')"),
                AdminColumn("group", label: "Group", expression: groupName),
                AdminColumn("location", label: "Location", secondary: true),
                AdminColumn("status", label: "Status", format: .choice(TrainingChoices.sessionStatuses)),
                AdminColumn("is_closed", label: "Closed", format: .boolean, secondary: true),
            ],
            searchExpressions: [groupName],
            filters: [
                AdminFilter("group", label: "Group", expression: "group_id", kind: .foreignKey(TrainingChoices.groups)),
                // The list opens at today, nearest first; the past (nearest first too) and any date are one click away.
                AdminFilter("session_date", label: "Date", kind: .date(isTimestamp: false), default: OpenDatePreset.fromToday.rawValue),
                AdminFilter("status", label: "Status", kind: .choices(TrainingChoices.sessionStatuses)),
                AdminFilter("is_closed", label: "Closed", kind: .boolean),
            ],
            defaultOrdering: [1, 3],
            actions: [
                // A coach closes a session from its journal, once it is held; only an administrator closes in bulk
                AdminAction(
                    "close", label: "Close selected sessions", operation: .setField("is_closed", to: "true"),
                    note: "A closed session's attendance can no longer be changed. Only an administrator can reopen it, from its journal.",
                    condition: (sql: "status = 'held'", message: "Only a held session can be closed: save its attendance first."),
                    objectLabel: "Close this session", roles: [.admin]
                ),
            ]
        ),
        form: AdminFormDeclaration(
            fields: [
                AdminField("group_id", label: "Group", kind: .foreignKey(TrainingChoices.groups), required: true, editable: .onAdd),
                AdminField("session_date", label: "Date", kind: .date, required: true),
                AdminField("starts_at", label: "Start", kind: .time, required: true),
                AdminField("ends_at", label: "End", kind: .time, required: true),
                AdminField("location", label: "Location", kind: .text(maxLength: 200)),
                AdminField("status", label: "Status", kind: .select(TrainingChoices.sessionStatuses), required: true, default: "planned"),
                // Closed and reopened only through the journal (closing is the coach's, reopening an administrator's,
                // both audited) and by the nightly auto-close: never by this form.
                AdminField("is_closed", label: "Closed", kind: .checkbox, help: "A closed session is never changed by a schedule re-sync.", editable: .never),
                AdminField("notes", label: "Notes", kind: .markdown(maxLength: 5000)),
            ],
            panels: [attendance],
            validate: { submission in
                guard let start = submission.values["starts_at"].flatMap({ TimeOfDay($0) }), let end = submission.values["ends_at"].flatMap({ TimeOfDay($0) }),
                      end <= start
                else { return [:] }
                return ["ends_at": CatalogKey.t("The session must end after it starts.")]
            },
            uniqueConstraints: [
                "training_sessions_group_date_start_key": (field: "starts_at", message: "The group already has a session starting then on this date."),
            ],
            objectLinks: [AdminObjectLink(label: "Attendance journal", to: AttendanceURL.journal(.key))]
        ),
        access: AdminAccess(
            permissions: [.admin: Set(AdminPermission.allCases), .coach: [.view, .change]],
            scope: { TrainingGroupAccess(user: $0).adminScope(groupID: "group_id") },
            readOnlyRules: [
                AdminReadOnlyRule(
                    sql: TrainingReadOnly.archivedGroup(groupID: "training_sessions.group_id"),
                    message: "The session's group is archived: its sessions cannot be changed.",
                    reason: "Group archived"
                ),
                AdminReadOnlyRule(
                    sql: TrainingReadOnly.closedHeldSessionRow,
                    message: "The session was held and is closed: it can no longer be changed or deleted, as its journal cannot. An administrator can reopen it from its journal.",
                    reason: "Session closed"
                ),
            ]
        ),
        hooks: AdminHooks(
            afterSave: { event, connection in
                // A session moved or changed by hand is no longer the schedule's: a re-sync leaves it as it is.
                let byHand: Set<String> = ["session_date", "starts_at", "ends_at", "location"]
                guard !event.isNew, event.changes.contains(where: { byHand.contains($0.field) }), let id = Int(event.objectID) else { return }
                try await TrainingSessionGenerationStore.detachFromSchedule(session: id, on: connection)
            }
        )
    )
}
