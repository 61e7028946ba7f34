/// A link on an object's form: `label` (a catalog key) and a path — one after `/admin/<slug>/<id>/`
/// (an object page of the resource), or a site path starting with `/` — in which `{id}` stands for the
/// object's id and `{<field>}` for a field's value (a hidden field, say: `/admin/training-sessions/{session_id}/`).
public struct AdminObjectLink: Sendable {
    public let label: String
    public let path: String

    public init(label: String, path: String) {
        self.label = label
        self.path = path
    }

    /// The placeholders in the path, `{id}` and field names, without their braces.
    var placeholders: [String] {
        SQLPlaceholder.tokens(in: path).filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
    }

    /// Whether the path is one of the resource's object pages rather than a site path.
    var isObjectPage: Bool { !path.hasPrefix("/") }

    /// The link's URL for one object, its placeholders filled from the record.
    func url(slug: String, record: AdminRecord) -> String {
        let id = String(record.id)
        var path = path.replacingOccurrences(of: "{id}", with: id)
        for name in placeholders where name != "id" {
            path = path.replacingOccurrences(of: "{\(name)}", with: SiteURL.queryEscaped((record.values[name] ?? nil) ?? ""))
        }
        return isObjectPage ? AdminURL.objectPage(.value(slug), .value(id), page: .value(path)).path : path
    }
}
