import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// `/api/v1/lessons/…` as a client meets it: the seed's endpoints, the pages' permissions, problem documents.
@Suite("Lessons: JSON API v1")
struct LessonsAPITests {
    static func call(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, token: String?, body: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = token.map(APITest.bearer) ?? [:]
        if body != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    static func url(_ id: Int, _ transition: LessonTransition? = nil) -> String {
        transition.map { LessonsAPIURL.transition(.value(id), $0).path } ?? LessonsAPIURL.lesson(.value(id)).path
    }

    @Test("create, list with filters and pages, read, start, complete; refusals as problem documents with their status and code")
    func lifecycle() async throws {
        try await TestApp.test { client, database in
            let fixture = try await LessonFixture.make(in: database)
            let teacher = try await APITest.token(for: fixture.teacher, in: database)
            let anna = try await APITest.token(for: fixture.students[0], in: database)
            let olga = try await APITest.token(for: fixture.outsider, in: database)
            let start = Date().addingTimeInterval(86400 * 2)
            let body = """
                {"title": "Physics", "starts_at": "\(LessonFixture.rfc3339(start))", "ends_at": "\(LessonFixture.rfc3339(start.addingTimeInterval(3600)))",
                 "room": \(fixture.room), "students": [\(fixture.students[0])]}
                """
            let created = try await Self.call(client, .post, LessonsAPIURL.lessons.path, token: teacher, body: body)
            #expect(created.status == .created)
            let lesson = try APITest.json(created)
            let id = try #require(lesson["id"] as? Int)
            #expect(created.headers[.location] == Self.url(id) && lesson["status"] as? String == "scheduled")
            #expect((lesson["starts_at"] as? String)?.hasSuffix("+03:00") == true)
            #expect(try await fixture.notifications(id) == ["lesson.created \(fixture.students[0])"])
            // The same again: a double booking, 409 naming the lesson; nothing written.
            let clash = try await Self.call(client, .post, LessonsAPIURL.lessons.path, token: teacher, body: body)
            #expect(try clash.status == .conflict && (APITest.problem(clash)["detail"] as? String)?.contains("Physics") == true)
            // Bad input: malformed JSON, wrong types, invalid fields.
            let malformed = try await Self.call(client, .post, LessonsAPIURL.lessons.path, token: teacher, body: "{\"title\": ")
            #expect(malformed.status == .badRequest)
            #expect(try APITest.problem(malformed)["code"] as? String == "malformed_json")
            let wrongType = try await Self.call(client, .post, LessonsAPIURL.lessons.path, token: teacher, body: #"{"title": 5}"#)
            #expect(wrongType.status == .unprocessableContent)
            let invalid = try await Self.call(client, .post, LessonsAPIURL.lessons.path, token: teacher, body: #"{"title": "", "starts_at": "soon", "ends_at": "2026-01-01T10:00:00+03:00"}"#)
            let errors = try APITest.problem(invalid)["errors"] as? [String: String]
            #expect(invalid.status == .unprocessableContent && errors?["title"] == "Enter a title." && errors?["starts_at"] != nil)
            let nul = try await Self.call(client, .patch, Self.url(id), token: teacher, body: #"{"description": "a\u0000b", "version": 1}"#)
            #expect(try nul.status == .unprocessableContent
                && (APITest.problem(nul)["errors"] as? [String: String])?["description"] == "The description cannot contain a NUL character.")
            let nulReason = try await Self.call(client, .post, Self.url(id, .cancel), token: teacher, body: #"{"reason": "Snow\u0000"}"#)
            #expect(try nulReason.status == .unprocessableContent
                && (APITest.problem(nulReason)["errors"] as? [String: String])?["reason"] == "must not contain a NUL character")
            #expect(try await Self.call(client, .post, LessonsAPIURL.lessons.path, token: anna, body: body).status == .forbidden)
            #expect(try await Self.call(client, .post, LessonsAPIURL.lessons.path, token: nil, body: body).status == .unauthorized)
            #expect(try await fixture.count("SELECT count(*)::int FROM lessons") == 2)

            // The list: DRF's shape, filters, page size bounds.
            let list = try APITest.json(try await Self.call(client, .get, LessonsAPIURL.lessons.path + "?page_size=1", token: teacher))
            #expect(list["count"] as? Int == 2 && (list["results"] as? [Any])?.count == 1 && list["previous"] is NSNull)
            #expect((list["next"] as? String) == LessonsAPIURL.lessons.path + "?page_size=1&page=2")
            let filtered = try APITest.json(try await Self.call(client, .get, LessonsAPIURL.lessons.path + "?status=scheduled&room=\(fixture.room)&date_from=\(LessonFixture.local(start).prefix(10))", token: teacher))
            #expect(filtered["count"] as? Int == 1)
            for bad in ["page_size=101", "page=0", "status=done", "date_from=yesterday", "teacher=x"] {
                #expect(try await Self.call(client, .get, LessonsAPIURL.lessons.path + "?" + bad, token: teacher).status == .unprocessableContent, "\(bad)")
            }
            #expect(try APITest.json(try await Self.call(client, .get, LessonsAPIURL.lessons.path, token: olga))["count"] as? Int == 0)
            #expect(try await Self.call(client, .get, Self.url(id), token: olga).status == .notFound)
            #expect(try await Self.call(client, .get, Self.url(id), token: anna).status == .ok)

            // Transitions: a student 403, the outsider 404, too early 409, cancel without a reason 422.
            #expect(try await Self.call(client, .post, Self.url(id, .start), token: anna).status == .forbidden)
            #expect(try await Self.call(client, .post, Self.url(id, .cancel), token: anna, body: "{}").status == .forbidden,
                    "a student's cancel is refused for who they are before the missing reason")
            #expect(try await Self.call(client, .post, Self.url(id, .start), token: olga).status == .notFound)
            // Someone else's lesson is 404 on every endpoint, whatever the body.
            for (method, path, body) in [(HTTPRequest.Method.patch, Self.url(id), #"{"title": "Mine", "version": 1}"#),
                                         (.post, Self.url(id, .complete), "{}"), (.post, Self.url(id, .cancel), #"{"reason": "x"}"#),
                                         (.get, Self.url(id + 1000), nil), (.get, LessonsAPIURL.lessons.path + "0/", nil)] {
                let response = try await Self.call(client, method, path, token: olga, body: body)
                #expect(response.status == .notFound, "\(method) \(path)")
            }
            #expect(try await fixture.count("SELECT count(*)::int FROM lessons WHERE title = 'Mine'") == 0)
            let early = try await Self.call(client, .post, Self.url(id, .start), token: teacher)
            #expect(early.status == .conflict)
            #expect(try APITest.problem(early)["code"] as? String == "conflict")
            let noReason = try await Self.call(client, .post, Self.url(id, .cancel), token: teacher, body: "{}")
            #expect(try noReason.status == .unprocessableContent && (APITest.problem(noReason)["errors"] as? [String: String])?["reason"] != nil)
            let started = try await Self.call(client, .post, Self.url(fixture.lesson, .start), token: teacher)
            #expect(started.status == .ok)
            #expect(try APITest.json(started)["status"] as? String == "in_progress")
            // The answer is the lesson as the transition left it (read before the commit): what a read gives afterwards.
            let afterwards = try await Self.call(client, .get, Self.url(fixture.lesson), token: teacher)
            #expect(String(buffer: started.body) == String(buffer: afterwards.body))
            #expect(try (APITest.json(started)["students"] as? [Any])?.count == fixture.students.count)
            #expect(try await Self.call(client, .post, Self.url(fixture.lesson, .start), token: teacher).status == .conflict)
            let stale = try await Self.call(client, .post, Self.url(fixture.lesson, .complete), token: teacher, body: #"{"version": 1}"#)
            #expect(stale.status == .conflict)
            #expect(try await Self.call(client, .post, Self.url(fixture.lesson, .complete), token: teacher, body: #"{"version": 2}"#).status == .ok)
            #expect(try await fixture.state() == "completed v3")

            // PATCH: the version is required; a stale one is 409; a good one moves the lesson.
            #expect(try await Self.call(client, .patch, Self.url(id), token: teacher, body: #"{"title": "X"}"#).status == .unprocessableContent)
            #expect(try await Self.call(client, .patch, Self.url(id), token: teacher, body: #"{"title": "X", "version": 7}"#).status == .conflict)
            let patched = try await Self.call(client, .patch, Self.url(id), token: teacher, body: #"{"title": "Physics II", "room": null, "version": 1}"#)
            #expect(patched.status == .ok)
            #expect(try APITest.json(patched)["room"] is NSNull)
            #expect(try await Self.call(client, .patch, Self.url(id), token: anna, body: #"{"title": "Mine", "version": 2}"#).status == .forbidden)
        }
    }

    @Test("the list's count and page agree with the lessons for every role and filter, through plans, transitions, a teacher changed and deletes")
    func countsAndPages() async throws {
        try await TestApp.test { client, database in
            let fixture = try await LessonFixture.make(in: database)
            let start = Date().addingTimeInterval(86400 * 3)
            var planned: [Int] = []
            for index in 0..<6 {
                planned.append(try await fixture.plan(
                    "Lesson \(index)", at: start.addingTimeInterval(TimeInterval(index * 7200)), room: index.isMultiple(of: 2) ? fixture.room : nil,
                    students: index.isMultiple(of: 3) ? fixture.students : [fixture.students[1]], teacher: index < 4 ? fixture.teacher : fixture.otherCoach
                ))
            }
            let teacher = try await APITest.token(for: fixture.teacher, in: database)
            #expect(try await Self.call(client, .post, Self.url(fixture.lesson, .start), token: teacher).status == .ok)
            #expect(try await Self.call(client, .post, Self.url(planned[0], .cancel), token: teacher, body: #"{"reason": "Ill"}"#).status == .ok)
            try await database.run("UPDATE lessons SET teacher_id = $1 WHERE id = $2", [fixture.otherCoach, planned[1]])
            try await database.run("DELETE FROM lessons WHERE id = $1", [planned[5]])

            let day = String(LessonFixture.local(start).prefix(10))
            let queries: [(String, status: String?, teacher: Int?, room: Int?)] = [
                ("", nil, nil, nil), ("status=scheduled", "scheduled", nil, nil), ("status=cancelled", "cancelled", nil, nil),
                ("status=in_progress", "in_progress", nil, nil), ("teacher=\(fixture.teacher)", nil, fixture.teacher, nil),
                ("teacher=\(fixture.otherCoach)&status=scheduled", "scheduled", fixture.otherCoach, nil), ("room=\(fixture.room)", nil, nil, fixture.room),
                ("status=scheduled&date_from=\(day)&date_to=\(day)", "scheduled", nil, nil),
            ]
            for person in [fixture.admin, fixture.manager, fixture.teacher, fixture.otherCoach, fixture.students[0], fixture.students[1], fixture.outsider] {
                let token = try await APITest.token(for: person, in: database)
                let role: String = try await database.value("SELECT role FROM users WHERE id = $1", [person])
                for (query, status, teacherID, room) in queries {
                    // The oracle: the reach's generic rule and every filter, counted and listed directly.
                    let dated = query.contains("date_from")
                    let condition = "WHERE \(LessonAccess.condition(lesson: "l", user: "$1", role: "$2")) AND ($3::text IS NULL OR l.status = $3) "
                        + "AND ($4::bigint IS NULL OR l.teacher_id = $4) AND ($5::bigint IS NULL OR l.room_id = $5) "
                        + "AND (NOT $6 OR (l.starts_at AT TIME ZONE 'Europe/Moscow')::date = $7::date)"
                    let parameters: [(any PostgresEncodable)?] = [person, role, status, teacherID, room, dated, day]
                    let expected: Int = try await database.value("SELECT count(*)::int FROM lessons l " + condition, parameters)
                    let ids: String = try await database.value(
                        "SELECT coalesce(string_agg(id::text, ',' ORDER BY starts_at, id), '') FROM (SELECT l.id, l.starts_at FROM lessons l \(condition) ORDER BY l.starts_at, l.id LIMIT 3) AS page",
                        parameters
                    )
                    let list = try APITest.json(try await Self.call(client, .get, LessonsAPIURL.lessons.path + "?page_size=3&" + query, token: token))
                    let listed = (list["results"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }.map(String.init).joined(separator: ",")
                    #expect(list["count"] as? Int == expected && listed == ids, "\(role) \(person) ?\(query)")
                }
            }
            let drift: Int = try await database.value(
                """
                SELECT count(*)::int FROM (SELECT teacher_id, status, count(*) AS n FROM lessons GROUP BY 1, 2) AS real
                FULL JOIN (SELECT teacher_id, status, n FROM lesson_tallies WHERE n <> 0) AS tally USING (teacher_id, status)
                WHERE real.n IS DISTINCT FROM tally.n
                """
            )
            #expect(drift == 0)
        }
    }

    @Test("a lesson and a page written by hand are the JSON the encoder writes, hostile text included")
    func handWrittenJSON() throws {
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        let hostile = "Quote \" backslash \\ slash / tab \t newline \n bell \u{07} nul \u{00} del \u{7F} ё 🎻 \u{2028} </script>"
        let lesson = Lesson(
            id: 7, title: hostile, description: "**Bold**\r\n" + hostile, teacher: .init(id: 3, name: "Tess \"T\""), roomID: 4, roomName: hostile,
            startsAt: now, endsAt: now.addingTimeInterval(3600), status: .cancelled, startedAt: nil, completedAt: nil,
            cancelledAt: now, cancelledByName: "Ada", cancelReason: hostile, version: 3, createdAt: now, updatedAt: now,
            students: [.init(id: 9, name: hostile), .init(id: 10, name: "Борис")]
        )
        let one = LessonJSON(lesson, timeZone: LessonFixture.zone)
        let page = LessonPageJSON(count: 2, next: "/api/v1/lessons/?page=2&status=\"x\"", previous: nil, results: [one, LessonJSON(lesson, timeZone: .gmt)])
        func parsed(_ data: Data) throws -> NSDictionary { try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary) }
        func written(_ value: some JSONWritable) -> String {
            var json = JSONWriter(capacity: 16)
            value.write(to: &json)
            return String(buffer: json.buffer)
        }
        for value in [one as any JSONWritable, page] {
            #expect(try parsed(Data(written(value).utf8)) == (try parsed(try JSONEncoder().encode(value))))
        }
        let text = written(one)
        #expect(text.hasPrefix(#"{"id":7,"title":"Quote \" backslash \\ slash / tab \t newline \n bell \u0007 nul \u0000 del"#))
    }

    @Test("the schema's pattern for a reason accepts what the server keeps and refuses what it refuses (NUL, a blank reason)")
    func textPatterns() throws {
        func matches(_ pattern: String, _ text: String) throws -> Bool {
            let expression = try NSRegularExpression(pattern: pattern)
            return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
        for reason in ["Snow", " Snow\nday ", "Снег", "\u{0}", "Snow\u{0}", "   ", "\n\t", "\u{85}", "\u{A0}\u{3000}", ""] {
            let kept = !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && !reason.contains("\u{0}")
            #expect(try matches(LessonsOpenAPI.reasonPattern, reason) == kept, "\(reason.unicodeScalars.map(\.value))")
        }
    }

    @Test("numbers are written as Swift writes them, from zero to both ends of Int")
    func numbers() {
        let values = [0, 7, -7, 9, 10, 99, 100, -100, 1_234_567_890, Int.max, Int.min, Int.max - 1, Int.min + 1]
        for value in values {
            var json = JSONWriter(capacity: 1)
            json.number(value)
            #expect(String(buffer: json.buffer) == String(value))
        }
    }

    @Test("lessons and students are read by position: each statement's columns are the names the decoders read, and a lesson read by position is the lesson read by name")
    func decodedPositions() async throws {
        try await TestApp.test { _, database in
            let names = try await database.withClient { client in
                [
                    try await client.query(LessonStore.columns + "\nWHERE false").columnNames,
                    try await client.query(LessonStore.studentsSQL(of: "ANY($1)"), [[Int]()]).columnNames,
                    try await client.query(LessonStore.studentsOfOne, [0]).columnNames,
                    try await client.query(LessonStore.pageColumns + "\nWHERE false").columnNames,
                ]
            }
            #expect(names == [
                LessonStore.decodedColumns, ["lesson_id", "id", "display_name"], ["id", "display_name"], LessonStore.decodedColumns + ["roster"],
            ])

            // Every column distinct, read by position and by name: the same lesson.
            let fixture = try await LessonFixture.make(in: database)
            try await database.run(
                """
                UPDATE lessons SET description = 'Notes', status = 'cancelled', cancel_reason = 'Snow', cancelled_by = $2,
                       started_at = starts_at - interval '1 minute', completed_at = starts_at - interval '2 minutes',
                       cancelled_at = starts_at - interval '3 minutes', created_at = starts_at - interval '4 minutes',
                       updated_at = starts_at - interval '5 minutes', version = 7
                WHERE id = $1
                """,
                [fixture.lesson, fixture.admin]
            )
            let (byPosition, byName) = try await database.withClient { client in
                let row = try await client.query(LessonStore.columns + "\nWHERE l.id = $1", [fixture.lesson])[0]
                return (try LessonStore.decode(row), Lesson(
                    id: try row.decode("id"), title: try row.decode("title"), description: try row.decode("description"),
                    teacher: .init(id: try row.decode("teacher_id"), name: try row.decode("teacher_name")),
                    roomID: try row.decode("room_id"), roomName: try row.decode("room_name"),
                    startsAt: try row.decode("starts_at"), endsAt: try row.decode("ends_at"),
                    status: LessonStatus(rawValue: try row.decode("status")) ?? .scheduled,
                    startedAt: try row.decode("started_at"), completedAt: try row.decode("completed_at"),
                    cancelledAt: try row.decode("cancelled_at"), cancelledByName: try row.decode("cancelled_by_name"),
                    cancelReason: try row.decode("cancel_reason"), version: try row.decode("version"),
                    createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"), students: []
                ))
            }
            #expect(byPosition == byName)
            #expect(byPosition.status == .cancelled && byPosition.cancelledByName == "Ada Admin" && byPosition.version == 7)
        }
    }

    @Test("times are RFC 3339 with the zone's offset of that instant, as Foundation's ISO 8601 formatter writes them")
    func rfc3339Times() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        for zone in ["Europe/Moscow", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "UTC"] {
            let timeZone = try #require(TimeZone(identifier: zone))
            formatter.timeZone = timeZone
            // A winter and a summer instant, a year's first second and one before 1970.
            for seconds in [1_796_000_000, 1_781_000_000, 1_798_761_600, -86_399] as [TimeInterval] {
                let date = Date(timeIntervalSince1970: seconds)
                let expected = formatter.string(from: date).replacingOccurrences(of: "Z", with: "+00:00")
                #expect(LessonJSON.rfc3339(date, timeZone) == expected, "\(zone) \(seconds)")
            }
        }
    }

    @Test("every API route is in the OpenAPI document, and every documented operation answers a status it declares")
    func documentMatchesRoutes() async throws {
        try await TestApp.test { client, database in
            let fixture = try await LessonFixture.make(in: database)
            let admin = try await APITest.token(for: fixture.admin, in: database)
            let served = try await client.execute(uri: LessonsAPIURL.openAPI.path, method: .get)
            #expect(served.status == .ok && served.text == LessonsOpenAPI.text)
            let document = LessonsOpenAPI.document
            #expect(document["openapi"]?.string == "3.1.0")
            var documented: Set<String> = []
            for (path, item) in document["paths"]?.pairs ?? [] {
                for (method, operation) in item.pairs {
                    documented.insert(method.uppercased() + " " + path)
                    let concrete = path.replacingOccurrences(of: "{id}", with: String(fixture.lesson))
                    let body: String? = method == "get" ? nil : (path.hasSuffix("/cancel/") ? #"{"reason": "Rain"}"# : "{}")
                    let response = try await Self.call(client, HTTPRequest.Method(method.uppercased())!, concrete, token: admin, body: body)
                    let declared = Set(operation["responses"]?.pairs.map(\.0) ?? [])
                    #expect(declared.contains(String(response.status.code)), "\(method) \(path) answered \(response.status.code)")
                    #expect(response.status.code < 500)
                }
            }
            // Every API route is documented: each documented path answers 405 to an undocumented method, with `Allow`
            // naming exactly its documented methods (the route table, which every registration fills).
            for (path, item) in document["paths"]?.pairs ?? [] {
                let concrete = path.replacingOccurrences(of: "{id}", with: String(fixture.lesson))
                let response = try await Self.call(client, .put, concrete, token: admin, body: "{}")
                #expect(response.status == .methodNotAllowed, "\(path)")
                var methods = Set(item.pairs.map { $0.0.uppercased() })
                if methods.contains("GET") { methods.insert("HEAD") }
                let allowed = Set((response.headers[.allow] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                #expect(allowed == methods, "\(path): \(allowed)")
            }
            let apiRoutes = [LessonsAPIURL.lessons, .lesson(.key)].map(LessonsOpenAPI.path) + LessonTransition.allCases.map { LessonsOpenAPI.path(LessonsAPIURL.transition(.key, $0)) }
            #expect(Set(document["paths"]?.pairs.map(\.0) ?? []) == Set(apiRoutes + [LessonsOpenAPI.path(APIURL.me)]))
            #expect(documented.count == 8)
            let docs = try await client.execute(uri: LessonsAPIURL.docs.path, method: .get)
            #expect(docs.status == .ok && docs.text.contains("POST /api/v1/lessons/{id}/cancel/") && docs.text.contains("Problem"))
        }
    }
}
