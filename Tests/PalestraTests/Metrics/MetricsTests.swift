import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

@Suite("Metrics")
struct MetricsTests {
    /// One sample line of the exposition: `name{labels} value`.
    struct Sample: Equatable {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    /// Parses the text format strictly enough to catch a malformed line: every family's HELP and TYPE
    /// come before its samples, and every other line is a sample with a number.
    static func parse(_ text: String) throws -> (samples: [Sample], types: [String: String]) {
        var samples: [Sample] = []
        var types: [String: String] = [:]
        var helped = Set<String>()
        #expect(text.hasSuffix("\n"))
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix("# HELP ") {
                let name = String(line.dropFirst(7).split(separator: " ")[0])
                #expect(helped.insert(name).inserted, "HELP twice for \(name)")
                continue
            }
            if line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst(7).split(separator: " ")
                #expect(parts.count == 2)
                #expect(helped.contains(String(parts[0])), "TYPE before HELP for \(parts[0])")
                types[String(parts[0])] = String(parts[1])
                continue
            }
            let match = try #require(
                line.wholeMatch(of: /([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/), "malformed line: \(line)"
            )
            var labels: [String: String] = [:]
            if let list = match.output.2 {
                for pair in list.matches(of: /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/) {
                    labels[String(pair.output.1)] = String(pair.output.2)
                }
            }
            let value = String(match.output.3)
            let number = try #require(value == "+Inf" ? Double.infinity : Double(value), "not a number: \(value)")
            let name = String(match.output.1)
            let family = ["_bucket", "_sum", "_count"].reduce(name) { $0.hasSuffix($1) && types[name] == nil ? String($0.dropLast($1.count)) : $0 }
            #expect(types[family] != nil, "sample \(name) before its TYPE")
            samples.append(Sample(name: name, labels: labels, value: number))
        }
        return (samples, types)
    }

    static func value(_ samples: [Sample], _ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    @Test("an administrator reads the queue in Prometheus' text format, and every figure matches the database")
    func exposition() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            try await TestJobs.insert(database, kind: "send_email", state: .available)
            try await TestJobs.insert(database, kind: "send_email", state: .available)
            try await TestJobs.insert(database, kind: "say \"hi\"\\", state: .scheduled, runAt: "now() + interval '1 hour'")
            try await TestJobs.insert(database, kind: "sync_schedule", state: .retryable, attempt: 2)
            try await database.run(
                """
                UPDATE jobs SET errors = jsonb_build_array(
                    jsonb_build_object('attempt', 1, 'at', now() - interval '30 minutes', 'error', 'too old to count'),
                    jsonb_build_object('attempt', 2, 'at', now() - interval '1 minute', 'error', 'counted'))
                WHERE kind = 'sync_schedule'
                """
            )
            // Completed in the window: 0.5 s and 3 s; one long ago, outside it; a discarded one with a recent failure.
            try await TestJobs.insert(database, state: .completed, attempt: 1, attemptedAt: "now() - interval '10.5 seconds'", finalizedAt: "now() - interval '10 seconds'")
            try await TestJobs.insert(database, state: .completed, attempt: 1, attemptedAt: "now() - interval '63 seconds'", finalizedAt: "now() - interval '60 seconds'")
            try await TestJobs.insert(database, state: .completed, attempt: 1, attemptedAt: "now() - interval '2 hours'", finalizedAt: "now() - interval '1 hour'")
            try await TestJobs.insert(
                database, kind: "send_email", state: .discarded, attempt: 1, maxAttempts: 1,
                errors: #"[{"attempt": 1, "at": "now", "error": "not a time: ignored"}]"#, attemptedAt: "now() - interval '5 seconds'"
            )
            try await database.run(
                "UPDATE jobs SET errors = errors || jsonb_build_array(jsonb_build_object('attempt', 1, 'at', now(), 'error', 'x')) WHERE state = 'discarded'"
            )
            try await TestJobs.insertWorker(database, id: "a", host: "a", pid: 1, silentSeconds: 1)
            try await TestJobs.insertWorker(database, id: "b", host: "b", pid: 2, silentSeconds: 10)
            try await TestJobs.insertWorker(database, id: "c", host: "c", pid: 3, silentSeconds: 120)

            let response = try await browser.get("/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let (samples, types) = try Self.parse(response.text)
            #expect(types == [
                "palestra_jobs": "gauge", "palestra_jobs_by_kind": "gauge", "palestra_job_duration_seconds": "histogram",
                "palestra_job_failures_total": "gauge", "palestra_job_workers_alive": "gauge",
            ])

