import CArgon2

/// Hashes and verifies passwords with argon2id (libargon2), always off the event loops.
///
/// Hashes are stored as PHC strings, `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`, with a 16-byte
/// random salt and a 32-byte hash; the parameters travel inside the string, so raising them later
/// still verifies old hashes, and ``needsRehash(_:)`` says when to replace one.
///
/// A password is hashed as its exact UTF-8 bytes: never trimmed, normalised or truncated, so any
/// Unicode text works and every character counts.
///
/// Signing in is meant to go like this, so that an unknown email and a wrong password take the
/// same time (one argon2 verification each) and cannot be told apart:
///
/// ```swift
/// guard let account = try await store.account(email: email) else {
///     _ = await hasher.verify(password, against: hasher.dummyHash)
///     throw …wrong email or password
/// }
/// guard await hasher.verify(password, against: account.passwordHash) else { throw …same error }
/// if hasher.needsRehash(account.passwordHash) {
///     try await store.setPasswordHash(try await hasher.hash(password), for: account.id)
/// }
/// ```
public struct PasswordHasher: Sendable {
    /// The cost of every new hash, and the level below which ``needsRehash(_:)`` answers true.
    public let parameters: Argon2Parameters
    /// A hash of a random secret nobody knows, made once with ``parameters`` when the hasher is
    /// created. Verify the submitted password against it when no account has the submitted email,
    /// and ignore the result: the request then costs what a wrong password costs.
    public let dummyHash: String

    static let saltLength = 16
    static let hashLength = 32

    /// Creates the hasher at start-up; computing ``dummyHash`` costs one hash, run on the thread pool.
    public init(parameters: Argon2Parameters) async throws {
        self.parameters = parameters
        let secret = Self.randomBytes(count: 32).map { String($0, radix: 16) }.joined()
        self.dummyHash = try await offload {
            try Self.encode(secret, parameters: parameters, salt: Self.randomBytes(count: Self.saltLength))
        }
    }

    /// The PHC string of `password` hashed with ``parameters`` and a fresh random salt.
    ///
    /// - Throws: ``HashingError`` if libargon2 fails (out of memory); an error if the thread pool
    ///   has shut down.
    public func hash(_ password: String) async throws -> String {
        let parameters = parameters
        return try await offload {
            try Self.encode(password, parameters: parameters, salt: Self.randomBytes(count: Self.saltLength))
        }
    }

    /// Whether `password` is the one `encoded` was made from.
    ///
    /// Anything that is not a well-formed argon2id version-19 PHC string (empty, another variant,
    /// truncated, garbage) is `false` without calling argon2.
    public func verify(_ password: String, against encoded: String) async -> Bool {
        guard Self.parse(encoded) != nil else {
            return false
        }
        let result = try? await offload { Self.matches(password, encoded: encoded) }
        return result ?? false
    }

    /// True when `encoded` should be replaced by a fresh hash after a successful sign-in: it is not
    /// an argon2id version-19 PHC string, its salt is shorter or its hash length differs from what
    /// ``hash(_:)`` makes now, or any of its parameters is lower than ``parameters``. A hash made
    /// with higher parameters is kept.
    public func needsRehash(_ encoded: String) -> Bool {
        guard let stored = Self.parse(encoded), stored.saltBytes >= Self.saltLength, stored.hashBytes == Self.hashLength else {
            return true
        }
        return stored.parameters.isWeaker(than: parameters)
    }

    /// The parameters written in a stored hash, or `nil` when it is not a well-formed argon2id
    /// version-19 PHC string. They may be below ``Argon2Parameters/minimum``.
    public static func parameters(of encoded: String) -> Argon2Parameters? {
        parse(encoded)?.parameters
    }

    /// Hashes with any parameters and salt, without the minimum: ``hash(_:)`` uses it, and so do
    /// tests that need a hash made with weaker parameters. Blocking.
    static func encode(_ password: String, parameters: Argon2Parameters, salt: [UInt8]) throws(HashingError) -> String {
        let length = argon2_encodedlen(
            parameters.iterations, parameters.memoryKiB, parameters.parallelism,
            UInt32(salt.count), UInt32(hashLength), Argon2_id
        )
        var encoded = [CChar](repeating: 0, count: length)
        let bytes = Array(password.utf8)
        let result = bytes.withUnsafeBytes { password in
            salt.withUnsafeBytes { salt in
                encoded.withUnsafeMutableBufferPointer { output in
                    argon2id_hash_encoded(
                        parameters.iterations, parameters.memoryKiB, parameters.parallelism,
                        password.baseAddress, password.count, salt.baseAddress, salt.count,
                        hashLength, output.baseAddress, output.count
                    )
                }
            }
        }
        guard result == ARGON2_OK.rawValue else {
            throw HashingError(code: result)
        }
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Runs argon2id over `password` with the salt and parameters in `encoded`. Blocking.
    static func matches(_ password: String, encoded: String) -> Bool {
        let bytes = Array(password.utf8)
        let result = bytes.withUnsafeBytes { password in
            argon2id_verify(encoded, password.baseAddress, password.count)
        }
        return result == ARGON2_OK.rawValue
    }

    /// Splits `$argon2id$v=19$m=…,t=…,p=…$<salt>$<hash>` strictly: exactly these fields in this
    /// order, decimal numbers that fit in 32 bits and that argon2 accepts, salt and hash in unpadded
    /// standard base64. Returns the decoded byte lengths of salt and hash.
    static func parse(_ encoded: String) -> (parameters: Argon2Parameters, saltBytes: Int, hashBytes: Int)? {
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0].isEmpty, fields[1] == "argon2id", fields[2] == "v=19" else {
            return nil
        }
        let costs = fields[3].split(separator: ",", omittingEmptySubsequences: false)
        guard costs.count == 3,
              let memory = number(costs[0], prefix: "m="),
              let iterations = number(costs[1], prefix: "t="),
              let parallelism = number(costs[2], prefix: "p="),
              let saltBytes = base64ByteCount(fields[4]),
              let hashBytes = base64ByteCount(fields[5])
        else {
            return nil
        }
        let parameters = Argon2Parameters(unchecked: memory, iterations, parallelism)
        guard parameters.isAcceptedByArgon2 else {
            return nil
        }
        return (parameters, saltBytes, hashBytes)
    }

    /// The value of `m=19456`-style field: ASCII digits only, no sign, at most `UInt32.max`.
    static func number(_ field: Substring, prefix: String) -> UInt32? {
        guard field.hasPrefix(prefix) else {
            return nil
        }
        let digits = field.dropFirst(prefix.count)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return UInt32(digits)
    }

    /// How many bytes an unpadded standard-base64 text decodes to, or `nil` if it is empty, has
    /// a character outside the alphabet, or a length no byte string encodes to.
    static func base64ByteCount(_ text: Substring) -> Int? {
        let isBase64: (UInt8) -> Bool = { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                true
            default:
                false
            }
        }
        let count = text.utf8.count
        guard count > 0, count % 4 != 1, text.utf8.allSatisfy(isBase64) else {
            return nil
        }
        return count * 3 / 4
    }

    /// Bytes from the system's cryptographic generator (getrandom on Linux).
    static func randomBytes(count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in generator.next() }
    }

    /// libargon2 refused to hash; in practice only when memory cannot be allocated.
    public struct HashingError: Error, CustomStringConvertible {
        /// The `Argon2_ErrorCodes` value libargon2 returned.
        public let code: Int32

        public var description: String {
            "argon2id hashing failed: \(String(cString: argon2_error_message(code)))"
        }
    }
}
