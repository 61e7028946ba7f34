import CCmark
import Foundation

/// Markdown that users write (descriptions, notes, reports) rendered to HTML by cmark, the
/// CommonMark reference implementation, in its safe mode: raw HTML is omitted and `javascript:`,
/// `vbscript:`, `file:` and most `data:` links lose their target.
///
/// Templates receive the result only in fields named `…HTML`, the one place `{{{triple}}}` is used.
public enum Markdown {
    public static func html(_ text: String) -> String {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8
        return text.withCString { source in
            guard let rendered = cmark_markdown_to_html(source, text.utf8.count, options) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }
}
