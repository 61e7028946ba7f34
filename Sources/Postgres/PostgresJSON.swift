import Foundation

/// An `Encodable` value bound as one `jsonb` parameter: `JSONEncoder`'s text, typed `jsonb`.
///
/// Rows written this way are how one statement takes many rows whose values may be NULL (array parameters
/// cannot hold NULLs): `FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (…)) WITH ORDINALITY AS r(…, position)`
/// reads them back in order, a missing or `null` key as NULL.
public struct PostgresJSON<Value: Encodable & Sendable>: PostgresEncodable {
    public let value: Value

    public init(_ value: Value) {
        self.value = value
    }

    /// Throws `PostgresError.server(sqlState: "22P02", …)`, as the server would for such text, when the value
    /// has no JSON form (a NaN or infinite `Double`).
    public func postgresParameter() throws(PostgresError) -> PostgresParameter {
        let json: Data
        do {
            json = try JSONEncoder().encode(value)
        } catch {
            throw PostgresError.server(sqlState: "22P02", message: "a jsonb parameter has no JSON form: \(error)")
        }
        return try .text(String(decoding: json, as: UTF8.self), type: .jsonb)
    }
}
