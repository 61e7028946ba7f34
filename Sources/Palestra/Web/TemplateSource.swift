import Foundation

/// The text of every template under `Templates/`, and the `{{#t}}…{{/t}}` translation blocks in it.
///
/// Translation happens once, when templates load: templates are parsed once, and each language's
/// library is compiled with every block replaced by its translation, so rendering pays nothing.
struct TemplateSource: Sendable {
    /// Template name (path below the folder, without `.mustache`) → its text.
    let templates: [String: String]

    init(templates: [String: String]) {
        self.templates = templates
    }

    /// Reads every `*.mustache` below `directory`, recursively.
    init(directory: String) throws {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw StartupError("templates folder \(directory) cannot be read")
        }
        var templates: [String: String] = [:]
        for case let url as URL in enumerator where url.pathExtension == "mustache" {
            let relative = url.standardizedFileURL.path.dropFirst(root.path.count + 1)
            let name = String(relative.dropLast(".mustache".count))
            guard let data = FileManager.default.contents(atPath: url.path),
                  let text = String(data: data, encoding: .utf8)
            else {
                throw StartupError("template \(name) cannot be read as UTF-8")
            }
            templates[name] = text
        }
        self.templates = templates
    }

    nonisolated(unsafe) private static let translationBlock = /\{\{#t\}\}(.*?)\{\{\/t\}\}/.dotMatchesNewlines()
    nonisolated(unsafe) private static let reference = /\{\{\s*[<>]\s*([A-Za-z0-9_\/.-]+)\s*\}\}/

    /// The catalog keys a template uses.
    static func translationKeys(in text: String) -> [String] {
        text.matches(of: translationBlock).map { normalizedKey(String($0.output.1)) }
    }

    /// The names of the partials and parents (`{{> name}}`, `{{< name}}`) a template refers to.
    static func references(in text: String) -> [String] {
        text.matches(of: reference).map { String($0.output.1) }
    }

    /// Whitespace runs in a block fold to one space, so a long text may wrap over several lines.
    static func normalizedKey(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
