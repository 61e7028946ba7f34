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

    /// `sql` with each parameter `$n` replaced by `literals[n - 1]`; `nil` when one names no literal or a literal
    /// is never used.
    static func sql(_ sql: String, writing literals: [[UInt8]]) -> String? {
        let text = Array(sql.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.count + literals.reduce(0) { $0 + $1.count })
        var used = [Bool](repeating: false, count: literals.count)
        var index = 0
        func isWordByte(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") || byte >= 0x80
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"))
        }
        func isDigit(_ at: Int) -> Bool { at < text.count && text[at] >= UInt8(ascii: "0") && text[at] <= UInt8(ascii: "9") }
        /// Copies from `index` through the end of what starts there and ends with `end`, or to the end of the text.
        func copy(through end: [UInt8]) {
            while index < text.count {
                if text[index...].starts(with: end) {
                    out += end
                    index += end.count
                    return
                }
                out.append(text[index])
                index += 1
            }
        }
        while index < text.count {
            let byte = text[index]
            let afterWord = index > 0 && isWordByte(text[index - 1])
            switch byte {
            case UInt8(ascii: "'"):
                // A string; in an escape string (E'…') a backslash escapes the next byte; '' is a quote either way.
                let escapes = index > 0 && (text[index - 1] | 0x20) == UInt8(ascii: "e") && !(index > 1 && isWordByte(text[index - 2]))
                out.append(byte)
                index += 1
                while index < text.count {
                    let current = text[index]
                    out.append(current)
                    index += 1
                    if escapes, current == UInt8(ascii: "\\"), index < text.count {
                        out.append(text[index])
                        index += 1
                    } else if current == UInt8(ascii: "'") {
                        guard index < text.count, text[index] == UInt8(ascii: "'") else { break }
                        out.append(text[index])
                        index += 1
                    }
                }
                // A string continued on the next line ('a'<newline>'b') is one string to PostgreSQL, an escape string
                // throughout if it began as one: not followed here, so such a statement is run as it is.
                var next = index, newline = false
                while next < text.count, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0c].contains(text[next]) {
                    newline = newline || text[next] == UInt8(ascii: "\n") || text[next] == UInt8(ascii: "\r")
                    next += 1
                }
                if newline, next < text.count, text[next] == UInt8(ascii: "'") { return nil }
            case UInt8(ascii: "\""):
                out.append(byte)
                index += 1
                copy(through: [byte])
            case UInt8(ascii: "-") where index + 1 < text.count && text[index + 1] == UInt8(ascii: "-"):
                // To the end of the line, which PostgreSQL ends at a line feed or a carriage return.
                while index < text.count, text[index] != UInt8(ascii: "\n"), text[index] != UInt8(ascii: "\r") {
                    out.append(text[index])
                    index += 1
                }
            case UInt8(ascii: "/") where index + 1 < text.count && text[index + 1] == UInt8(ascii: "*"):
                // Block comments nest.
                var depth = 0
                while index < text.count {
                    if text[index...].starts(with: "/*".utf8) {
                        depth += 1
                        out += "/*".utf8
                        index += 2
                    } else if text[index...].starts(with: "*/".utf8) {
                        depth -= 1
                        out += "*/".utf8
                        index += 2
                        if depth == 0 { break }
                    } else {
                        out.append(text[index])
                        index += 1
                    }
                }
            case UInt8(ascii: "$") where !afterWord && isDigit(index + 1):
                var end = index + 1
                var number = 0
                while isDigit(end) {
                    number = number * 10 + Int(text[end] - UInt8(ascii: "0"))
                    guard number <= literals.count else { return nil }
                    end += 1
                }
                guard number >= 1 else { return nil }
                out += literals[number - 1]
                used[number - 1] = true
                index = end
            case UInt8(ascii: "$") where !afterWord:
                // A dollar-quoted body ($$…$$, $tag$…$tag$), copied whole; a lone $ is copied as it is.
                var end = index + 1
                while end < text.count, isWordByte(text[end]), text[end] != UInt8(ascii: "$") { end += 1 }
                if end < text.count, text[end] == UInt8(ascii: "$"), !isDigit(index + 1) {
                    let tag = Array(text[index...end])
                    out += tag
                    index = end + 1
                    copy(through: tag)
                } else {
                    out.append(byte)
                    index += 1
                }
            default:
                out.append(byte)
                index += 1
            }
        }
        guard used.allSatisfy({ $0 }) else { return nil }
        return String(decoding: out, as: UTF8.self)
    }
}
