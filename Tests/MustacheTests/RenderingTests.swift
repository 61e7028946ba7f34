import Mustache
import NIOCore
import Testing

/// The behaviours Palestra's pages rely on, pinned without the specification's files.
struct RenderingTests {
    struct Flash: MustacheObject {
        let kind: String
        let message: String
        static let mustacheTable = MustacheTable(for: Self.self, [.text("kind", \.kind), .text("message", \.message)])
    }

    struct Account: MustacheObject {
        let displayName: String
        let unread: Int
        static let mustacheTable = MustacheTable(for: Self.self, [.text("displayName", \.displayName), .number("unread", \.unread)])
    }

    struct Root: MustacheObject {
        var title = "Title"
        var note: String? = nil
        var label = "outer label"
        var empty = ""
        var isOn = true
        var flashes: [Flash] = []
        var tags: [String] = []
        var account: Account? = nil
        var bodyHTML = "<p>body</p>"
        static let mustacheTable = MustacheTable(for: Self.self, [
            .text("title", \.title), .text("note", \.note), .text("label", \.label), .text("empty", \.empty),
            .bool("isOn", \.isOn), .list("flashes", \.flashes), .list("tags", \.tags), .object("account", \.account),
            .html("bodyHTML", \.bodyHTML),
        ])
    }

    struct Row: MustacheObject {
        let label: String?
        static let mustacheTable = MustacheTable(for: Self.self, [.text("label", \.label)])
    }

    struct Table: MustacheObject {
        let label: String
        let rows: [Row]
        static let mustacheTable = MustacheTable(for: Self.self, [.text("label", \.label), .list("rows", \.rows)])
    }

    func render<Value: MustacheObject>(_ template: String, _ value: Value, partials: [String: String] = [:]) throws -> String {
        var sources = partials
        sources["page"] = template
        return try #require(MustacheLibrary(sources).renderText(value, template: "page"))
    }

    @Test func escapesTheFiveCharactersByteByByteAndWritesHTMLKeysRaw() throws {
        var root = Root()
        root.title = #"<a href="x">Tom & 'Jerry'</a>"# + "\"\u{301} onfocus=alert(1)"
        #expect(try render("{{title}}|{{{bodyHTML}}}", root)
            == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;&quot;\u{301} onfocus=alert(1)|<p>body</p>")
    }

    @Test func pagesLargerThanTheStagingAreaAndSingleValuesLargerThanItComeOutWhole() throws {
        // Values of 3 and 20 KB, escaped and raw, between texts, in a list of 30: more than the renderer's
        // 8 KB staging area at once and in total, and a partial indented after a newline written long before.
        var root = Root()
        root.title = String(repeating: "a<b", count: 7_000)
        root.bodyHTML = String(repeating: "é", count: 10_000)
        root.tags = (0..<30).map { String(repeating: "t\($0)&", count: 1_000) }
        let rendered = try render("{{title}}\n{{{bodyHTML}}}\n{{#tags}}[{{.}}]{{/tags}}\n  {{>line}}", root, partials: ["line": "x\n"])
        let expected = String(repeating: "a&lt;b", count: 7_000) + "\n" + root.bodyHTML + "\n"
            + (0..<30).map { "[" + String(repeating: "t\($0)&amp;", count: 1_000) + "]" }.joined() + "\n  x\n"
        #expect(rendered == expected)
    }

    @Test func aNilValueClimbsTheContextStack() throws {
        let table = Table(label: "table label", rows: [Row(label: "row label"), Row(label: nil)])
        #expect(try render("{{#rows}}[{{label}}]{{/rows}}", table) == "[row label][table label]")
    }

