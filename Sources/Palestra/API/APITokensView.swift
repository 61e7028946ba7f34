import Foundation
import Mustache

/// A user's API tokens as a card (`partials/api_tokens`): the list (name, the secret's first characters, made,
/// last used, revoked), a Revoke button on each live one, the form that makes one, and a secret just made, shown
/// this once.
struct APITokensView: Sendable {
    struct Row: Sendable {
        let id: String
        let name: String
        let prefix: String
        let created: String
        let lastUsed: String
        let revoked: String
        let isLive: Bool
    }

    let actionURL: String
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String
    let rows: [Row]
    let hasRows: Bool
    let name: String
    let nameError: String
    let hasNameError: Bool
    let nameLimit = String(APIToken.nameLimit)
    let issuedName: String
    let issuedSecret: String
    let hasIssued: Bool

    /// `entered` and `error`: a refused name, shown again beside its message.
    init(
        _ tokens: [APIToken], actionURL: String, csrfToken: String, localizer: Localizer, timeZone: TimeZone,
        issued: IssuedAPIToken? = nil, entered: String = "", error: String? = nil
    ) {
        func moment(_ date: Date?) -> String { date.map { localizer.format.dateTime($0, in: timeZone) } ?? "" }
        rows = tokens.map { token in
            Row(
                id: String(token.id), name: token.name, prefix: token.prefix, created: moment(token.createdAt),
                lastUsed: token.lastUsedAt == nil ? localizer.t("Never") : moment(token.lastUsedAt),
                revoked: moment(token.revokedAt), isLive: token.revokedAt == nil
            )
        }
        hasRows = !rows.isEmpty
        self.actionURL = actionURL
        self.csrfToken = csrfToken
        name = entered
        nameError = error ?? ""
        hasNameError = error != nil
        issuedName = issued?.token.name ?? ""
        issuedSecret = issued?.secret ?? ""
        hasIssued = issued != nil
    }
}

extension APITokensView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("actionURL", \.actionURL), .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
        .list("rows", \.rows), .bool("hasRows", \.hasRows), .text("name", \.name), .text("nameError", \.nameError),
        .bool("hasNameError", \.hasNameError), .text("nameLimit", \.nameLimit), .text("issuedName", \.issuedName),
        .text("issuedSecret", \.issuedSecret), .bool("hasIssued", \.hasIssued),
    ])
}

extension APITokensView.Row: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("id", \.id), .text("name", \.name), .text("prefix", \.prefix), .text("created", \.created),
        .text("lastUsed", \.lastUsed), .text("revoked", \.revoked), .bool("isLive", \.isLive),
    ])
}
