/// What the database says, with each session lookup, about how current a page rendered now will stay
/// (``AdminPageCache`` keeps a page while all three are as they were).
public struct DataVersion: Sendable, Equatable {
    /// The sum of `data_version`'s stripes: one more for every committed transaction that wrote a watched table
    /// (Migrations/0020_data_version.sql).
    let changes: Int
    /// The database clock's quarter hour (epoch seconds ÷ 900): a page computed with `now()` — "today" in any time
    /// zone, whose offsets are all whole quarter hours — is not kept past one, whatever this process's clock says.
    let quarterHour: Int
    /// When the database server started: after a restore or a fail-over `changes` could count the same numbers again.
    let serverStarted: Int

    /// Tables whose writes do not move the version: sessions and sign-in bookkeeping, written on requests that only read,
    /// and the job queue, written all the time by workers. The migration leaves exactly these (and its own two tables and
    /// `schema_migrations`) without the `data_changed` trigger; a test holds every other table to it.
    static let unwatchedTables: Set<String> = [
        "sessions", "login_attempts", "login_devices", "rate_limits", "jobs", "job_workers", "periodic_runs",
    ]

    /// Whether every committed write to `table` moves the version, so what was read from it while the version stands
    /// is what reading again would give.
    static func watches(_ table: String) -> Bool {
        !unwatchedTables.contains(table)
    }

    /// The columns the session's statement reads them as.
    static let columns = """
        (SELECT sum(version)::int8 FROM data_version) AS data_changes,
        floor(extract(epoch FROM now()) / 900)::int8 AS data_quarter_hour,
        extract(epoch FROM pg_postmaster_start_time())::int8 AS data_server_started
        """
}
