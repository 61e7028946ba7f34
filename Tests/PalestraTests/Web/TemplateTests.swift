import Foundation
@testable import Palestra
import Mustache
import Testing

@Suite("Templates")
struct TemplateTests {
    /// A copy of the repository's templates in a temporary folder, to break on purpose.
    static func withTemplateCopy(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    static func startupError(_ folder: String) -> String? {
        do {
            _ = try Views(templatesDirectory: folder, publicDirectory: Repository.publicFiles, timeZone: .gmt)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("the repository's templates load")
    func load() throws {
        #expect(Self.startupError(Repository.templates) == nil)
    }

    @Test("a missing template stops start-up with its name")
    func missing() throws {
        try Self.withTemplateCopy { folder in
            try FileManager.default.removeItem(atPath: folder + "/dashboard.mustache")
            let message = try #require(Self.startupError(folder))
            #expect(message.contains("dashboard.mustache is missing"))
        }
    }

    @Test("a broken template stops start-up with its name and line")
    func broken() throws {
        try Self.withTemplateCopy { folder in
            try "<p>\n{{#content}} unclosed".write(toFile: folder + "/dashboard.mustache", atomically: true, encoding: .utf8)
            let message = try #require(Self.startupError(folder))
            #expect(message == "template dashboard.mustache:2: {{#content}} is never closed")
        }
    }

    @Test("a template reading a name its view model lacks stops start-up naming the template, line, name and type")
    func unknownName() throws {
        try Self.withTemplateCopy { folder in
            let path = folder + "/admin/change_form.mustache"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = try #require(lines.firstIndex { $0.contains("<label for=\"{{id}}\">{{label}}") })
            try text.replacingOccurrences(of: "<label for=\"{{id}}\">{{label}}", with: "<label for=\"{{id}}\">{{lable}}")
                .write(toFile: path, atomically: true, encoding: .utf8)
            let message = try #require(Self.startupError(folder))
            #expect(message.contains("admin/change_form.mustache:\(line + 1): {{lable}}: no such key in AdminFormFieldView"))
        }
    }

    @Test("raw output of a text key, or a list written as text, stops start-up")
    func misuse() throws {
        try Self.withTemplateCopy { folder in
            let path = folder + "/dashboard.mustache"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "{{today}}", with: "{{{today}}} {{navigation}}").write(toFile: path, atomically: true, encoding: .utf8)
            let message = try #require(Self.startupError(folder))
            #expect(message.contains("{{{today}}}: writes text without escaping; raw HTML must come from a …HTML key"))
            #expect(message.contains("{{navigation}}: is a list of NavigationLink, which a variable cannot write; use a section"))
        }
    }

    @Test("a template referring to a missing partial stops start-up naming both")
    func missingPartial() throws {
        try Self.withTemplateCopy { folder in
            try "{{<layout}}{{$main}}{{> partials/nothing}}{{/main}}{{/layout}}"
                .write(toFile: folder + "/dashboard.mustache", atomically: true, encoding: .utf8)
            let message = try #require(Self.startupError(folder))
            #expect(message.contains("dashboard.mustache refers to partials/nothing"))
        }
    }

    @Test("translation blocks are replaced when templates load, whitespace folded")
    func translationBlocks() throws {
        let text = "<h1>{{#t}}Dashboard{{/t}}</h1><p>{{#t}}Back to\n   the dashboard{{/t}}</p>"
        #expect(TemplateSource.translationKeys(in: text) == ["Dashboard", "Back to the dashboard"])
        let library = try MustacheLibrary(MustacheTemplates(["page": text])) { "[\(TemplateSource.normalizedKey($0))]" }
        #expect(library.renderText("", template: "page") == "<h1>[Dashboard]</h1><p>[Back to the dashboard]</p>")
    }

    @Test("only fields named …HTML are rendered unescaped")
    func tripleBracesOnlyForHTMLFields() throws {
        let source = try TemplateSource(directory: Repository.templates)
        for (name, text) in source.templates {
            for match in text.matches(of: /\{\{\{\s*([A-Za-z0-9_.]+)\s*\}\}\}|\{\{&\s*([A-Za-z0-9_.]+)\s*\}\}/) {
                let field = String(match.output.1 ?? match.output.2 ?? "")
                #expect(field.hasSuffix("HTML"), "\(name).mustache renders \(field) unescaped")
            }
            #expect(!text.contains("<script"), "\(name).mustache has a script")
            // A mail's HTML part is the exception: mail clients drop style sheets, so its styles are inline.
            if !name.hasSuffix("_email") { #expect(!text.contains("style="), "\(name).mustache has an inline style") }
        }
    }
}
