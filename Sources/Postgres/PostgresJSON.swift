import Foundation

/// An `Encodable` value bound as one `jsonb` parameter: `JSONEncoder`'s text, typed `jsonb`.
///
/// Rows written this way are how one statement takes many rows whose values may be NULL (array parameters
/// cannot hold NULLs): `FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (…)) WITH ORDINALITY AS r(…, position)`
/// reads them back in order, a missing or `null` key as NULL, a key no column names ignored.
public struct PostgresJSON<Value: Encodable & Sendable>: PostgresEncodable {
    /// How the keys of the JSON objects are spelt.
    public enum Keys: Sendable {
        /// As the coding keys say (the properties' names unless declared otherwise).
        case asDeclared
        /// In snake case, as SQL columns are named: `weightKg` as `weight_kg`.
        case snakeCase
    }

    public let value: Value
    public let keys: Keys

    public init(_ value: Value, keys: Keys = .asDeclared) {
        self.value = value
        self.keys = keys
    }

    /// Throws `PostgresError.server(sqlState: "22P02", …)`, as the server would for such text, when the value
    /// has no JSON form (a NaN or infinite `Double`).
    public func postgresParameter() throws(PostgresError) -> PostgresParameter {
        let encoder = JSONEncoder()
        if keys == .snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
        let json: Data
        do {
            json = try encoder.encode(value)
        } catch {
            throw PostgresError.server(sqlState: "22P02", message: "a jsonb parameter has no JSON form: \(error)")
        }
        return try .text(String(decoding: json, as: UTF8.self), type: .jsonb)
    }
}
