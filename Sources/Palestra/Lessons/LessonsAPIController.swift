import Foundation
import Hummingbird
import Postgres

/// `/api/v1/lessons/…`: the seed's endpoints, with the pages' permissions (``LessonAccess``: anyone
/// else's lesson is 404) and the same lifecycle (``LessonLifecycle``), so the API and the pages cannot
/// differ. Errors are problem documents: 403 for a user who sees the lesson but may not change it, 409
/// for an illegal transition, a double booking or a stale version, 422 per field.
struct LessonsAPIController: Sendable {
    let lifecycle: LessonLifecycle
    var database: PostgresClient { lifecycle.database }
    var timeZone: TimeZone { lifecycle.timeZone }
    static let pageSizes = 1...100

    func addRoutes(to api: Routes<APIRequestContext>) {
        api.get(LessonsAPIURL.lessons, use: list)
        api.post(LessonsAPIURL.lessons, use: create)
        api.get(LessonsAPIURL.lesson(.key), use: show)
        api.on(.patch, LessonsAPIURL.lesson(.key), use: edit)
        for transition in LessonTransition.allCases {
            api.post(LessonsAPIURL.transition(.key, transition)) { request, context in
                try await apply(transition, request: request, context: context)
            }
        }
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        let query = request.queryData
        var errors: [String: String] = [:]
        func integer(_ name: String, in range: ClosedRange<Int>) -> Int? {
            guard let text = query.value(name) else { return nil }
            guard let value = Int(text), range.contains(value) else { errors[name] = "must be a whole number from \(range.lowerBound) to \(range.upperBound)"; return nil }
            return value
        }
        let page = integer("page", in: 1...1_000_000) ?? 1
        let size = integer("page_size", in: Self.pageSizes) ?? 20
        var filter = LessonFilter(teacher: integer("teacher", in: 1...Int(Int64.max)), room: integer("room", in: 1...Int(Int64.max)))
        if let status = query.value("status") {
            filter.status = LessonStatus(rawValue: status)
            if filter.status == nil { errors["status"] = "must be one of " + LessonStatus.allCases.map(\.rawValue).joined(separator: ", ") }
        }
        for (name, isEnd) in [("date_from", false), ("date_to", true)] {
            guard let text = query.value(name) else { continue }
            guard let date = CalendarDate(text), let midnight = Self.midnight(isEnd ? date.adding(days: 1) ?? date : date, timeZone) else {
                errors[name] = "must be a date such as 2026-12-07"
                continue
            }
            if isEnd { filter.to = midnight } else { filter.from = midnight }
        }
        guard errors.isEmpty else { throw APIProblem(.invalid, detail: "A query parameter is invalid.", fieldErrors: errors) }
        let (count, lessons) = try await LessonStore.page(
            access: LessonAccess(user: context.user), filter: filter, limit: size, offset: (page - 1) * size, on: database
        )
        func link(_ page: Int) -> String {
            var items = query.fields.filter { $0.name != "page" }.map { ($0.name, Optional($0.value)) }
            items.append(("page", String(page)))
            return LessonsAPIURL.lessons.path + queryString(items)
        }
        let body = LessonPageJSON(
            count: count, next: page * size < count ? link(page + 1) : nil, previous: page > 1 ? link(page - 1) : nil,
            results: lessons.map { LessonJSON($0.lesson, timeZone: timeZone, roster: $0.roster) }
        )
        return try Self.json(body, capacity: 512 + 1024 * lessons.count)
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        try Self.json(LessonJSON(try await seenLesson(context), timeZone: timeZone))
    }

    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        guard LessonAccess(user: context.user).mayPlan else { throw APIProblem(.forbidden, detail: "Only coaches and administrators plan lessons.") }
        let body = try await request.decodeJSON(as: LessonBodyJSON.self, context: context)
        var draft = body.draft(over: LessonDraft())
        if draft.teacherID.isEmpty { draft.teacherID = String(context.user.id) }
        if context.user.role == .coach, let teacher = body.teacher, teacher != context.user.id {
            throw APIProblem(.invalid, detail: "A coach plans their own lessons.", fieldErrors: ["teacher": "must be your own id"])
        }
        return try await answer(try await lifecycle.create(draft, by: context.user), status: .created, context: context)
    }

    @Sendable func edit(_ request: Request, context: APIRequestContext) async throws -> Response {
        let lesson = try await seenLesson(context)
        guard LessonAccess(user: context.user).mayConduct(lesson) else { throw APIProblem(.forbidden, detail: "Only the lesson's teacher or an administrator changes it.") }
        let body = try await request.decodeJSON(as: LessonBodyJSON.self, context: context)
        guard let version = body.version else { throw APIProblem(.invalid, detail: "The version is required.", fieldErrors: ["version": "is required"]) }
        if let teacher = body.teacher, teacher != lesson.teacher.id {
            throw APIProblem(.invalid, detail: "A lesson's teacher does not change.", fieldErrors: ["teacher": "cannot change"])
        }
        if lesson.status == .inProgress, body.title != nil || body.room != nil || body.startsAt != nil || body.endsAt != nil || body.students != nil {
            throw APIProblem(.conflict, detail: "The lesson is in progress: only its description can change.")
        }
        let draft = body.draft(over: .of(lesson, timeZone: timeZone))
        return try await answer(try await lifecycle.edit(lesson, with: draft, version: version, by: context.user), status: .ok, context: context)
    }

    /// The transition is tried at once (its one `UPDATE` checks who may); the lesson is read first only to say
    /// why nothing changed (404 unseen, 403 not theirs, 409 or 422).
    private func apply(_ transition: LessonTransition, request: Request, context: APIRequestContext) async throws -> Response {
        guard let id = Self.lessonID(context) else { throw APIProblem(.notFound, detail: "There is no such lesson.") }
        let hasBody = request.headers[.contentLength].map { $0 != "0" } ?? (request.headers[.transferEncoding] != nil)
        let body = hasBody ? try await request.decodeJSON(as: LessonTransitionBodyJSON.self, context: context) : LessonTransitionBodyJSON()
        guard let outcome = try await lifecycle.apply(
            transition, to: id, version: body.version, reason: body.reason, by: context.user, reading: true
        ) else {
            throw APIProblem(.notFound, detail: "There is no such lesson.")
        }
        switch outcome {
        case .done(let lesson):
            guard let lesson else { throw APIProblem(.notFound, detail: "There is no such lesson.") }
            return try Self.json(LessonJSON(lesson, timeZone: timeZone))
        case .refused(.reasonMissing):
            throw APIProblem(.invalid, detail: "A cancellation needs a reason.", fieldErrors: ["reason": "is required (1 to 500 characters)"])
        case .refused(.reasonInvalid):
            throw APIProblem(.invalid, detail: "The reason contains a NUL character.", fieldErrors: ["reason": "must not contain a NUL character"])
        case .refused(.reasonTooLong):
            throw APIProblem(.invalid, detail: "The reason is too long.", fieldErrors: ["reason": "must be at most 500 characters"])
        case .refused(.notYours):
            throw APIProblem(.forbidden, detail: "Only the lesson's teacher or an administrator can do that.")
        case .refused(let refusal):
            throw APIProblem(.conflict, detail: refusal.message)
        }
    }

    private func answer(_ outcome: LessonSaveOutcome, status: HTTPResponse.Status, context: APIRequestContext) async throws -> Response {
        switch outcome {
        case .saved(let id):
            guard let lesson = try await LessonStore.lesson(id: id, access: LessonAccess(user: context.user), on: database) else {
                throw APIProblem(.notFound, detail: "There is no such lesson.")
            }
            var response = try Self.json(LessonJSON(lesson, timeZone: timeZone), status: status)
            if status == .created { response.headers[.location] = LessonsAPIURL.lesson(.value(id)).path }
            return response
        case .invalid(let errors):
            throw APIProblem(.invalid, detail: "Some fields are invalid.", fieldErrors: Dictionary(uniqueKeysWithValues: errors.map { ($0.key, $0.value) }))
        case .conflict(let conflict):
            throw APIProblem(.conflict, detail: conflict.message(Self.english, timeZone: timeZone) + " " + LessonsAPIURL.lesson(.value(conflict.id)).path)
        case .stale:
            throw APIProblem(.conflict, detail: "Someone changed the lesson meanwhile: read it again and send its current version.")
        case .readOnly:
            throw APIProblem(.conflict, detail: "A completed or cancelled lesson can no longer be changed.")
        }
    }

    /// Midnight at the start of `date` on the organisation's clock (any year PostgreSQL takes).
    static func midnight(_ date: CalendarDate, _ timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))
    }

    /// The lesson of the path within the user's reach: 404 outside it.
    private func seenLesson(_ context: APIRequestContext) async throws -> Lesson {
        guard let id = Self.lessonID(context),
              let lesson = try await LessonStore.lesson(id: id, access: LessonAccess(user: context.user), on: database)
        else { throw APIProblem(.notFound, detail: "There is no such lesson.") }
        return lesson
    }

    /// The path's lesson id, when it is one.
    private static func lessonID(_ context: APIRequestContext) -> Int? {
        context.parameters.get("id").flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
    }

    /// The English source strings, for problem details.
    private static let english = Localizer(language: .en, messages: [:], plurals: [:])

    /// A lesson or a page of them, written by hand (``JSONWritable``).
    static func json(_ value: some JSONWritable, status: HTTPResponse.Status = .ok, capacity: Int = 1024) throws -> Response {
        var json = JSONWriter(capacity: capacity)
        value.write(to: &json)
        return Response(
            status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: .init(byteBuffer: json.buffer)
        )
    }
}
