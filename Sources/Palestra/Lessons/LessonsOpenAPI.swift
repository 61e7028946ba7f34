/// The OpenAPI 3.1 document of the JSON API, built from the same Swift declarations the routes and the
/// validation use (the paths of ``LessonsAPIURL`` and ``APIURL``, ``LessonStatus``, ``LessonTransition``,
/// the limits of ``LessonDraft``, ``APIProblemCode``): served at `/api/v1/openapi.json` and rendered at
/// `/api/docs`. `LessonsAPIDocumentTests` checks that every API route is in it and every documented
/// operation answers only the statuses it declares.
enum LessonsOpenAPI {
    /// `{id}` where a route has `:id`.
    static func path(_ route: some SiteRoute) -> String {
        route.path.replacingOccurrences(of: ":id", with: "{id}")
    }

    static func ref(_ name: String) -> OpenAPIValue { ["$ref": .string("#/components/schemas/\(name)")] }

    static func problem(_ description: String) -> OpenAPIValue {
        ["description": .string(description), "content": ["application/problem+json": ["schema": ref("Problem")]]]
    }

    static func json(_ description: String, _ schema: OpenAPIValue, links: OpenAPIValue? = nil) -> OpenAPIValue {
        var pairs: [(String, OpenAPIValue)] = [("description", .string(description)), ("content", ["application/json": ["schema": schema]])]
        if let links { pairs.append(("links", links)) }
        return .object(pairs)
    }

    static let idParameter: OpenAPIValue = [
        "name": "id", "in": "path", "required": true, "description": "The lesson's id.",
        "schema": ["type": "integer", "minimum": 1, "maximum": 9_223_372_036_854_775_807],
    ]

    /// RFC 3339 date-times of the years 2000–2100 (what ``LessonDraft`` accepts).
    static let yearPattern = "^(20[0-9]{2}|2100)-"

    /// At least one character that is not a space, and no control characters (what the title's check refuses).
    static let textPattern = "^[^\\u0000-\\u001f\\u007f-\\u009f]*[^\\s\\u0000-\\u001f\\u007f-\\u009f][^\\u0000-\\u001f\\u007f-\\u009f]*$"

    /// At least one character that is not a space (nor U+0085, which Swift trims and `\s` does not name), and
    /// no NUL: a cancellation's reason, which may span lines.
    static let reasonPattern = "^[^\\u0000]*[^\\s\\u0000\\u0085][^\\u0000]*$"

    static let badRequest = problem("The request could not be read: a malformed query string or body (`bad_request`, `malformed_json`).")

    static let unauthorized = problem("Missing, unknown, expired or revoked bearer token (`unauthenticated`).")
    static let notFound = problem("No such lesson, or not one this user may see (`not_found`).")
    static let invalid = problem("Invalid fields, a message per field in `errors` (`invalid`).")

    static func link(_ operation: String, _ description: String) -> OpenAPIValue {
        ["operationId": .string(operation), "parameters": ["id": "$response.body#/id"], "description": .string(description)]
    }

    static func transition(_ transition: LessonTransition) -> OpenAPIValue {
        let body: OpenAPIValue = transition == .cancel ? ref("CancelBody") : ref("TransitionBody")
        let name = "\(transition.rawValue)Lesson"
        let links: OpenAPIValue = switch transition {
        case .start: ["complete": link("completeLesson", "Complete the started lesson."), "cancel": link("cancelLesson", "Cancel it instead.")]
        case .complete, .cancel: [:]
        }
        return ["post": [
            "operationId": .string(name),
            "summary": .string(transition.summary),
            "tags": ["lessons"],
            "parameters": [idParameter],
            "requestBody": ["required": .bool(transition == .cancel), "content": ["application/json": ["schema": body]]],
            "responses": [
                "200": json("The lesson after the transition; its students are being told.", ref("Lesson"), links: links),
                "400": badRequest,
                "401": unauthorized,
                "403": problem("The user sees the lesson but is not its teacher nor an administrator (`forbidden`)."),
                "404": notFound,
                "409": problem("Not from the lesson's status, too early to start, or a stale `version` (`conflict`)."),
                "422": invalid,
            ],
        ]]
    }

