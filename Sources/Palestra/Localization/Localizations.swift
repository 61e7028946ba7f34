import Foundation

/// The catalogs of every language, loaded once at start-up from `Templates/locales/<code>.json`.
///
/// A catalog is a JSON object whose keys are English source strings; a value is either the
/// translation, or an array of plural forms (English: one, other; Russian: one, few, many).
public struct Localizations: Sendable {
    let localizers: [Language: Localizer]

    public init(directory: String) throws {
        var localizers: [Language: Localizer] = [:]
        for language in Language.allCases {
            let path = "\(directory)/\(language.rawValue).json"
            localizers[language] = try Self.load(language: language, path: path)
        }
        self.localizers = localizers
    }

    public func localizer(for language: Language) -> Localizer {
        localizers[language] ?? Localizer(language: language, messages: [:], plurals: [:])
    }

    static func load(language: Language, path: String) throws -> Localizer {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StartupError("catalog \(path) is missing")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw StartupError("catalog \(path) is not a JSON object of strings")
        }
        // JSON readers keep the last of a key written twice: two translations of one source string, one silently lost.
        var seen = Set<String>()
        for key in CatalogKeys.topLevel(of: data) where !seen.insert(key).inserted {
            throw StartupError("catalog \(path): '\(key)' is written twice; keep one translation")
        }
        var messages: [String: String] = [:]
        var plurals: [String: [String]] = [:]
        for (key, value) in object {
            if let text = value as? String {
                messages[key] = text
            } else if let forms = value as? [String], forms.count == language.pluralFormCount {
                plurals[key] = forms
            } else {
                throw StartupError("catalog \(path): '\(key)' must be a string or \(language.pluralFormCount) plural forms")
            }
        }
        return Localizer(language: language, messages: messages, plurals: plurals)
    }
}
