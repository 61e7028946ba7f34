/// PostgreSQL's text form of one-dimensional arrays: `{"a","b \"c\"",NULL}`.
enum PostgresArrayLiteral {
    /// `{"…","…"}` with every element quoted, so commas, braces, spaces, empty strings and the
    /// word NULL inside elements stay data; `"` and `\` are backslash-escaped.
    static func encode(_ elements: [String]) -> String {
        var literal = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { literal += "," }
            literal += "\""
            for character in element.unicodeScalars {
                if character == "\"" || character == "\\" { literal += "\\" }
                literal.unicodeScalars.append(character)
            }
            literal += "\""
        }
        return literal + "}"
    }

    /// The elements of a one-dimensional array literal; `nil` for NULL elements.
    static func parse(_ text: String) throws(PostgresDecodingFailure) -> [String?] {
        var scalars = Array(text.unicodeScalars)[...]
        // Arrays with non-default lower bounds come as `[0:2]={…}`.
        if scalars.first == "[", let equals = scalars.firstIndex(of: "=") {
            scalars = scalars[scalars.index(after: equals)...]
        }
        guard scalars.first == "{", scalars.last == "}" else {
            throw PostgresDecodingFailure("not an array literal: \(text)")
        }
        scalars = scalars.dropFirst().dropLast()
        var elements = [String?]()
        guard !scalars.isEmpty else { return elements }
        var current = String.UnicodeScalarView()
        var quoted = false
        var inQuotes = false
        var escaped = false
        func finishElement() {
            let value = String(current)
            elements.append(!quoted && value.uppercased() == "NULL" ? nil : value)
            current = String.UnicodeScalarView()
            quoted = false
        }
        for scalar in scalars {
            if escaped {
                current.append(scalar)
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if scalar == "\"" {
                inQuotes.toggle()
                quoted = true
            } else if inQuotes {
                current.append(scalar)
            } else if scalar == "," {
                finishElement()
            } else if scalar == "{" || scalar == "}" {
                throw PostgresDecodingFailure("multidimensional arrays are not supported")
            } else {
                current.append(scalar)
            }
        }
        guard !inQuotes, !escaped else { throw PostgresDecodingFailure("unterminated array literal: \(text)") }
        finishElement()
        return elements
    }

    /// The element type of a known array type; `.unspecified` for types this module does not know
    /// (arrays of enums, domains…); `nil` for known non-array types.
    static func elementType(ofArray type: PostgresDataType) -> PostgresDataType? {
        switch type {
        case .textArray: .text
        case .varcharArray: .varchar
        case .bpcharArray: .bpchar
        case .nameArray: .name
        case .int2Array: .int2
        case .int4Array: .int4
        case .int8Array: .int8
        case .uuidArray: .uuid
        case .dateArray: .date
        case .boolArray: .bool
        case PostgresDataType(oid: 1021): .float4
        case PostgresDataType(oid: 1022): .float8
        case PostgresDataType(oid: 1231): .numeric
        case PostgresDataType(oid: 1183): .time
        case PostgresDataType(oid: 1185): .timestamptz
        case PostgresDataType(oid: 1115): .timestamp
        case _ where type.oid < 10_000: nil
        default: .unspecified
        }
    }
}
