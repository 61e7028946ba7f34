/// A template parsed into a tree: what the compiler turns into a program. Standalone lines (a line that
/// holds only a section, comment, partial, parent or block tag and whitespace) are already removed here.
indirect enum TemplateNode: Sendable {
    /// Literal text, as written.
    case text(String)
    /// `{{#t}}Text{{/t}}`: replaced by the text's translation when the template is compiled for a language.
    case translation(String)
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}` (raw).
    case variable(TemplatePath, escaped: Bool, line: Int)
    /// `{{#name}}…{{/name}}` or, inverted, `{{^name}}…{{/name}}`. `opensLine`: the open tag stood alone on
    /// its line, so the body starts at the beginning of a line.
    case section(TemplatePath, body: [TemplateNode], inverted: Bool, opensLine: Bool, line: Int)
    /// `{{> name}}`; `indentation` is the whitespace before a standalone partial tag, `nil` when the tag
    /// shares its line with other content.
    case partial(String, indentation: String?, line: Int)
    /// `{{< name}}{{$block}}…{{/block}}{{/name}}`: the named template with its blocks overridden.
    case parent(String, overrides: [String: TemplateBlock], indentation: String?, line: Int)
    /// `{{$name}}default{{/name}}` outside a parent tag: where a block is expanded.
    case block(String, TemplateBlock, site: BlockSite)
}

/// A block's content (an override inside a parent tag, or a block's default content).
struct TemplateBlock: Sendable {
    var nodes: [TemplateNode]
    /// The leading whitespace of the content's first line when the open tag stood alone on its line:
    /// an override is re-indented from this to where its block stands in the parent.
    var intrinsicIndentation: String
    /// The template the content was written in (for error messages).
    var template: String
}

/// Where a `{{$block}}` stands in its template, which decides how an override is indented there.
struct BlockSite: Sendable {
    /// The open tag stood alone on its line (the override starts at the beginning of a line).
    var standalone: Bool
    /// The indentation the override's lines take: for a standalone tag, the default content's own
    /// indentation (or the tag's, when the default is empty); otherwise the whitespace before the tag.
    var indentation: String
}

/// A dotted name (`a.b.c`) or the implicit iterator `.` (no components).
struct TemplatePath: Sendable, Hashable, CustomStringConvertible {
    let components: [String]

    init(_ text: String) {
        components = text == "." ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    var description: String { components.isEmpty ? "." : components.joined(separator: ".") }
}