    static let lessonFields: [(String, OpenAPIValue)] = [
        ("title", ["type": "string", "minLength": .integer(LessonDraft.titleLength.lowerBound), "maxLength": .integer(LessonDraft.titleLength.upperBound), "pattern": .string(textPattern)]),
        ("description", ["type": "string", "maxLength": .integer(LessonDraft.descriptionLimit), "description": "Markdown (rendered safely); no NUL character (refused with 422)."]),
        ("teacher", ["type": "integer", "minimum": 1, "maximum": 9_223_372_036_854_775_807, "description": "A coach or an administrator; a coach's own id, or left out."]),
        ("room", ["type": ["integer", "null"], "minimum": 1, "maximum": 9_223_372_036_854_775_807, "description": "A room not archived, or null."]),
        ("starts_at", ["type": "string", "format": "date-time", "pattern": .string(yearPattern), "description": "RFC 3339 with an offset, in the years 2000–2100."]),
        ("ends_at", ["type": "string", "format": "date-time", "pattern": .string(yearPattern), "description": "After `starts_at`, at most 12 hours later."]),
        ("students", ["type": "array", "maxItems": .integer(LessonDraft.studentLimit), "uniqueItems": true, "items": ["type": "integer", "minimum": 1, "maximum": 9_223_372_036_854_775_807], "description": "Active students' ids."]),
    ]