            for state in JobState.allCases {
                let expected: Int = try await database.value("SELECT count(*)::int FROM jobs WHERE state = $1", [state.rawValue])
                #expect(Self.value(samples, "palestra_jobs", ["state": state.rawValue]) == Double(expected), "\(state)")
            }
            #expect(Self.value(samples, "palestra_jobs", ["state": "completed"]) == 3)
            #expect(Self.value(samples, "palestra_jobs", ["state": "cancelled"]) == 0)

            let byKind = samples.filter { $0.name == "palestra_jobs_by_kind" }
            #expect(byKind.count == 3)
            #expect(Self.value(samples, "palestra_jobs_by_kind", ["kind": "send_email", "state": "available"]) == 2)
            #expect(Self.value(samples, "palestra_jobs_by_kind", ["kind": "sync_schedule", "state": "retryable"]) == 1)
            // Quotes and backslashes in a label value are escaped.
            #expect(response.text.contains(#"palestra_jobs_by_kind{kind="say \"hi\"\\",state="scheduled"} 1"#))
            #expect(!byKind.contains { ["completed", "discarded", "cancelled"].contains($0.labels["state"]) })

            let buckets = samples.filter { $0.name == "palestra_job_duration_seconds_bucket" }
            #expect(buckets.map { $0.labels["le"] ?? "" } == JobMetrics.durationBounds.map(PrometheusText.number) + ["+Inf"])
            #expect(zip(buckets, buckets.dropFirst()).allSatisfy { $0.value <= $1.value }, "buckets are cumulative")
            #expect(Self.value(samples, "palestra_job_duration_seconds_bucket", ["le": "0.25"]) == 0)
            #expect(Self.value(samples, "palestra_job_duration_seconds_bucket", ["le": "0.5"]) == 1)
            #expect(Self.value(samples, "palestra_job_duration_seconds_bucket", ["le": "2.5"]) == 1)
            #expect(Self.value(samples, "palestra_job_duration_seconds_bucket", ["le": "5.0"]) == 2)
            #expect(Self.value(samples, "palestra_job_duration_seconds_bucket", ["le": "+Inf"]) == 2)
            #expect(Self.value(samples, "palestra_job_duration_seconds_count") == 2)
            let sum = try #require(Self.value(samples, "palestra_job_duration_seconds_sum"))
            #expect(abs(sum - 3.5) < 0.001)

