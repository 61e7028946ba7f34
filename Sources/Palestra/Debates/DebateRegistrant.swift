import Foundation

/// Who registers, as the public form sends them, checked: a full name (1–150 characters), an email
/// address (normalised: trimmed, lower-case) and an optional affiliation (at most 200).
struct DebateRegistrant: Sendable, Equatable {
    let fullName: String
    let email: String
    let affiliation: String

    static func check(fullName: String?, email: String?, affiliation: String?) -> Result<DebateRegistrant, DebateFormProblems> {
        var problems: [String: String] = [:]
        let name = (fullName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let address = (email ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let place = (affiliation ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty {
            problems["full_name"] = CatalogKey.t("Enter your full name.")
        } else if name.count > 150 || name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            problems["full_name"] = CatalogKey.t("Enter your full name in at most 150 characters, on one line.")
        }
        if address.isEmpty {
            problems["email"] = CatalogKey.t("Enter your email address.")
        } else if !EmailAddress.isValid(address) {
            problems["email"] = CatalogKey.t("Enter an email address like name@example.org.")
        }
        if place.count > 200 || place.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            problems["affiliation"] = CatalogKey.t("Enter your affiliation in at most 200 characters, on one line.")
        }
        guard problems.isEmpty else { return .failure(DebateFormProblems(fields: problems)) }
        return .success(DebateRegistrant(fullName: name, email: address, affiliation: place))
    }
}

/// The messages (catalog keys) beside the public form's fields.
struct DebateFormProblems: Error, Sendable, Equatable {
    var fields: [String: String]
}