    @Test func anEmptyStringIsTruthyInASectionAndNilIsFalsy() throws {
        #expect(try render("{{#empty}}shown{{/empty}}{{^empty}}hidden{{/empty}}|{{#note}}n{{/note}}{{^note}}no note{{/note}}", Root())
            == "shown|no note")
    }

    @Test func listsOfObjectsAndOfTextsBooleansNumbersAndOptionalObjects() throws {
        var root = Root()
        root.flashes = [Flash(kind: "ok", message: "Saved"), Flash(kind: "error", message: "Oops")]
        root.tags = ["a", "b"]
        #expect(try render("{{#flashes}}<{{kind}}:{{message}}>{{/flashes}}{{^flashes}}none{{/flashes}}", root) == "<ok:Saved><error:Oops>")
        #expect(try render("{{#tags}}{{.}},{{/tags}}", root) == "a,b,")
        #expect(try render("{{#isOn}}on{{/isOn}}{{^isOn}}off{{/isOn}}{{^account}}signed out{{/account}}", root) == "onsigned out")
        root.account = Account(displayName: "Ann", unread: 3)
        #expect(try render("{{#account}}{{displayName}} ({{unread}}) {{title}}{{/account}}", root) == "Ann (3) Title")
        #expect(try render("{{account.displayName}}", root) == "Ann")
    }

    @Test func standaloneLinesVanishAndAStandalonePartialIsIndentedLineByLine() throws {
        var root = Root()
        root.flashes = [Flash(kind: "ok", message: "Saved"), Flash(kind: "error", message: "Oops")]
        let template = "<ul>\n  {{#flashes}}\n  {{> item}}\n  {{/flashes}}\n</ul>\n"
        let item = "<li>\n  {{message}}\n</li>\n"
        #expect(try render(template, root, partials: ["item": item])
            == "<ul>\n  <li>\n    Saved\n  </li>\n  <li>\n    Oops\n  </li>\n</ul>\n")
    }

    @Test func aPartialInsideALineIsNotIndentedEvenAfterASectionThatRendersNothing() throws {
        let template = "<main>\n  {{$main}}{{/main}}\n</main>\n"
        let page = "{{<layout}}\n{{$main}}\n<p>{{> control}}</p>\n{{/main}}\n{{/layout}}\n"
        let control = "{{#note}}\n<textarea>\n{{/note}}\n{{#isOn}}\n<input>\n{{/isOn}}\n"
        let library = try MustacheLibrary(["layout": template, "page": page, "control": control])
        #expect(library.renderText(Root(), template: "page") == "<main>\n  <p><input>\n  </p>\n\n</main>\n")
    }

    @Test func pagesExtendTheLayoutThroughBlocks() throws {
        let layout = "<title>{{title}}</title>\n<main>\n  {{$main}}default{{/main}}\n</main>\n"
        let page = "{{<layout}}\n{{$main}}\n<h1>{{label}}</h1>\n<p>x</p>\n{{/main}}\n{{/layout}}\n"
        let library = try MustacheLibrary(["layout": layout, "page": page])
        #expect(library.renderText(Root(), template: "page") == "<title>Title</title>\n<main>\n  <h1>outer label</h1>\n  <p>x</p>\n\n</main>\n")
        #expect(library.renderText(Root(), template: "layout") == "<title>Title</title>\n<main>\n  default\n</main>\n")
    }

    @Test func translationBlocksAreReplacedWhenCompiled() throws {
        let templates = try MustacheTemplates(["page": "<p>{{#t}}Sign  out{{/t}} {{title}}</p>"])
        let library = try MustacheLibrary(templates) { $0 == "Sign  out" ? "Выйти" : $0 }
        #expect(library.renderText(Root(), template: "page") == "<p>Выйти Title</p>")
    }

    @Test func whatIsNotSupportedIsRefusedAtLoadNamingTheTemplateAndLine() {
        #expect(throws: MustacheLoadError(template: "page", line: 2, message: "{{=<% %>=}}: changing the delimiters is not supported")) {
            try MustacheLibrary(["page": "one\n{{=<% %>=}}"])
        }
        #expect(throws: MustacheLoadError(template: "page", line: 1, message: "{{upper(name)}}: transforms and lambdas are not supported")) {
            try MustacheLibrary(["page": "{{upper(name)}}"])
        }
        #expect(throws: MustacheLoadError(template: "page", line: 3, message: "{{/b}} closes {{#a}} of line 1")) {
            try MustacheLibrary(["page": "{{#a}}\n\n{{/b}}"])
        }
        #expect(throws: MustacheLoadError(template: "page", line: 1, message: "{{> missing}}: no template missing.mustache")) {
            try MustacheLibrary(["page": "{{> missing}}"])
        }
        #expect(throws: MustacheLoadError(template: "page", line: 1, message: "a tag opened with {{ is never closed")) {
            try MustacheLibrary(["page": "{{title"])
        }
    }

    @Test func theCheckNamesEveryNameAViewModelDoesNotHaveAndEveryMisuse() throws {
        let library = try MustacheLibrary([
            "page": "<h1>{{title}}</h1>\n{{#flashes}}\n<p>{{lable}} {{message}}</p>\n{{/flashes}}\n{{{title}}} {{bodyHTML}} {{flashes}} {{.}}\n{{#account}}{{displayName}}{{/account}}",
        ])
        #expect(library.check("page", rootedAt: Root.self).map(\.description) == [
            "page.mustache:3: {{lable}}: no such key in Flash (nor in Root)",
            "page.mustache:5: {{{title}}}: writes text without escaping; raw HTML must come from a …HTML key",
            "page.mustache:5: {{bodyHTML}}: is raw HTML; write it with {{{…}}}",
            "page.mustache:5: {{flashes}}: is a list of Flash, which a variable cannot write; use a section",
            "page.mustache:5: {{.}}: Root has no value of its own to write",
        ])
        let fitting = try MustacheLibrary(["page": "{{title}}{{#flashes}}{{message}}{{label}}{{/flashes}}{{#tags}}{{.}}{{/tags}}"])
        #expect(fitting.check("page", rootedAt: Root.self).isEmpty)
    }

    struct Drifted: MustacheObject {
        let title: String
        let subtitle: String
        static let mustacheTable = MustacheTable(for: Self.self, [.text("tilte", \.title)])
    }

    @Test func aTableThatDriftsFromItsStructIsNamed() {
        #expect(Drifted.mustacheTable.drift(of: Drifted(title: "a", subtitle: "b")) == [
            "Drifted.subtitle is a stored property its mustacheTable does not declare",
            "Drifted.title is a stored property its mustacheTable does not declare",
            "Drifted.mustacheTable declares “tilte”, which names no stored property",
        ])
        #expect(Root.mustacheTable.drift(of: Root()).isEmpty)
    }

    @Test func oneLibraryRendersFromManyTasksAtOnceAlike() async throws {
        let library = try MustacheLibrary([
            "page": "{{#flashes}}<p class=\"{{kind}}\">{{message}} {{title}}</p>\n{{/flashes}}{{#account}}{{displayName}}{{/account}}",
        ])
        let pages = (0..<16).map { task in
            var root = Root()
            root.title = "Task \(task) <&>"
            root.flashes = (0..<50).map { Flash(kind: "k\($0)", message: "Message \($0) of \(task)") }
            root.account = Account(displayName: "User \(task)", unread: task)
            return root
        }
        let expected = pages.map { library.renderText($0, template: "page") }
        let rendered = await withTaskGroup(of: (Int, [String?]).self) { group in
            for (index, page) in pages.enumerated() {
                group.addTask { (index, (0..<40).map { _ in library.renderText(page, template: "page") }) }
            }
            var results = [[String?]](repeating: [], count: pages.count)
            for await (index, texts) in group { results[index] = texts }
            return results
        }
        for (index, texts) in rendered.enumerated() {
            #expect(texts.allSatisfy { $0 == expected[index] }, "task \(index)")
        }
        #expect(expected[3]?.contains("Message 49 of 3 Task 3 &lt;&amp;&gt;") == true)
    }
}
