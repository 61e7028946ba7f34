extension PostgresStatement {
    /// The same statement with its values written into its text as literals, to be prepared once per connection
    /// under that text (``PostgresPlanning/cached``) and so planned once, for these values: for a statement whose
    /// best plan depends on its values (``PostgresPlanning/perExecution``) that is asked again with the same ones —
    /// a searched list reloaded, paged or saved — which then costs neither parsing nor planning. A statement
    /// without parameters always runs its one plan, made for the values in its text, so no generic plan settled on
    /// after other values can run for these.
    ///
    /// Each value becomes an escape string (`E'…'`, backslashes and quotes doubled, so it is read the same whatever
    /// `standard_conforming_strings` says) cast to its type when it has one, or `NULL`, in parentheses; a `$n`
    /// inside a string, a quoted name, a comment or a dollar-quoted body is left alone. `nil` when a value has no
    /// such literal here (a binary value, an unnamed type, text holding U+0000), a parameter is not found in the
    /// text, or a string continues on the next line: the caller runs the statement as it is.
    ///
    /// A literal without a type takes it from where it stands, as a parameter does; but a parameter used twice
    /// has the one type of its first use, where each of its literals is typed on its own. Write the values of a
    /// statement only when every use of a repeated untyped parameter reads the same type (a zone, a user's id, a
    /// pattern compared as text, as the admin engine's statements do), or give the parameter its type.
    public func writingValues() -> PostgresStatement? {
        var literals: [[UInt8]] = []
        for value in parameters {
            guard let parameter = try? (value?.postgresParameter() ?? .null), let literal = Self.literal(parameter) else { return nil }
            literals.append(literal)
        }
        guard let sql = Self.sql(sql, writing: literals) else { return nil }
        return PostgresStatement(sql, [], planning: .cached)
    }

    /// `parameter` as a literal of its type, or `nil`.
    static func literal(_ parameter: PostgresParameter) -> [UInt8]? {
        var cast: [UInt8] = []
        if parameter.type != .unspecified {
            let name = parameter.type.description
            guard !name.hasPrefix("type with OID") else { return nil }
            cast = Array("::\(name)".utf8)
        }
        // In parentheses, as a parameter is one operand: `$1[1]` must not become the type `int8[][1]`.
        guard let bytes = parameter.bytes else { return Array("(NULL".utf8) + cast + [UInt8(ascii: ")")] }
        guard parameter.format == .text, !bytes.contains(0) else { return nil }
        var literal: [UInt8] = Array("(E'".utf8)
        literal.reserveCapacity(bytes.count + 5 + cast.count)
        for byte in bytes {
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\\") { literal.append(byte) }
            literal.append(byte)
        }
        literal.append(UInt8(ascii: "'"))
        return literal + cast + [UInt8(ascii: ")")]
    }

    /// `sql` with each parameter `$n` replaced by `literals[n - 1]`; `nil` when one names no literal, a literal is
    /// never used, or a string continues on the next line.
    static func sql(_ sql: String, writing literals: [[UInt8]]) -> String? {
        let text = Array(sql.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.count + literals.reduce(0) { $0 + $1.count })
        var used = [Bool](repeating: false, count: literals.count)
        var index = 0
        while index < text.count {
            guard let end = SQLText.endOfQuoted(text, at: index) else { return nil }
            if end > index {
                out += text[index..<end]
                index = end
            } else if let (number, end) = SQLText.parameter(text, at: index) {
                guard number >= 1, number <= literals.count else { return nil }
                out += literals[number - 1]
                used[number - 1] = true
                index = end
            } else {
                out.append(text[index])
                index += 1
            }
        }
        guard used.allSatisfy({ $0 }) else { return nil }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Where PostgreSQL's lexer sees strings, quoted names, comments, dollar-quoted bodies and parameters in a
/// statement's UTF-8 text: what ``PostgresStatement/writingValues()`` must not, and must, replace.
private enum SQLText {
    static func isWordByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") || byte >= 0x80 || isDigit(byte)
            || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"))
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// A parameter `$n` at `index` (not inside a word: `a$1` is a name): its number and where it ends.
    static func parameter(_ text: [UInt8], at index: Int) -> (number: Int, end: Int)? {
        guard text[index] == UInt8(ascii: "$"), index + 1 < text.count, isDigit(text[index + 1]),
              index == 0 || !isWordByte(text[index - 1]) else { return nil }
        var end = index + 1
        var number = 0
        while end < text.count, isDigit(text[end]) {
            number = min(number * 10 + Int(text[end] - UInt8(ascii: "0")), Int(Int32.max))
            end += 1
        }
        return (number, end)
    }

    /// Where the string, quoted name, comment or dollar-quoted body starting at `index` ends (its end, or the
    /// text's); `index` itself when none starts there; `nil` for a string continued on the next line, which is
    /// one string to PostgreSQL (an escape string throughout if it began as one) and is not followed here.
    static func endOfQuoted(_ text: [UInt8], at index: Int) -> Int? {
        let byte = text[index]
        let next = index + 1 < text.count ? text[index + 1] : 0
        let afterWord = index > 0 && isWordByte(text[index - 1])
        switch byte {
        case UInt8(ascii: "'"):
            // In an escape string (E'…') a backslash escapes the next byte; '' is a quote either way.
            let escapes = index > 0 && (text[index - 1] | 0x20) == UInt8(ascii: "e") && !(index > 1 && isWordByte(text[index - 2]))
            var end = index + 1
            while end < text.count {
                let current = text[end]
                end += 1
                if escapes, current == UInt8(ascii: "\\") {
                    end += 1
                } else if current == UInt8(ascii: "'") {
                    guard end < text.count, text[end] == UInt8(ascii: "'") else { break }
                    end += 1
                }
            }
            end = min(end, text.count)
            var after = end, newline = false
            while after < text.count, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0c].contains(text[after]) {
                newline = newline || text[after] == UInt8(ascii: "\n") || text[after] == UInt8(ascii: "\r")
                after += 1
            }
            return newline && after < text.count && text[after] == UInt8(ascii: "'") ? nil : end
        case UInt8(ascii: "\""):
            return end(of: [byte], in: text, from: index + 1)
        case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
            // To the end of the line, which PostgreSQL ends at a line feed or a carriage return.
            return text[index...].firstIndex { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") } ?? text.count
        case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
            // Block comments nest.
            var depth = 0, end = index
            while end < text.count {
                if text[end...].starts(with: "/*".utf8) {
                    depth += 1
                    end += 2
                } else if text[end...].starts(with: "*/".utf8) {
                    depth -= 1
                    end += 2
                    if depth == 0 { return end }
                } else {
                    end += 1
                }
            }
            return text.count
        case UInt8(ascii: "$") where !afterWord && !isDigit(next):
            // A dollar-quoted body ($$…$$, $tag$…$tag$); a lone $ is none.
            var tagEnd = index + 1
            while tagEnd < text.count, isWordByte(text[tagEnd]), text[tagEnd] != UInt8(ascii: "$") { tagEnd += 1 }
            guard tagEnd < text.count, text[tagEnd] == UInt8(ascii: "$") else { return index }
            return end(of: Array(text[index...tagEnd]), in: text, from: tagEnd + 1)
        default:
            return index
        }
    }

    /// Just past the first `closing` at or after `start`, or the text's end.
    private static func end(of closing: [UInt8], in text: [UInt8], from start: Int) -> Int {
        var index = start
        while index < text.count {
            if text[index...].starts(with: closing) { return index + closing.count }
            index += 1
        }
        return text.count
    }
}
