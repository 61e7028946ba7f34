import Foundation
import Hummingbird

extension Request {
    /// The JSON body as `T`, read up to the context's limit. Unlike Hummingbird's `decode(as:context:)`,
    /// which turns every decoding error into a bare 400, it lets ``APIProblemMiddleware`` tell malformed
    /// JSON (400 `malformed_json`) from well-formed JSON of the wrong shape (422 `invalid`, per field).
    public func decodeJSON<T: Decodable>(as type: T.Type, context: APIRequestContext) async throws -> T {
        try await JSONDecoder().decode(type, from: self, context: context)
    }
}