    static var document: OpenAPIValue {
        let lessons = path(LessonsAPIURL.lessons)
        let lesson = path(LessonsAPIURL.lesson(.key))
        let person: OpenAPIValue = ["type": "object", "required": ["id", "name"], "properties": ["id": ["type": "integer"], "name": ["type": "string"]]]
        let time: OpenAPIValue = ["type": "string", "format": "date-time"]
        let optionalTime: OpenAPIValue = ["type": ["string", "null"], "format": "date-time"]
        var paths: [(String, OpenAPIValue)] = [
            (path(APIURL.me), ["get": [
                "operationId": "me", "summary": "The token's user", "tags": ["accounts"],
                "responses": ["200": json("The user.", ref("User")), "400": badRequest, "401": unauthorized],
            ]]),
            (lessons, [
                "get": [
                    "operationId": "listLessons", "summary": "Lessons this user may see, by start (paginated like DRF)", "tags": ["lessons"],
                    "parameters": [
                        ["name": "page", "in": "query", "schema": ["type": "integer", "minimum": 1, "maximum": 1_000_000]],
                        ["name": "page_size", "in": "query", "schema": ["type": "integer", "minimum": 1, "maximum": .integer(LessonsAPIController.pageSizes.upperBound)]],
                        ["name": "status", "in": "query", "schema": ["type": "string", "enum": .array(LessonStatus.allCases.map { .string($0.rawValue) })]],
                        ["name": "teacher", "in": "query", "schema": ["type": "integer", "minimum": 1, "maximum": 9_223_372_036_854_775_807]],
                        ["name": "room", "in": "query", "schema": ["type": "integer", "minimum": 1, "maximum": 9_223_372_036_854_775_807]],
                        ["name": "date_from", "in": "query", "description": "Lessons starting on or after this day (the organisation's time zone).", "schema": ["type": "string", "format": "date"]],
                        ["name": "date_to", "in": "query", "description": "Lessons starting on or before this day.", "schema": ["type": "string", "format": "date"]],
                    ],
                    "responses": ["200": json("A page of lessons.", ref("LessonPage")), "400": badRequest, "401": unauthorized, "422": invalid],
                ],
                "post": [
                    "operationId": "createLesson", "summary": "Plan a lesson (coaches and administrators); its students are told", "tags": ["lessons"],
                    "requestBody": ["required": true, "content": ["application/json": ["schema": ref("LessonCreate")]]],
                    "responses": [
                        "201": json("The planned lesson.", ref("Lesson"), links: ["start": link("startLesson", "Start the new lesson."), "cancel": link("cancelLesson", "Cancel it.")]),
                        "400": badRequest, "401": unauthorized,
                        "403": problem("Students and managers plan no lessons (`forbidden`)."),
                        "409": problem("The teacher or the room is taken then; `detail` names the lesson (`conflict`)."),
                        "422": invalid,
                    ],
                ],
            ]),
            (lesson, [
                "get": [
                    "operationId": "getLesson", "summary": "One lesson", "tags": ["lessons"], "parameters": [idParameter],
                    "responses": ["200": json("The lesson.", ref("Lesson")), "400": badRequest, "401": unauthorized, "404": notFound],
                ],
                "patch": [
                    "operationId": "updateLesson", "summary": "Change a scheduled lesson (an in-progress one: only its description), at its version", "tags": ["lessons"],
                    "parameters": [idParameter],
                    "requestBody": ["required": true, "content": ["application/json": ["schema": ref("LessonPatch")]]],
                    "responses": [
                        "200": json("The changed lesson; students added, removed or moved are told.", ref("Lesson")),
                        "400": badRequest, "401": unauthorized,
                        "403": problem("The user sees the lesson but is not its teacher nor an administrator (`forbidden`)."),
                        "404": notFound,
                        "409": problem("A stale `version`, a double booking, or a lesson that can no longer change (`conflict`)."),
                        "422": invalid,
                    ],
                ],
            ]),
        ]
        for transition in LessonTransition.allCases {
            paths.append((path(LessonsAPIURL.transition(.key, transition)), Self.transition(transition)))
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Palestra API", "version": "1",
                "description": "Lessons and their lifecycle. Times are RFC 3339 with an offset; errors are RFC 9457 problem documents with a stable `code`.",
            ],
            "servers": [["url": "/"]],
            "security": [["bearer": []]],
            "paths": .object(paths),
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer", "description": "A token created on the account page."]],
                "schemas": [
                    "Person": person,
                    "User": [
                        "type": "object", "required": ["id", "email", "display_name", "role", "language"],
                        "properties": [
                            "id": ["type": "integer"], "email": ["type": "string"], "display_name": ["type": "string"],
                            "role": ["type": "string", "enum": .array(Role.allCases.map { .string($0.rawValue) })],
                            "language": ["type": ["string", "null"], "enum": ["en", "ru", .null]],
                        ],
                    ],
                    "Lesson": [
                        "type": "object",
                        "required": ["id", "title", "description", "teacher", "room", "starts_at", "ends_at", "status", "started_at", "completed_at",
                                     "cancelled_at", "cancel_reason", "students", "version", "created_at", "updated_at"],
                        "properties": [
                            "id": ["type": "integer"], "title": ["type": "string"], "description": ["type": "string"], "teacher": ref("Person"),
                            "room": ["oneOf": [ref("Person"), ["type": "null"]]], "starts_at": time, "ends_at": time,
                            "status": ["type": "string", "enum": .array(LessonStatus.allCases.map { .string($0.rawValue) })],
                            "started_at": optionalTime, "completed_at": optionalTime, "cancelled_at": optionalTime,
                            "cancel_reason": ["type": ["string", "null"]], "students": ["type": "array", "items": ref("Person")],
                            "version": ["type": "integer", "minimum": 1], "created_at": time, "updated_at": time,
                        ],
                    ],
                    "LessonPage": [
                        "type": "object", "required": ["count", "next", "previous", "results"],
                        "properties": [
                            "count": ["type": "integer", "minimum": 0], "next": ["type": ["string", "null"]], "previous": ["type": ["string", "null"]],
                            "results": ["type": "array", "items": ref("Lesson")],
                        ],
                    ],
                    "LessonCreate": [
                        "type": "object", "required": ["title", "starts_at", "ends_at"],
                        "properties": .object(lessonFields),
                    ],
                    "LessonPatch": [
                        "type": "object", "required": ["version"],
                        "properties": .object(lessonFields.filter { $0.0 != "teacher" } + [("teacher", ["type": "integer", "minimum": 1, "maximum": 9_223_372_036_854_775_807, "description": "The lesson's own teacher (it does not change)."]), ("version", ["type": "integer", "minimum": 1, "maximum": 2_147_483_647])]),
                    ],
                    "TransitionBody": [
                        "type": "object",
                        "properties": ["version": ["type": "integer", "minimum": 1, "maximum": 2_147_483_647, "description": "The version seen: refused with 409 if the lesson changed since."]],
                    ],
                    "CancelBody": [
                        "type": "object", "required": ["reason"],
                        "properties": [
                            "reason": ["type": "string", "minLength": .integer(LessonTransition.reasonLength.lowerBound), "maxLength": .integer(LessonTransition.reasonLength.upperBound), "pattern": .string(reasonPattern)],
                            "version": ["type": "integer", "minimum": 1, "maximum": 2_147_483_647],
                        ],
                    ],
                    "Problem": [
                        "type": "object", "required": ["type", "title", "status", "detail", "code"],
                        "properties": [
                            "type": ["type": "string"], "title": ["type": "string"], "status": ["type": "integer"], "detail": ["type": "string"],
                            "code": ["type": "string", "enum": .array(APIProblemCode.allCases.map { .string($0.rawValue) })],
                            "errors": ["type": "object", "additionalProperties": ["type": "string"]], "request_id": ["type": "string"],
                        ],
                    ],
                ],
            ],
        ]
    }

    /// The document's JSON, built once.
    static let text = document.json
}

extension LessonTransition {
    var summary: String {
        switch self {
        case .start: "Start a scheduled lesson (at most 15 minutes before its start)"
        case .complete: "Complete a lesson in progress"
        case .cancel: "Cancel a scheduled or in-progress lesson, with a reason"
        }
    }
}
