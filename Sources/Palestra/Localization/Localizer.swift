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
        var text = t(key)
        for (name, value) in values {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }

    /// The form of `key` that suits `count`, with `{count}` replaced by the formatted number.
    public func plural(_ key: String, count: Int) -> String {
        let forms = plurals[key] ?? [key]
        let index = min(language.pluralFormIndex(for: count), forms.count - 1)
        return forms[index].replacingOccurrences(of: "{count}", with: format.number(count))
    }

    /// Whether the catalog has `key` (as a message or a plural entry).
    func hasEntry(for key: String) -> Bool {
        messages[key] != nil || plurals[key] != nil
    }
}
