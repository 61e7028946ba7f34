@testable import Palestra
import Postgres
import TestSupport

/// Users made straight in a test's database, one per role, all with the same password.
enum TestUsers {
    static let password = "gentle-otter-canoe"

    /// The minimum argon2 cost keeps tests quick; it is still the production floor.
    static func hasher() async throws -> PasswordHasher {
        try await PasswordHasher(parameters: .minimum)
    }

    /// Creates a user and returns its id.
    @discardableResult
    static func create(
        _ email: String, role: Role, name: String? = nil, password: String = password, in database: TestDatabase
    ) async throws -> Int {
        try await database.withClient { client in
            try await NewUser(email: email, displayName: name ?? email.split(separator: "@")[0].capitalized, role: role, password: password)
                .create(in: client, hasher: try await hasher())
        }
    }

    /// One user per role: `admin@example.org`, `manager@…`, `coach@…`, `student@…`; ids by role.
    static func everyRole(in database: TestDatabase) async throws -> [Role: Int] {
        var ids: [Role: Int] = [:]
        for role in Role.allCases {
            ids[role] = try await create("\(role.rawValue)@example.org", role: role, in: database)
        }
        return ids
    }
}
