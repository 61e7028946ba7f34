import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

@Suite("Jobs dashboard")
struct JobsDashboardTests {
    static func state(of id: Int, in database: TestDatabase) async throws -> String {
        try await database.value("SELECT state FROM jobs WHERE id = $1", [id])
    }

    @Test("the change list filters by state, kind, queue and dates, and searches kinds and arguments")
    func listFilters() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            try await TestJobs.insert(database, kind: "send_email", args: #"{"to": "ann@example.org"}"#)
            try await TestJobs.insert(database, kind: "send_email", state: .completed, args: #"{"to": "bob@example.org"}"#, attempt: 1)
            try await TestJobs.insert(
                database, kind: "sync_schedule", state: .retryable, queue: "sync", attempt: 2,
                runAt: "now() + interval '3 days'", createdAt: "now() - interval '40 days'"
            )
            try await TestJobs.insert(database, kind: "generate_sessions", state: .discarded, attempt: 20)

            let all = try await browser.get("/admin/jobs/")
            #expect(all.status == .ok)
            #expect(all.text.contains("4 results"))
            #expect(all.text.contains("2 / 20"))
            #expect(all.text.contains(#"href="/admin/jobs-overview""#))
            // The kind filter lists the kinds present, found without reading every row.
            #expect(all.text.contains(#"href="/admin/jobs/?kind=sync_schedule""#))
            #expect(all.text.contains(#"href="/admin/jobs/?queue=sync""#))
            #expect(all.text.contains("Waiting to retry"))

            #expect(try await browser.get("/admin/jobs/?state=retryable").text.contains("1 result"))
            #expect(try await browser.get("/admin/jobs/?state=finished").text.contains("4 results"))
            let emails = try await browser.get("/admin/jobs/?kind=send_email")
            #expect(emails.text.contains("2 results"))
            #expect(!emails.text.contains("sync_schedule #"))
            #expect(try await browser.get("/admin/jobs/?kind=send_email&state=completed").text.contains("1 result"))
            #expect(try await browser.get("/admin/jobs/?queue=sync").text.contains("1 result"))
            #expect(try await browser.get("/admin/jobs/?created_at=past-7-days").text.contains("3 results"))
            let future = try await browser.get("/admin/jobs/?run_at_from=2099-01-01")
            #expect(future.text.contains("0 results"))
            let later = try await browser.get("/admin/jobs/?run_at_from=\(Self.localDate(daysFromNow: 2))")
            #expect(later.text.contains("1 result"))
            #expect(later.text.contains("sync_schedule #"))

            let searched = try await browser.get("/admin/jobs/?q=ann%40example")
            #expect(searched.text.contains("1 result"))
            #expect(searched.text.contains("send_email"))
            #expect(try await browser.get("/admin/jobs/?q=email").text.contains("2 results"))
            #expect(try await browser.get("/admin/jobs/?q=%25").text.contains("0 results"))
        }
    }

    @Test("a job's page shows its arguments as indented JSON and its failed attempts as a table; nothing on it is editable")
    func jobPage() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            let errors = """
                [{"attempt": 1, "at": "2026-03-01T09:00:00.123456+00:00", "error": "SMTP timeout"},
                 {"attempt": 2, "at": "2026-03-01T09:05:30+00:00", "error": "connection refused <b>"}]
                """
            let id = try await TestJobs.insert(
                database, kind: "send_email", state: .retryable, args: #"{"lesson_id": 42, "note": "<b>hi</b>"}"#, attempt: 2, errors: errors
            )
            let page = try await browser.get("/admin/jobs/\(id)/")
            #expect(page.status == .ok)
            #expect(page.text.contains("View job: send_email #\(id)"))
            #expect(page.text.contains("<pre class=\"field__code\""))
            // Indented by PostgreSQL (jsonb orders keys by length), every character escaped.
            #expect(page.text.contains("{\n    &quot;note&quot;: &quot;&lt;b&gt;hi&lt;/b&gt;&quot;,\n    &quot;lesson_id&quot;: 42\n}"))
            #expect(!page.text.contains("<b>hi"))
            // The errors: one row per attempt, times in the organisation's zone (Moscow), never raw JSON.
            #expect(page.text.contains("<th scope=\"col\">Attempt</th><th scope=\"col\">When</th><th scope=\"col\">Error</th>"))
            #expect(page.text.contains(#"<tr><td data-label="Attempt">1</td><td data-label="When">1 Mar 2026, 12:00</td><td data-label="Error">SMTP timeout</td></tr>"#))
            #expect(page.text.contains(#"<tr><td data-label="Attempt">2</td><td data-label="When">1 Mar 2026, 12:05</td><td data-label="Error">connection refused &lt;b&gt;</td></tr>"#))
            #expect(!page.text.contains("&quot;attempt&quot;"))
            #expect(page.text.contains("Waiting to retry"))
            // Read-only: no save buttons, and a posted change is refused.
            #expect(!page.text.contains(#"name="_save""#))
            #expect(!page.text.contains(#"name="kind" value"#))
            let posted = try await browser.post("/admin/jobs/\(id)/", [("kind", "hacked"), ("version", "0")])
            #expect(posted.status == .forbidden)
            #expect(try await database.value("SELECT kind FROM jobs WHERE id = $1", [id], as: String.self) == "send_email")
            // Not addable, not deletable.
            #expect(!page.text.contains("/delete"))
            #expect(try await browser.get("/admin/jobs/add").status == .forbidden)
            #expect(try await browser.get("/admin/jobs/\(id)/delete").status == .forbidden)
            #expect(try await browser.get("/admin/jobs/").text.contains(#"value="delete""#) == false)
            // A waiting job offers all three interventions.
            for label in ["Retry this job", "Cancel this job", "Discard this job"] {
                #expect(page.text.contains(label))
            }

