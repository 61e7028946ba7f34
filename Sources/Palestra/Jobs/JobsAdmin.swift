/// The background jobs resource (admins only): a change list by state, kind, queue and dates; a job's
/// page with its arguments and the history of its failed attempts; retry, cancel and discard, on the
/// list and on the job's page. Jobs are made by the code that enqueues them, never added, edited or
/// deleted here (finished ones are pruned by the workers).
enum JobsAdmin {
    static let errorColumns = [
        AdminTableColumn("attempt", label: "Attempt", format: .number),
        AdminTableColumn("at", label: "When", format: .dateTime),
        AdminTableColumn("error", label: "Error"),
    ]

    static let resource = AdminResource(
        slug: "jobs", singularName: "job", pluralName: "jobs", table: "jobs",
        labelExpression: "kind || ' #' || id", isVersioned: false,
        list: AdminListDeclaration(
            columns: [
                AdminColumn("id", label: "ID"),
                AdminColumn("kind", label: "Kind"),
                AdminColumn("queue", label: "Queue", secondary: true),
                AdminColumn("state", label: "State", format: .choice(JobState.choices)),
                AdminColumn("attempts", label: "Attempts", expression: "attempt || ' / ' || max_attempts", sortable: false),
                AdminColumn("run_at", label: "Runs at", format: .dateTime),
                AdminColumn("finalized_at", label: "Finished", format: .dateTime, secondary: true),
            ],
            searchExpressions: ["kind", "args"],
            filters: [
                AdminFilter("state", label: "State", kind: .choices(JobState.choices)),
                AdminFilter("kind", label: "Kind", kind: .foreignKey(JobDashboardStore.kindLookup)),
                AdminFilter("queue", label: "Queue", kind: .foreignKey(JobDashboardStore.queueLookup)),
                AdminFilter("created_at", label: "Enqueued", kind: .date(isTimestamp: true)),
                AdminFilter("run_at", label: "Runs at", kind: .date(isTimestamp: true)),
            ],
            defaultOrdering: [-1],
            pageSize: 100,
            actions: JobIntervention.allCases.map(\.action),
            links: [(label: "Queue overview", url: JobsURL.overview.path)]
        ),
        form: AdminFormDeclaration(
            fields: [
                AdminField("kind", label: "Kind", kind: .text(maxLength: 200), editable: .never),
                AdminField("queue", label: "Queue", kind: .text(maxLength: 200), editable: .never),
                AdminField("state", label: "State", kind: .select(JobState.choices), editable: .never),
                AdminField("args", label: "Arguments", kind: .json, editable: .never),
                AdminField("priority", label: "Priority", kind: .integer(-32768...32767), editable: .never),
                AdminField("attempt", label: "Attempt", kind: .integer(0...Int(Int32.max)), editable: .never),
                AdminField("max_attempts", label: "Maximum attempts", kind: .integer(1...Int(Int32.max)), editable: .never),
                AdminField("run_at", label: "Runs at", kind: .dateTime, editable: .never),
                AdminField("created_at", label: "Enqueued", kind: .dateTime, editable: .never),
                AdminField("attempted_at", label: "Last attempt started", kind: .dateTime, editable: .never),
                AdminField("finalized_at", label: "Finished", kind: .dateTime, editable: .never),
                AdminField("locked_by", label: "Worker", kind: .text(maxLength: 200), editable: .never),
                AdminField("lease_expires_at", label: "Lease expires", kind: .dateTime, editable: .never),
                AdminField("unique_key", label: "Unique key", kind: .text(maxLength: 500), editable: .never),
                AdminField("errors", label: "Errors", kind: .table(errorColumns), editable: .never),
            ]
        ),
        access: AdminAccess(
            permissions: [.admin: [.view, .change]]
        )
    )
}
