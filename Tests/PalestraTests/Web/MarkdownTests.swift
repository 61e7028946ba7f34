@testable import Palestra
import Testing

@Suite("Markdown")
struct MarkdownTests {
    @Test("ordinary Markdown becomes HTML")
    func ordinary() {
        #expect(Markdown.html("**Bring** water\n\n- shoes\n- towel") == "<p><strong>Bring</strong> water</p>\n<ul>\n<li>shoes</li>\n<li>towel</li>\n</ul>\n")
        #expect(Markdown.html("[Schedule](https://example.org/a?b=1&c=2)") == "<p><a href=\"https://example.org/a?b=1&amp;c=2\">Schedule</a></p>\n")
        #expect(Markdown.html("Привет, *мир* 🏃") == "<p>Привет, <em>мир</em> 🏃</p>\n")
        #expect(Markdown.html("") == "")
    }

    @Test("hostile input is neutralised", arguments: [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](javascript:alert(1))",
        "<style>body{display:none}</style>",
        "<div onclick=\"alert(1)\">hi</div>",
        "text <b onmouseover=alert(1)>bold</b>",
    ])
    func hostile(input: String) {
        let html = Markdown.html(input).lowercased()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img src=x"))
        #expect(!html.contains("<iframe"))
        #expect(!html.contains("<style"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("vbscript:"))
        #expect(!html.contains("data:text/html"))
        #expect(!html.contains("onerror="))
        #expect(!html.contains("onclick="))
        #expect(!html.contains("onmouseover="))
    }

    @Test("a NUL byte does not cut the text short")
    func nul() {
        #expect(Markdown.html("a\u{0}b").contains("b"))
    }
}
