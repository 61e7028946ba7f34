/// A link on an object's form: `label` (a catalog key) to one of the resource's object pages, or to a
/// site route (a typed URL, never a literal path) whose parameters are filled from the object's fields.
public struct AdminObjectLink: Sendable {
    public let label: String
    /// The route's pattern (`/coach/sessions/:id`), or an object page's name.
    public let path: String
    /// Each route parameter and the field that fills it (`id` is the object's own id).
    let fields: [String: String]
    /// A page of the resource's own (`/admin/<slug>/<id>/<page>`).
    let isObjectPage: Bool

    /// A link to the resource's object page `page` (``AdminObjectPage``).
    public init(label: String, page: String) {
        self.label = label
        self.path = page
        self.fields = [:]
        self.isObjectPage = true
    }

    /// A link to `route`, declared with `.key` parameters, each filled from a field of the object:
    /// `AdminObjectLink(label: "Attendance journal", to: AttendanceURL.journal(.key))` (its `:id` is the
    /// object's id), `to: AdminURL.changeForm(.value("training-sessions"), .key), filling: ["id": "session_id"]`.
    public init(label: String, to route: some SiteRoute, filling fields: [String: String] = ["id": "id"]) {
        self.label = label
        self.path = route.path
        self.fields = fields
        self.isObjectPage = false
    }

    /// The route's parameters (`id` for `:id`).
    var parameters: [String] {
        path.split(separator: "/").filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) }
    }

    /// The fields the link reads (`id` being the object's id).
    var placeholders: [String] { fields.values.sorted() }

    /// The link's URL for one object, its parameters filled from the record.
    func url(slug: String, record: AdminRecord) -> String {
        let id = String(record.id)
        guard !isObjectPage else { return AdminURL.objectPage(.value(slug), .value(id), page: .value(path)).path }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            guard segment.hasPrefix(":"), let field = fields[String(segment.dropFirst())] else { return String(segment) }
            return SiteURL.queryEscaped(field == "id" ? id : (record.values[field] ?? nil) ?? "")
        }
        return segments.joined(separator: "/")
    }
}
