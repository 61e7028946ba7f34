/// Parses a template's text into a tree of ``TemplateNode``s: tags, standalone lines (removed, as the
/// Mustache specification says), and the tree of sections, parents and blocks. Refuses what Palestra's
/// renderer does not support — delimiter changes, lambdas' transforms — naming the template and line.
struct TemplateParser {
    let template: String

    func parse(_ text: String) throws -> [TemplateNode] {
        var tokens = try tokenize(text)
        markStandaloneLines(&tokens)
        var position = 0
        let nodes = try tree(tokens, from: &position, closing: nil)
        return nodes
    }

    // MARK: Tokens

    enum TagKind: Equatable {
        case variable, raw, section, inverted, close, comment, partial, parent, block
    }

    struct Token {
        enum Kind {
            /// Text that ends at the latest with the line's newline.
            case text(String)
            case translation(String)
            case tag(TagKind, String)
        }

        var kind: Kind
        var line: Int
        /// The tag stood alone on its line (the line's whitespace and newline are gone).
        var standalone = false
        /// A standalone line's leading whitespace, on the line's first tag.
        var indentation: String?
        /// The whitespace before a tag when only whitespace precedes it on its line.
        var leadingWhitespace: String?
        /// A block tag directly inside a parent tag (an override), or a close tag of a parent or of such a block.
        var partOfParent = false
        var removed = false

        var isTag: Bool { if case .tag = kind { return true } else { return false } }
        var tagKind: TagKind? { if case .tag(let kind, _) = kind { return kind } else { return nil } }
    }

    private func error(_ line: Int, _ message: String) -> MustacheLoadError {
        MustacheLoadError(template: template, line: line, message: message)
    }

    func tokenize(_ text: String) throws -> [Token] {
        let bytes = Array(text.utf8)
        var tokens: [Token] = []
        var line = 1
        var index = 0
        var textStart = 0

        func flushText(upTo end: Int) {
            var start = textStart
            while start < end {
                var stop = start
                while stop < end, bytes[stop] != UInt8(ascii: "\n") { stop += 1 }
                if stop < end { stop += 1 }  // the newline belongs to its line's text
                tokens.append(Token(kind: .text(String(decoding: bytes[start..<stop], as: UTF8.self)), line: line))
                if bytes[stop - 1] == UInt8(ascii: "\n") { line += 1 }
                start = stop
            }
        }

        func find(_ needle: [UInt8], from start: Int) -> Int? {
            guard needle.count <= bytes.count else { return nil }
            var i = start
            while i + needle.count <= bytes.count {
                if bytes[i] == needle[0], Array(bytes[i..<i + needle.count]) == needle { return i }
                i += 1
            }
            return nil
        }

        let open: [UInt8] = Array("{{".utf8), close: [UInt8] = Array("}}".utf8)
        while let tagStart = find(open, from: index) {
            flushText(upTo: tagStart)
            let tagLine = line
            var contentStart = tagStart + 2
            var closing = close
            var raw = false
            if contentStart < bytes.count, bytes[contentStart] == UInt8(ascii: "{") {
                raw = true
                contentStart += 1
                closing = Array("}}}".utf8)
            }
            guard let contentEnd = find(closing, from: contentStart) else {
                throw error(tagLine, "a tag opened with {{ is never closed")
            }
            let content = String(decoding: bytes[contentStart..<contentEnd], as: UTF8.self)
            line += content.utf8.lazy.filter { $0 == UInt8(ascii: "\n") }.count
            index = contentEnd + closing.count
            textStart = index
            if raw {
                tokens.append(Token(kind: .tag(.raw, try name(content, tagLine)), line: tagLine))
                continue
            }
            let trimmed = content.trimmingWhitespace()
            guard let sigil = trimmed.first else { throw error(tagLine, "an empty tag {{}}") }
            let rest = String(trimmed.dropFirst()).trimmingWhitespace()
            switch sigil {
            case "!":
                tokens.append(Token(kind: .tag(.comment, ""), line: tagLine))
            case "=":
                throw error(tagLine, "{{\(trimmed)}}: changing the delimiters is not supported")
            case "#" where rest == "t":
                // A translation block: its text, up to {{/t}}, is replaced by the translation when compiled.
                guard let end = find(Array("{{/t}}".utf8), from: index) else {
                    throw error(tagLine, "{{#t}} is never closed with {{/t}}")
                }
                let key = String(decoding: bytes[index..<end], as: UTF8.self)
                if key.contains("{{") { throw error(tagLine, "{{#t}}…{{/t}} holds a tag; translations are plain text") }
                line += key.utf8.lazy.filter { $0 == UInt8(ascii: "\n") }.count
                tokens.append(Token(kind: .translation(key), line: tagLine))
                index = end + "{{/t}}".utf8.count
                textStart = index
            case "#": tokens.append(Token(kind: .tag(.section, try name(rest, tagLine)), line: tagLine))
            case "^": tokens.append(Token(kind: .tag(.inverted, try name(rest, tagLine)), line: tagLine))
            case "/": tokens.append(Token(kind: .tag(.close, try name(rest, tagLine)), line: tagLine))
            case ">": tokens.append(Token(kind: .tag(.partial, try name(rest, tagLine)), line: tagLine))
            case "<": tokens.append(Token(kind: .tag(.parent, try name(rest, tagLine)), line: tagLine))
            case "$": tokens.append(Token(kind: .tag(.block, try name(rest, tagLine)), line: tagLine))
            case "&": tokens.append(Token(kind: .tag(.raw, try name(rest, tagLine)), line: tagLine))
            default: tokens.append(Token(kind: .tag(.variable, try name(trimmed, tagLine)), line: tagLine))
            }
        }
        flushText(upTo: bytes.count)
        return tokens
    }

