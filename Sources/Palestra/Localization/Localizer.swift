import Foundation

/// Translates English source strings into one language.
///
/// Keys are the English texts themselves. A message may hold `{name}` placeholders, filled by
/// ``t(_:_:)``; a plural entry (``plural(_:count:)``) holds one form per CLDR category of the language,
/// with `{count}` standing for the number.
public struct Localizer: Sendable {
    public let language: Language
    let messages: [String: String]
    let plurals: [String: [String]]
    public let format: LocalizedFormat

    init(language: Language, messages: [String: String], plurals: [String: [String]]) {
        self.language = language
        self.messages = messages
        self.plurals = plurals
        self.format = LocalizedFormat(language: language)
    }

    /// The translation of `key`, or `key` itself where the catalog has none (English).
    public func t(_ key: String) -> String {
        messages[key] ?? key
    }

    /// The translation of `key` with each `{name}` replaced by its value.
    public func t(_ key: String, _ values: KeyValuePairs<String, String>) -> String {
        Self.fill(t(key), with: values)
    }

    /// The form of `key` that suits `count`, with `{count}` replaced by the formatted number.
    public func plural(_ key: String, count: Int) -> String {
        let forms = plurals[key] ?? [key]
        let index = min(language.pluralFormIndex(for: count), forms.count - 1)
        return Self.fill(forms[index], with: ["count": format.number(count)])
    }

    /// Replaces each `{name}` with its value in one pass, so a value is never itself searched for
    /// placeholders; unknown `{…}` stay as they are.
    static func fill(_ text: String, with values: KeyValuePairs<String, String>) -> String {
        // Over UTF-8 bytes: braces are ASCII, so they are found at scalar boundaries without the grapheme
        // breaking a search over Characters costs; the result is built in one buffer.
        guard text.utf8.contains(UInt8(ascii: "{")) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + values.reduce(0) { $0 + $1.value.utf8.count })
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "{"),
                   let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "}")),
                   let value = values.first(where: { $0.key.utf8.elementsEqual(bytes[(index + 1)..<close]) })?.value {
                    output.append(contentsOf: value.utf8)
                    index = close + 1
                } else {
                    output.append(bytes[index])
                    index += 1
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// A translation as it goes into a template's source: HTML-escaped, like any text Mustache renders
    /// (`{{name}}` tags in it stay tags). Without a translation, the template's own text is kept as written.
    func templateText(_ key: String) -> String {
        guard let translation = messages[key] else { return key }
        var escaped = ""
        for character in translation {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Whether the catalog has `key` (as a message or a plural entry).
    func hasEntry(for key: String) -> Bool {
        messages[key] != nil || plurals[key] != nil
    }
}
