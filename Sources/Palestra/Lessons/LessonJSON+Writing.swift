/// A value the API writes as JSON by hand, in its declared key order (every key, `null` included), rather
/// than through `JSONEncoder`: its generic path took over a quarter of the server's time on a list of 50
/// lessons. `Encodable` stays the reference the tests compare with.
protocol JSONWritable: Encodable {
    func write(to json: inout String)
}

extension LessonJSON.Person: JSONWritable {
    func write(to json: inout String) {
        json += "{\"id\":\(id),\"name\":"
        JSONText.string(name, to: &json)
        json += "}"
    }
}

extension LessonJSON: JSONWritable {
    func write(to json: inout String) {
        json += "{\"id\":\(id),\"title\":"
        JSONText.string(title, to: &json)
        json += ",\"description\":"
        JSONText.string(description, to: &json)
        json += ",\"teacher\":"
        teacher.write(to: &json)
        json += ",\"room\":"
        if let room { room.write(to: &json) } else { json += "null" }
        func field(_ key: StaticString, _ value: String?) {
            json += ",\""
            json += key.description
            json += "\":"
            JSONText.string(value, to: &json)
        }
        field("starts_at", startsAt)
        field("ends_at", endsAt)
        field("status", status)
        field("started_at", startedAt)
        field("completed_at", completedAt)
        field("cancelled_at", cancelledAt)
        field("cancel_reason", cancelReason)
        json += ",\"students\":"
        JSONText.array(students, to: &json)
        json += ",\"version\":\(version),\"created_at\":"
        JSONText.string(createdAt, to: &json)
        json += ",\"updated_at\":"
        JSONText.string(updatedAt, to: &json)
        json += "}"
    }
}

extension LessonPageJSON: JSONWritable {
    func write(to json: inout String) {
        json += "{\"count\":\(count),\"next\":"
        JSONText.string(next, to: &json)
        json += ",\"previous\":"
        JSONText.string(previous, to: &json)
        json += ",\"results\":"
        JSONText.array(results, to: &json)
        json += "}"
    }
}

/// JSON strings (RFC 8259): `"` and `\` escaped, control characters as `\n`, `\r`, `\t` or `\u00XX`,
/// everything else as it is (UTF-8, `/` unescaped, as the encoder is configured); `nil` is `null`.
enum JSONText {
    /// `[…]`, the values written in order.
    static func array(_ values: [some JSONWritable], to json: inout String) {
        json += "["
        for (index, value) in values.enumerated() {
            if index > 0 { json += "," }
            value.write(to: &json)
        }
        json += "]"
    }

    static func string(_ value: String?, to json: inout String) {
        guard let value else {
            json += "null"
            return
        }
        json += "\""
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            json += value
        } else {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": json += "\\\""
                case "\\": json += "\\\\"
                case "\n": json += "\\n"
                case "\r": json += "\\r"
                case "\t": json += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16, uppercase: false)
                    json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: json.unicodeScalars.append(scalar)
                }
            }
        }
        json += "\""
    }
}