    /// A tag's name: letters, digits and `_ - . /`; `*` (dynamic names) and `(` (transforms) are refused.
    private func name(_ text: String, _ line: Int) throws -> String {
        let name = text.trimmingWhitespace()
        guard !name.isEmpty else { throw error(line, "a tag without a name") }
        for scalar in name.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".", "/": continue
            case "(", ")": throw error(line, "{{\(name)}}: transforms and lambdas are not supported")
            default: throw error(line, "{{\(name)}}: “\(scalar)” cannot stand in a name")
            }
        }
        return name
    }

    // MARK: Standalone lines

    /// Marks tags that stand alone on their line and removes that line's whitespace and newline: a line
    /// with one section, inverted, close, comment, partial, parent or block tag and only whitespace; or
    /// a line holding only a parent tag with its overrides' tags (`{{<parent}}{{$block}}`).
    func markStandaloneLines(_ tokens: inout [Token]) {
        // Which tags belong to a parent tag: its close, and the block overrides directly inside it.
        var stack: [(kind: TagKind, partOfParent: Bool)] = []
        for index in tokens.indices {
            guard let kind = tokens[index].tagKind else { continue }
            switch kind {
            case .section, .inverted:
                stack.append((kind, false))
            case .parent:
                tokens[index].partOfParent = true
                stack.append((kind, true))
            case .block:
                let inParent = stack.last?.kind == .parent
                tokens[index].partOfParent = inParent
                stack.append((kind, inParent))
            case .close:
                tokens[index].partOfParent = stack.last?.partOfParent ?? false
                if !stack.isEmpty { stack.removeLast() }
            default:
                break
            }
        }

        var lineStart = 0
        while lineStart < tokens.count {
            var lineEnd = lineStart
            while lineEnd < tokens.count {
                if case .text(let text) = tokens[lineEnd].kind, text.utf8.last == UInt8(ascii: "\n") { break }
                lineEnd += 1
            }
            let last = min(lineEnd, tokens.count - 1)
            markLine(&tokens, lineStart...last)
            lineStart = last + 1
        }
    }

    private func markLine(_ tokens: inout [Token], _ line: ClosedRange<Int>) {
        var tags: [Int] = []
        var leading = ""
        var onlyWhitespaceSoFar = true
        var whitespaceOnly = true
        for index in line {
            switch tokens[index].kind {
            case .text(let text):
                if text.isLineWhitespace {
                    if onlyWhitespaceSoFar && tags.isEmpty { leading += text.trimmingNewline() }
                } else {
                    whitespaceOnly = false
                    onlyWhitespaceSoFar = false
                }
            case .translation:
                whitespaceOnly = false
                onlyWhitespaceSoFar = false
            case .tag:
                if onlyWhitespaceSoFar && tags.isEmpty { tokens[index].leadingWhitespace = leading }
                tags.append(index)
            }
        }
        guard whitespaceOnly, !tags.isEmpty else { return }
        // One tag that is not a variable; or a parent tag with its overrides' tags (`{{<parent}}{{$block}}`,
        // `{{/block}}{{/parent}}`).
        var allPartOfParent = true
        var hasParentOrClose = false
        var hasVariable = false
        for index in tags {
            let kind = tokens[index].tagKind
            if !tokens[index].partOfParent { allPartOfParent = false }
            if kind == .parent || kind == .close { hasParentOrClose = true }
            if kind == .variable || kind == .raw { hasVariable = true }
        }
        let standalone = tags.count == 1 ? !hasVariable : (allPartOfParent && hasParentOrClose)
        guard standalone else { return }
        for index in line {
            if tokens[index].isTag {
                tokens[index].standalone = true
            } else {
                tokens[index].removed = true
            }
        }
        tokens[tags[0]].indentation = leading
    }

    // MARK: Tree

    private func tree(_ tokens: [Token], from position: inout Int, closing: (name: String, line: Int)?) throws -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        while position < tokens.count {
            let token = tokens[position]
            position += 1
            if token.removed { continue }
            switch token.kind {
            case .text(let text):
                nodes.append(.text(text))
            case .translation(let key):
                nodes.append(.translation(key))
            case .tag(let kind, let name):
                switch kind {
                case .comment:
                    continue
                case .variable, .raw:
                    nodes.append(.variable(TemplatePath(name), escaped: kind == .variable, line: token.line))
                case .section, .inverted:
                    let body = try tree(tokens, from: &position, closing: ((kind == .section ? "#" : "^") + name, token.line))
                    nodes.append(.section(TemplatePath(name), body: body, inverted: kind == .inverted, opensLine: token.standalone, line: token.line))
                case .partial:
                    nodes.append(.partial(name, indentation: token.standalone ? token.indentation ?? "" : nil, line: token.line))
                case .parent:
                    let overrides = try parentOverrides(tokens, from: &position, parent: name, line: token.line)
                    nodes.append(.parent(name, overrides: overrides, indentation: token.standalone ? token.indentation ?? "" : nil, line: token.line))
                case .block:
                    let content = try tree(tokens, from: &position, closing: ("$" + name, token.line))
                    let site: BlockSite
                    if token.standalone {
                        site = BlockSite(standalone: true, indentation: content.isEmpty ? token.indentation ?? "" : content.leadingIndentation)
                    } else {
                        site = BlockSite(standalone: false, indentation: token.leadingWhitespace ?? "")
                    }
                    let block = TemplateBlock(nodes: content, intrinsicIndentation: "", template: template)
                    nodes.append(.block(name, block, site: site))
                case .close:
                    guard let closing else { throw error(token.line, "{{/\(name)}} closes nothing") }
                    guard closing.name.dropFirst() == name else {
                        throw error(token.line, "{{/\(name)}} closes {{\(closing.name)}} of line \(closing.line)")
                    }
                    return nodes
                }
            }
        }
        if let closing { throw error(closing.line, "{{\(closing.name)}} is never closed") }
        return nodes
    }

    /// The content of `{{<parent}}…{{/parent}}`: block overrides; whitespace, text and comments are ignored.
    private func parentOverrides(_ tokens: [Token], from position: inout Int, parent: String, line: Int) throws -> [String: TemplateBlock] {
        var overrides: [String: TemplateBlock] = [:]
        while position < tokens.count {
            let token = tokens[position]
            position += 1
            guard case .tag(let kind, let name) = token.kind else { continue }
            switch kind {
            case .comment:
                continue
            case .block:
                let content = try tree(tokens, from: &position, closing: ("$" + name, token.line))
                overrides[name] = TemplateBlock(
                    nodes: content, intrinsicIndentation: token.standalone ? content.leadingIndentation : "", template: template)
            case .close where name == parent:
                return overrides
            default:
                throw error(token.line, "only {{$block}} overrides may stand inside {{<\(parent)}}")
            }
        }
        throw error(line, "{{<\(parent)}} is never closed")
    }
}

extension [TemplateNode] {
    /// The whitespace that starts the first line.
    var leadingIndentation: String {
        guard case .text(let text) = first else { return "" }
        return String(text.prefix { $0 == " " || $0 == "\t" })
    }
}

extension String {
    /// Only spaces and tabs, with at most a line ending.
    var isLineWhitespace: Bool {
        utf8.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }
    }

    /// The text without its line ending (`\n` or `\r\n`).
    func trimmingNewline() -> String {
        var bytes = Array(utf8)
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
