import Hummingbird

/// The API tokens of one user, managed by that user on `/account` or by an administrator on the user's object
/// page (``UserTokensPage``): one POST form makes a named token, whose secret is shown once, or revokes one.
enum APITokenForm {
    enum Outcome: Sendable {
        /// Made: the secret is in the answer and nowhere else.
        case issued(IssuedAPIToken)
        /// `already`: revoked before (a second click, another tab), so nothing changed.
        case revoked(APIToken, already: Bool)
        /// The name refused, with what was entered, to show again beside the message.
        case invalid(name: String, error: String)
    }

    /// `revoke=<id>` revokes that token of `owner` (anyone else's id, or none, is a 404); otherwise `name` makes one.
    static func submit(_ form: FormData, owner: Int, tokens: APITokenStore, localizer: Localizer) async throws -> Outcome {
        if let revoke = form.value("revoke") {
            guard let id = Int(revoke), let token = try await tokens.tokens(ofUser: owner).first(where: { $0.id == id }) else {
                throw AppError.notFound
            }
            let revokedNow = token.revokedAt == nil ? try await tokens.revoke(id: id, ofUser: owner) : false
            return .revoked(token, already: !revokedNow)
        }
        let entered = form.value("name") ?? ""
        if let error = nameError(entered, localizer: localizer) { return .invalid(name: entered, error: error) }
        guard let name = APIToken.validName(entered), let issued = try await tokens.create(userID: owner, name: name) else {
            throw AppError.notFound
        }
        return .issued(issued)
    }

    /// What is wrong with a name, or `nil`: 1 to ``APIToken/nameLimit`` characters once trimmed, no control characters.
    static func nameError(_ name: String, localizer: Localizer) -> String? {
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return localizer.t("A name cannot contain control characters such as line breaks.")
        }
        guard APIToken.validName(name) == nil else { return nil }
        return name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            ? localizer.t("Enter a name, such as the program that will use the token.")
            : localizer.t("At most 100 characters.")
    }

    /// The flash a revocation leaves on the page it goes back to.
    static func revokedFlash(_ token: APIToken, already: Bool, localizer: Localizer) -> FlashMessage {
        already
            ? .info(localizer.t("The token “{name}” was already revoked.", ["name": token.name]))
            : .success(localizer.t("The token “{name}” was revoked: it is refused from now on.", ["name": token.name]))
    }
}