            let empty = try await TestJobs.insert(database, kind: "sync_schedule", state: .completed, attempt: 1)
            let clean = try await browser.get("/admin/jobs/\(empty)/")
            #expect(clean.text.contains("<p class=\"field__readonly\">None</p>"))
            #expect(clean.text.contains("Retry this job"))
            #expect(!clean.text.contains("Cancel this job") && !clean.text.contains("Discard this job"))

            let running = try await TestJobs.insert(database, state: .running, attempt: 1, lockedBy: "host-1:77")
            let busy = try await browser.get("/admin/jobs/\(running)/")
            #expect(busy.text.contains("Discard this job"))
            #expect(!busy.text.contains("Retry this job") && !busy.text.contains("Cancel this job"))
            #expect(busy.text.contains("host-1:77"))
        }
    }

    @Test("retry puts every selected job that is not running back in the queue now, keeps its errors and allows one more attempt")
    func retry() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            let threeErrors = #"[{"attempt": 1, "at": "2026-03-01T09:00:00+00:00", "error": "a"}, {"attempt": 2, "at": "2026-03-01T09:01:00+00:00", "error": "b"}, {"attempt": 3, "at": "2026-03-01T09:02:00+00:00", "error": "c"}]"#
            let discarded = try await TestJobs.insert(database, state: .discarded, attempt: 3, maxAttempts: 3, errors: threeErrors)
            let cancelled = try await TestJobs.insert(database, state: .cancelled, runAt: "now() + interval '1 day'")
            let scheduled = try await TestJobs.insert(database, state: .scheduled, runAt: "now() + interval '1 day'")
            let running = try await TestJobs.insert(database, state: .running, attempt: 1, lockedBy: "w1")
            let untouched = try await TestJobs.insert(database, state: .completed, attempt: 1)
            // Retrying this one would make two waiting jobs with one unique key.
            try await TestJobs.insert(database, state: .available, uniqueKey: "digest-1")
            let duplicate = try await TestJobs.insert(database, state: .completed, attempt: 1, uniqueKey: "digest-1")

            _ = try await browser.get("/admin/jobs/?state=discarded")
            let done = try await browser.post("/admin/jobs/actions", [
                ("action", "retry"), ("selected", String(discarded)), ("selected", String(cancelled)),
                ("selected", String(scheduled)), ("selected", String(running)), ("selected", String(duplicate)),
                ("list_query", "state=discarded"), ("confirm", "yes"),
            ])
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/admin/jobs/?state=discarded")
            let list = try await browser.follow(done)
            #expect(list.text.contains("“Retry selected jobs”: 3 rows changed."))
            #expect(list.text.contains("“send_email #\(running)”: It is running: wait for it to end."))
            #expect(list.text.contains("“send_email #\(duplicate)”: Another job with the same unique key is waiting or running."))

            for id in [discarded, cancelled, scheduled] {
                #expect(try await Self.state(of: id, in: database) == "available")
                #expect(try await database.value("SELECT run_at <= now() AND finalized_at IS NULL FROM jobs WHERE id = $1", [id], as: Bool.self))
            }
            #expect(try await database.value("SELECT max_attempts FROM jobs WHERE id = $1", [discarded], as: Int.self) == 4)
            #expect(try await database.value("SELECT jsonb_array_length(errors) FROM jobs WHERE id = $1", [discarded], as: Int.self) == 3)
            #expect(try await database.value("SELECT max_attempts FROM jobs WHERE id = $1", [cancelled], as: Int.self) == 20)
            #expect(try await Self.state(of: running, in: database) == "running")
            #expect(try await Self.state(of: untouched, in: database) == "completed")
            #expect(try await Self.state(of: duplicate, in: database) == "completed")
            #expect(try await database.value(
                "SELECT count(*)::int FROM audit_records WHERE object_type = 'jobs' AND action = 'change'", as: Int.self
            ) == 3)
            #expect(try await database.value(
                """
                SELECT count(*)::int FROM audit_records, jsonb_array_elements(changes) AS change
                WHERE object_type = 'jobs' AND object_id = $1
                  AND change ->> 'field' = 'max_attempts' AND change ->> 'old' = '3' AND change ->> 'new' = '4'
                """,
                [String(discarded)], as: Int.self
            ) == 1)

            let history = try await browser.get("/admin/jobs/\(discarded)/history")
            #expect(history.text.contains("<td>State</td><td>Discarded</td><td>Available</td>"))
            #expect(history.text.contains("<td>Maximum attempts</td><td>3</td><td>4</td>"))
        }
    }

    @Test("cancel asks first, then cancels only waiting jobs; a running or finished job is left alone with the reason")
    func cancel() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            let available = try await TestJobs.insert(database, state: .available)
            let scheduled = try await TestJobs.insert(database, state: .scheduled, runAt: "now() + interval '1 hour'")
            let retryable = try await TestJobs.insert(database, state: .retryable, attempt: 1)
            let running = try await TestJobs.insert(database, state: .running, attempt: 1, lockedBy: "w1")
            let completed = try await TestJobs.insert(database, state: .completed, attempt: 1)
            let ids = [available, scheduled, retryable, running, completed]
            _ = try await browser.get("/admin/jobs/")
            let selection = ids.map { ("selected", String($0)) }

            let confirm = try await browser.post("/admin/jobs/actions", [("action", "cancel")] + selection)
            #expect(confirm.status == .ok)
            #expect(confirm.text.contains("Are you sure?"))
            #expect(confirm.text.contains("“Cancel selected jobs” will change these 3 rows:"))
            for id in [available, scheduled, retryable] { #expect(confirm.text.contains("<li>send_email #\(id)</li>")) }
            #expect(confirm.text.contains("“send_email #\(running)”: It is running and cannot be cancelled safely."))
            #expect(confirm.text.contains("“send_email #\(completed)”: It has already finished."))
            #expect(try await database.value("SELECT count(*)::int FROM jobs WHERE state = 'cancelled'", as: Int.self) == 0)

            let done = try await browser.post("/admin/jobs/actions", [("action", "cancel"), ("confirm", "yes")] + selection)
            #expect(done.status == .seeOther)
            #expect(try await browser.follow(done).text.contains("“Cancel selected jobs”: 3 rows changed."))
            for id in [available, scheduled, retryable] {
                #expect(try await Self.state(of: id, in: database) == "cancelled")
                #expect(try await database.value("SELECT finalized_at IS NOT NULL FROM jobs WHERE id = $1", [id], as: Bool.self))
            }
            #expect(try await Self.state(of: running, in: database) == "running")
            #expect(try await Self.state(of: completed, in: database) == "completed")
            #expect(try await database.value(
                "SELECT count(*)::int FROM audit_records WHERE object_type = 'jobs' AND changes::text LIKE '%cancelled%'", as: Int.self
            ) == 3)
        }
    }

    @Test("discard from a job's page: a confirmation that leads back to the page, then the job ends, even a running one")
    func discardFromJobPage() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            let running = try await TestJobs.insert(database, state: .running, attempt: 1, lockedBy: "w1")
            let other = try await TestJobs.insert(database, state: .available)
            let page = try await browser.get("/admin/jobs/\(running)/")
            #expect(page.text.contains(#"<input type="hidden" name="object_id" value="\#(running)">"#))
            let confirm = try await browser.post("/admin/jobs/actions", [
                ("action", "discard"), ("selected", String(running)), ("object_id", String(running)),
            ])
            #expect(confirm.status == .ok)
            #expect(confirm.text.contains("<li>send_email #\(running)</li>"))
            #expect(confirm.text.contains(#"href="/admin/jobs/\#(running)/" class="button button--secondary""#))
            #expect(try await Self.state(of: running, in: database) == "running")
            let done = try await browser.post("/admin/jobs/actions", [
                ("action", "discard"), ("selected", String(running)), ("object_id", String(running)), ("confirm", "yes"),
            ])
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/admin/jobs/\(running)/")
            let after = try await browser.follow(done)
            #expect(after.text.contains("“Discard selected jobs”: 1 row changed."))
            #expect(after.text.contains("Retry this job"))
            #expect(!after.text.contains("Discard this job"))
            #expect(try await Self.state(of: running, in: database) == "discarded")
            #expect(try await database.value(
                "SELECT finalized_at IS NOT NULL AND locked_by IS NULL FROM jobs WHERE id = $1", [running], as: Bool.self
            ))
            #expect(try await Self.state(of: other, in: database) == "available")
            #expect(try await database.value(
                "SELECT count(*)::int FROM audit_records WHERE object_type = 'jobs' AND object_id = $1", [String(running)], as: Int.self
            ) == 1)
            // Discarding it again changes nothing.
            let again = try await browser.post("/admin/jobs/actions", [
                ("action", "discard"), ("selected", String(running)), ("confirm", "yes"),
            ])
            #expect(try await browser.follow(again).text.contains("It has already finished."))
            #expect(try await database.value("SELECT count(*)::int FROM audit_records WHERE object_type = 'jobs'", as: Int.self) == 1)
        }
    }

    @Test("many administrators discarding one job at once: it ends once, with one audit record")
    func concurrentDiscards() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            let id = try await TestJobs.insert(database, state: .retryable, attempt: 1)
            _ = try await browser.get("/admin/jobs/")
            let signedIn = browser
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        var copy = signedIn
                        return try await copy.post("/admin/jobs/actions", [("action", "discard"), ("selected", String(id)), ("confirm", "yes")]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .seeOther })
            #expect(try await Self.state(of: id, in: database) == "discarded")
            #expect(try await database.value("SELECT count(*)::int FROM audit_records WHERE object_type = 'jobs'", as: Int.self) == 1)
        }
    }

    @Test("only administrators see the jobs, their pages, the overview, or may act on jobs")
    func permissions() async throws {
        try await TestApp.test { client, database in
            _ = try await TestUsers.everyRole(in: database)
            let id = try await TestJobs.insert(database, state: .available)
            for role in [Role.manager, .coach, .student] {
                var browser = Browser(client)
                try await browser.signIn("\(role.rawValue)@example.org")
                #expect(try await browser.get("/admin/jobs/").status == .forbidden)
                #expect(try await browser.get("/admin/jobs/\(id)/").status == .forbidden)
                #expect(try await browser.get("/admin/jobs-overview").status == .forbidden)
                let home = try await browser.get("/")
                #expect(!home.text.contains("/admin/jobs"))
                let action = try await browser.post("/admin/jobs/actions", [("action", "discard"), ("selected", String(id)), ("confirm", "yes")])
                #expect(action.status == .forbidden)
            }
            #expect(try await Self.state(of: id, in: database) == "available")
            var anonymous = Browser(client)
            #expect(try await anonymous.get("/admin/jobs-overview").status == .seeOther)
        }
    }

    @Test("the overview counts jobs by state and kind, shows periodic jobs' last and next run, and workers alive or stale")
    func overview() async throws {
        let moscow = try #require(TimeZone(identifier: "Europe/Moscow"))
        let periodic = [
            PeriodicJob(name: "daily-digest", schedule: .daily(hour: 0, minute: 5)) { _ in nil },
            PeriodicJob(name: "monthly-sessions", schedule: .monthly(day: 1, hour: 3, minute: 0)) { _ in nil },
            PeriodicJob(name: "hourly-check", schedule: .hourly(minute: 20)) { _ in nil },
        ]
        try await TestApp.test(periodicJobs: periodic) { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            try await TestJobs.insert(database, kind: "send_email", state: .available)
            try await TestJobs.insert(database, kind: "send_email", state: .available)
            try await TestJobs.insert(database, kind: "send_email", state: .discarded, attempt: 20)
            let digest = try await TestJobs.insert(database, kind: "daily_digest", state: .completed, attempt: 1)
            try await database.run(
                "INSERT INTO periodic_runs (name, fire_at, job_id) VALUES ('daily-digest', '2026-01-09 21:05:00+00', NULL), ('daily-digest', '2026-01-10 21:05:00+00', $1)",
                [digest]
            )
            try await TestJobs.insertWorker(database, id: "alpha:101", host: "alpha", pid: 101, silentSeconds: 3)
            try await TestJobs.insertWorker(database, id: "beta:202", host: "beta", pid: 202, silentSeconds: 300)

            let before = Date()
            let page = try await browser.get("/admin/jobs-overview")
            let after = Date()
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Job queue</h1>"))
            #expect(page.text.contains(#"<a href="/admin/jobs-overview" aria-current="page">Queue overview</a>"#))
            // Totals by state, every state shown, each linking to its filtered list.
            #expect(page.text.contains(#"<a href="/admin/jobs/?state=available"><span class="stat__figure">2</span> <span class="stat__label">Available</span></a>"#))
            #expect(page.text.contains(#"<span class="stat__figure">0</span> <span class="stat__label">Cancelled</span>"#))
            #expect(page.text.contains(#"<li class="stat stat--attention"><a href="/admin/jobs/?state=discarded">"#))
            // The kind × state table.
            #expect(page.text.contains(#"<th scope="row"><a href="/admin/jobs/?kind=send_email">send_email</a></th>"#))
            #expect(page.text.contains(#"<td data-label="Available"><a href="/admin/jobs/?kind=send_email&amp;state=available">2</a></td>"#))
            #expect(page.text.contains(#"<td data-label="Running" class="is-zero"><span class="muted">0</span></td>"#))
            #expect(page.text.contains(#"<td class="results__total" data-label="Total"><a href="/admin/jobs/?kind=send_email">3</a></td>"#))
            #expect(page.text.contains(#"<td class="results__total" data-label="Total"><a href="/admin/jobs/">4</a></td>"#))
            // Periodic jobs: the latest fire (00:05 in Moscow), its job, the next fire; one never fired.
            #expect(page.text.contains("Daily, 00:05"))
            #expect(page.text.contains("11 Jan 2026, 00:05"))
            #expect(page.text.contains(#"<a href="/admin/jobs/\#(digest)/">#\#(digest)</a> Completed"#))
            let format = LocalizedFormat(language: .en)
            let next = [before, after].compactMap { JobSchedule.daily(hour: 0, minute: 5).nextFire(after: $0, in: moscow) }
            #expect(next.contains { page.text.contains(#"<td data-label="Next run">\#(format.dateTime($0, in: moscow))</td>"#) })
            #expect(page.text.contains("Monthly: day 1, 03:00"))
            #expect(page.text.contains("Hourly, at :20"))
            #expect(page.text.contains(#"<td data-label="Last run">Never</td>"#))
            // Workers: the one that beat 3 s ago is alive, the one silent for 5 minutes is stale.
            #expect(page.text.contains("1 alive, 1 stale"))
            let alpha = try #require(page.text.firstRange(of: "<th scope=\"row\">alpha</th>"))
            let beta = try #require(page.text.firstRange(of: "<th scope=\"row\">beta</th>"))
            #expect(page.text[alpha.upperBound...].prefix(200).contains("badge--ok\">Alive"))
            #expect(page.text[beta.upperBound...].prefix(200).contains("badge--bad\">Stale"))
            #expect(page.text.contains("<tr class=\"is-stale\">"))
            #expect(page.text.contains("5 minutes ago"))
            #expect(page.text.contains("3 seconds ago") || page.text.contains("4 seconds ago"))
        }
    }

    @Test("an empty queue: the overview says so, in Russian too")
    func emptyOverview() async throws {
        try await TestApp.test { client, database in
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            try await database.run("UPDATE users SET language = 'ru'")
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            let page = try await browser.get("/admin/jobs-overview")
            #expect(page.status == .ok)
            #expect(page.text.contains("Задач пока нет."))
            #expect(page.text.contains("Периодических задач нет."))
            #expect(page.text.contains("Ни один обработчик ещё не отозвался."))
            #expect(page.text.contains("Ждёт повтора"))
        }
    }

    /// The organisation's date (Moscow) some days from now, as a date filter takes it.
    static func localDate(daysFromNow days: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Moscow")!
        let day = calendar.dateComponents([.year, .month, .day], from: Date().addingTimeInterval(Double(days) * 86_400))
        return String(format: "%04d-%02d-%02d", day.year!, day.month!, day.day!)
    }
}
