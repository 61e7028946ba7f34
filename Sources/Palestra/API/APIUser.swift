import Hummingbird

/// A user as the API shows them (`GET /api/v1/me`).
struct APIUser: ResponseEncodable {
    let id: Int
    let email: String
    let displayName: String
    let role: String
    /// `null` when the user follows their browser's language.
    let language: String?

    init(_ user: User) {
        id = user.id
        email = user.email
        displayName = user.displayName
        role = user.role.rawValue
        language = user.language?.rawValue
    }

    enum CodingKeys: String, CodingKey {
        case id, email, role, language
        case displayName = "display_name"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(email, forKey: .email)
        try container.encode(displayName, forKey: .displayName)
        try container.encode(role, forKey: .role)
        // Written out even when nil: the field is always there, `null` when unset.
        try container.encode(language, forKey: .language)
    }
}