            // One recent failure of the retryable job, one of the discarded job; the old and the malformed are not counted.
            #expect(Self.value(samples, "palestra_job_failures_total") == 2)
            #expect(Self.value(samples, "palestra_job_workers_alive") == 2)
        }
    }

    @Test("an empty queue still lists every state, an empty histogram and zero workers")
    func emptyQueue() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            let (samples, _) = try Self.parse(try await browser.get("/metrics").text)
            #expect(samples.filter { $0.name == "palestra_jobs" }.count == 7)
            #expect(!samples.contains { $0.name == "palestra_jobs_by_kind" })
            #expect(Self.value(samples, "palestra_job_duration_seconds_bucket", ["le": "+Inf"]) == 0)
            #expect(Self.value(samples, "palestra_job_duration_seconds_sum") == 0)
            #expect(Self.value(samples, "palestra_job_workers_alive") == 0)
        }
    }

    @Test("anyone but an administrator, from elsewhere than this machine, gets the 404 of an unknown address")
    func hidden() async throws {
        try await TestApp.test { client, database in
            try await TestUsers.create("coach@example.org", role: .coach, in: database)
            var anonymous = Browser(client)
            let unknown = try await anonymous.get("/no-such-page")
            let refused = try await anonymous.get("/metrics")
            #expect(refused.status == .notFound)
            #expect(!refused.text.contains("palestra_jobs"))
            #expect(refused.headers[.contentType] == unknown.headers[.contentType])
            // Other methods answer as they do at an unknown address (no 405 with `Allow: GET`).
            let postUnknown = try await anonymous.post("/no-such-page", [("a", "b")])
            let postMetrics = try await anonymous.post("/metrics", [("a", "b")])
            #expect(postMetrics.status == postUnknown.status)
            #expect(postMetrics.headers[.allow] == nil)

            var coach = Browser(client)
            try await coach.signIn("coach@example.org")
            let forCoach = try await coach.get("/metrics")
            #expect(forCoach.status == .notFound)
            #expect(!forCoach.text.contains("palestra_jobs"))
            let coachPost = try await coach.post("/metrics", [("a", "b")])
            #expect(coachPost.status == .notFound)
        }
    }

    @Test("behind a reverse proxy, the client's address decides: this machine reads the metrics, another does not")
    func proxiedAddresses() async throws {
        try await TestApp.test(configure: { $0.clientAddressHeader = "X-Forwarded-For" }) { client, _ in
            let local = try await client.execute(uri: "/metrics", method: .get, headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.9, 127.0.0.1"])
            #expect(local.status == .ok)
            #expect(String(buffer: local.body).contains("palestra_jobs{state=\"available\"} 0"))
            let remote = try await client.execute(uri: "/metrics", method: .get, headers: [HTTPField.Name("X-Forwarded-For")!: "127.0.0.1, 203.0.113.9"])
            #expect(remote.status == .notFound)
        }
    }

    @Test("a request over a real socket from 127.0.0.1, signed in or not, reads the metrics")
    func loopbackPeer() async throws {
        try await TestDatabase.with { database in
            var configuration = TestApp.configuration(database: database.configuration)
            configuration.port = 0
            let app = try await buildApplication(configuration: configuration, logger: TestDatabase.logger, migrate: false)
            try await app.test(.live) { client in
                let response = try await client.execute(uri: "/metrics", method: .get)
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("# TYPE palestra_jobs gauge"))
            }
        }
    }

    @Test("loopback addresses", arguments: [
        ("127.0.0.1", true), ("127.255.3.4", true), ("::1", true), ("::ffff:127.0.0.1", true), ("0:0:0:0:0:0:0:1", true),
        ("10.0.0.1", false), ("128.0.0.1", false), ("127.0.0", false), ("127.0.0.256", false), ("127.+1.0.1", false),
        ("unknown", false), ("", false), ("::ffff:10.0.0.1", false), ("fe80::1", false), ("1127.0.0.1", false),
    ])
    func loopback(address: String, expected: Bool) {
        #expect(MetricsController.isLoopback(address) == expected)
    }

    @Test("label values and help texts are escaped; numbers in the format's notation")
    func escaping() {
        var text = PrometheusText()
        text.family("m", .gauge, help: "a \\ b\nc")
        text.sample("m", labels: ["k": "q\"\\\nz"], 1.5)
        text.sample("m", 7)
        #expect(text.text == "# HELP m a \\\\ b\\nc\n# TYPE m gauge\nm{k=\"q\\\"\\\\\\nz\"} 1.5\nm 7\n")
        #expect(PrometheusText.number(.infinity) == "+Inf")
        #expect(PrometheusText.number(-.infinity) == "-Inf")
        #expect(PrometheusText.number(.nan) == "NaN")
        #expect(PrometheusText.number(0.005) == "0.005")
    }
}
