/// An interface language Palestra ships a catalog for.
public enum Language: String, CaseIterable, Sendable, Codable {
    case en
    case ru

    /// The language's own name, for the language picker.
    public var nativeName: String {
        switch self {
        case .en: "English"
        case .ru: "Русский"
        }
    }

    /// Picks the best supported language from an `Accept-Language` header (RFC 9110 §12.5.4),
    /// honouring q-values; `nil` when the header names none we support.
    public static func preferred(byAcceptLanguage header: String) -> Language? {
        var best: (language: Language, quality: Double, order: Int)?
        for (order, part) in header.split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased(), !tag.isEmpty, tag != "*" else { continue }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard let language = Language(rawValue: primary) else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            guard quality > 0, quality <= 1 else { continue }
            if best == nil || quality > best!.quality {
                best = (language, quality, order)
            }
        }
        return best?.language
    }
}

extension Language {
    /// Which plural form (an index into a catalog's forms) a count takes, after CLDR's rules.
    func pluralFormIndex(for count: Int) -> Int {
        let n = abs(count)
        switch self {
        case .en:
            return n == 1 ? 0 : 1
        case .ru:
            if n % 10 == 1 && n % 100 != 11 { return 0 }
            if (2...4).contains(n % 10) && !(12...14).contains(n % 100) { return 1 }
            return 2
        }
    }

    /// How many plural forms a catalog entry for this language must have.
    var pluralFormCount: Int {
        switch self {
        case .en: 2
        case .ru: 3
        }
    }
}
