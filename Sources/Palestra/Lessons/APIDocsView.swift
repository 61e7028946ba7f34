import Mustache

/// `/api/docs`: the OpenAPI document as a page, rendered on the server from the same document
/// (``LessonsOpenAPI``) that `/api/v1/openapi.json` serves.
struct APIDocsView: Sendable {
    struct Operation: Sendable {
        let anchor: String
        let method: String
        let path: String
        let summary: String
        let parameters: [Line]
        let hasParameters: Bool
        let body: String
        let hasBody: Bool
        let responses: [Line]
    }

    struct Line: Sendable {
        let name: String
        let text: String
    }

    struct Schema: Sendable {
        let name: String
        let fields: [Line]
    }

    let title: String
    let description: String
    let operations: [Operation]
    let schemas: [Schema]
    let documentURL: String

    init(document: OpenAPIValue) {
        title = document["info"]?["title"]?.string ?? ""
        description = document["info"]?["description"]?.string ?? ""
        operations = (document["paths"]?.pairs ?? []).flatMap { path, item in
            item.pairs.map { method, operation in
                let parameters = operation["parameters"]?.items.map { parameter in
                    Line(name: parameter["name"]?.string ?? "", text: (parameter["in"]?.string ?? "") + ": " + Self.describe(parameter["schema"] ?? .null))
                } ?? []
                let body = operation["requestBody"]?["content"]?["application/json"]?["schema"].map(Self.describe) ?? ""
                return Operation(
                    anchor: operation["operationId"]?.string ?? "", method: method.uppercased(), path: path, summary: operation["summary"]?.string ?? "",
                    parameters: parameters, hasParameters: !parameters.isEmpty, body: body, hasBody: !body.isEmpty,
                    responses: operation["responses"]?.pairs.map { Line(name: $0.0, text: $0.1["description"]?.string ?? "") } ?? []
                )
            }
        }
        schemas = (document["components"]?["schemas"]?.pairs ?? []).map { name, schema in
            let required = Set(schema["required"]?.items.compactMap(\.string) ?? [])
            return Schema(name: name, fields: schema["properties"]?.pairs.map { field, value in
                Line(name: field + (required.contains(field) ? " *" : ""), text: Self.describe(value))
            } ?? [])
        }
        documentURL = LessonsAPIURL.openAPI.path
    }

    /// "string, 1–200 characters", "integer ≥ 1", "one of: scheduled, …", "Lesson".
    static func describe(_ schema: OpenAPIValue) -> String {
        if let reference = schema["$ref"]?.string { return String(reference.split(separator: "/").last ?? "") }
        if let options = schema["oneOf"]?.items { return options.map(describe).joined(separator: " or ") }
        var parts: [String] = []
        switch schema["type"] {
        case .string(let type)?: parts.append(type)
        case .array(let types)?: parts.append(types.compactMap(\.string).joined(separator: " or "))
        default: break
        }
        if let format = schema["format"]?.string { parts.append(format) }
        if let values = schema["enum"]?.items { parts.append("one of: " + values.map { $0.string ?? "null" }.joined(separator: ", ")) }
        for (key, label) in [("minLength", "min length"), ("maxLength", "max length"), ("minimum", "min"), ("maximum", "max"), ("maxItems", "max items")] {
            if case .integer(let value)? = schema[key] { parts.append("\(label) \(value)") }
        }
        if let items = schema["items"] { parts.append("of " + describe(items)) }
        if let text = schema["description"]?.string { parts.append("— " + text) }
        return parts.joined(separator: ", ")
    }
}

extension APIDocsView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .text("description", \.description), .list("operations", \.operations), .list("schemas", \.schemas),
        .text("documentURL", \.documentURL),
    ])
}

extension APIDocsView.Operation: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("anchor", \.anchor), .text("method", \.method), .text("path", \.path), .text("summary", \.summary), .list("parameters", \.parameters),
        .bool("hasParameters", \.hasParameters), .text("body", \.body), .bool("hasBody", \.hasBody), .list("responses", \.responses),
    ])
}

extension APIDocsView.Line: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [.text("name", \.name), .text("text", \.text)])
}

extension APIDocsView.Schema: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [.text("name", \.name), .list("fields", \.fields)])
}
