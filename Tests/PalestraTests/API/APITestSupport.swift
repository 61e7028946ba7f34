import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import TestSupport

/// Tokens and requests of the API tests.
enum APITest {
    /// Makes a token for a user straight in the database and returns its secret.
    static func token(for userID: Int, name: String = "test", in database: TestDatabase) async throws -> String {
        try await database.withClient { client in
            guard let issued = try await APITokenStore(database: client).create(userID: userID, name: name) else {
                throw APITestError.noUser(userID)
            }
            return issued.secret
        }
    }

    static func bearer(_ secret: String) -> HTTPFields {
        [.authorization: "Bearer \(secret)"]
    }

    /// The response's problem document, after checking its media type.
    static func problem(_ response: TestResponse) throws -> [String: Any] {
        guard response.headers[.contentType] == APIProblem.contentType else {
            throw APITestError.notAProblem(response.headers[.contentType] ?? "none", response.text)
        }
        guard let object = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any] else {
            throw APITestError.notAProblem("not an object", response.text)
        }
        return object
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any] ?? [:]
    }
}

enum APITestError: Error {
    case noUser(Int)
    case notAProblem(String, String)
}
