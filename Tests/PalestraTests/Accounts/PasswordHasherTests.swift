@testable import Palestra
import Testing

/// Real argon2id at the minimum cost; no mocks.
@Suite("Password hashing")
struct PasswordHasherTests {
    static let minimumPrefix = "$argon2id$v=19$m=19456,t=2,p=1$"

    /// A hash made with parameters below the minimum, as an older configuration would have left it.
    static func weakHash(_ password: String, memoryKiB: UInt32 = 4096, iterations: UInt32 = 1) throws -> String {
        try PasswordHasher.encode(
            password,
            parameters: Argon2Parameters(unchecked: memoryKiB, iterations, 1),
            salt: PasswordHasher.randomBytes(count: 16)
        )
    }

    @Test("the right password verifies, a wrong one does not")
    func rightAndWrong() async throws {
        let hasher = try await PasswordHasher(parameters: .minimum)
        let encoded = try await hasher.hash("correct horse battery staple")
        #expect(encoded.hasPrefix(Self.minimumPrefix))
        #expect(await hasher.verify("correct horse battery staple", against: encoded))
        #expect(await !hasher.verify("correct horse battery stapl", against: encoded))
        #expect(await !hasher.verify("Correct horse battery staple", against: encoded))
        #expect(await !hasher.verify("correct horse battery staple ", against: encoded))
        #expect(await !hasher.verify("", against: encoded))
    }

    @Test("every character counts: the 256th differing is refused, also past 256 bytes")
    func noTruncation() async throws {
        let hasher = try await PasswordHasher(parameters: .minimum)
        let ascii = String(repeating: "a", count: 255)
        let asciiHash = try await hasher.hash(ascii + "b")
        #expect(await hasher.verify(ascii + "b", against: asciiHash))
        #expect(await !hasher.verify(ascii + "c", against: asciiHash))
        #expect(await !hasher.verify(ascii, against: asciiHash))

        let cyrillic = String(repeating: "ж", count: 255)
        let cyrillicHash = try await hasher.hash(cyrillic + "а")
        #expect(await hasher.verify(cyrillic + "а", against: cyrillicHash))
        #expect(await !hasher.verify(cyrillic + "б", against: cyrillicHash))
    }

    @Test("Unicode passwords verify", arguments: [
        "пароль-Тренировка-2024",
        "🏋️‍♀️💪🏽 жим лёжа 🇷🇺",
        "Cafe\u{301} noir, n\u{303}o",
        "tab\tand\nnewline and \u{0} NUL",
    ])
    func unicode(password: String) async throws {
        let hasher = try await PasswordHasher(parameters: .minimum)
        let encoded = try await hasher.hash(password)
        #expect(await hasher.verify(password, against: encoded))
        #expect(await !hasher.verify(password + "x", against: encoded))
    }

    @Test("the exact UTF-8 bytes are hashed: composed é is not decomposed é")
    func noNormalisation() async throws {
        let hasher = try await PasswordHasher(parameters: .minimum)
        let composed = "caf\u{E9}-latte-2024"
        let decomposed = "cafe\u{301}-latte-2024"
        #expect(composed == decomposed)  // Swift compares canonically; the bytes differ
        let encoded = try await hasher.hash(composed)
        #expect(await hasher.verify(composed, against: encoded))
        #expect(await !hasher.verify(decomposed, against: encoded))
    }

    @Test("stored parameters are the configured ones; every hash has its own salt")
    func parametersAndSalt() async throws {
        let parameters = try #require(Argon2Parameters(memoryKiB: 19456 + 1024, iterations: 3, parallelism: 2))
        let hasher = try await PasswordHasher(parameters: parameters)
        let first = try await hasher.hash("same password twice")
        let second = try await hasher.hash("same password twice")
        #expect(PasswordHasher.parameters(of: first) == parameters)
        #expect(PasswordHasher.parameters(of: second) == parameters)
        #expect(first.hasPrefix("$argon2id$v=19$m=20480,t=3,p=2$"))
        let firstFields = first.split(separator: "$")
        let secondFields = second.split(separator: "$")
        #expect(firstFields.count == 5)
        #expect(firstFields[3].count == 22)  // 16-byte salt
        #expect(firstFields[4].count == 43)  // 32-byte hash
        #expect(firstFields[3] != secondFields[3])
        #expect(firstFields[4] != secondFields[4])
        #expect(await hasher.verify("same password twice", against: first))
        #expect(await hasher.verify("same password twice", against: second))
    }

    @Test("a hash with weaker parameters verifies and needs rehashing")
    func weakerStored() async throws {
        let hasher = try await PasswordHasher(parameters: .minimum)
        let weak = try Self.weakHash("old password")
        #expect(PasswordHasher.parameters(of: weak) == Argon2Parameters(unchecked: 4096, 1, 1))
        #expect(await hasher.verify("old password", against: weak))
        #expect(hasher.needsRehash(weak))
        let oneIteration = try Self.weakHash("old password", memoryKiB: 19456, iterations: 1)
        #expect(hasher.needsRehash(oneIteration))
        let current = try await hasher.hash("new password")
        #expect(!hasher.needsRehash(current))
    }

    @Test("raising any configured parameter asks for a rehash; a stronger stored hash is kept")
    func higherConfigured() async throws {
        let minimum = try await PasswordHasher(parameters: .minimum)
        let stored = try await minimum.hash("kept password")
        for raised in [
            Argon2Parameters(memoryKiB: 19456 * 2, iterations: 2, parallelism: 1),
            Argon2Parameters(memoryKiB: 19456, iterations: 3, parallelism: 1),
            Argon2Parameters(memoryKiB: 19456, iterations: 2, parallelism: 2),
        ] {
            let stronger = try await PasswordHasher(parameters: try #require(raised))
            #expect(stronger.needsRehash(stored))
            #expect(await stronger.verify("kept password", against: stored))
            #expect(!minimum.needsRehash(stronger.dummyHash))
        }
        #expect(!minimum.needsRehash(stored))
    }

    @Test("malformed hashes never verify and always need rehashing")
    func malformed() async throws {
        let hasher = try await PasswordHasher(parameters: .minimum)
        let good = try await hasher.hash("pw")
        let fields = good.split(separator: "$", omittingEmptySubsequences: false)
        let salt = fields[4], hash = fields[5]
        let cases: [String] = [
            "",
            "garbage",
            "$",
            "$$$$$",
            "$argon2i$v=19$m=19456,t=2,p=1$\(salt)$\(hash)",
            "$argon2d$v=19$m=19456,t=2,p=1$\(salt)$\(hash)",
            "$argon2id$v=16$m=19456,t=2,p=1$\(salt)$\(hash)",
            "$argon2id$m=19456,t=2,p=1$\(salt)$\(hash)",
            "$argon2id$v=19$t=2,m=19456,p=1$\(salt)$\(hash)",
            "$argon2id$v=19$m=19456,t=2$\(salt)$\(hash)",
            "$argon2id$v=19$m=19456,t=0,p=1$\(salt)$\(hash)",
            "$argon2id$v=19$m=19456,t=2,p=0$\(salt)$\(hash)",
            "$argon2id$v=19$m=4,t=2,p=1$\(salt)$\(hash)",
            "$argon2id$v=19$m=99999999999,t=2,p=1$\(salt)$\(hash)",
            "$argon2id$v=19$m=-19456,t=2,p=1$\(salt)$\(hash)",
            "$argon2id$v=19$m=+19456,t=2,p=1$\(salt)$\(hash)",
            "$argon2id$v=19$m=19456,t=2,p=1$$\(hash)",
            "$argon2id$v=19$m=19456,t=2,p=1$\(salt)$",
            "$argon2id$v=19$m=19456,t=2,p=1$\(salt)$\(hash)$",
            "$argon2id$v=19$m=19456,t=2,p=1$\(salt)$\(hash)=",
            "$argon2id$v=19$m=19456,t=2,p=1$\(salt)$\(hash.dropLast())*",
            "$argon2id$v=19$m=19456,t=2,p=1$\(salt)\u{0}$\(hash)",
            " " + good,
            String(good.dropLast(1)),
            String(good.dropLast(10)),
            String(good.dropLast(44)),
            String(good.prefix(20)),
            good.replacing("$v=19$", with: "$v=19$$"),
        ]
        for encoded in cases {
            #expect(await !hasher.verify("pw", against: encoded), "verify \(encoded)")
            #expect(hasher.needsRehash(encoded), "needsRehash \(encoded)")
        }
        #expect(await hasher.verify("pw", against: good))
    }

    @Test("the dummy hash uses the configured parameters and matches nothing guessable")
    func dummy() async throws {
        let hasher = try await PasswordHasher(parameters: .minimum)
        #expect(PasswordHasher.parameters(of: hasher.dummyHash) == .minimum)
        #expect(!hasher.needsRehash(hasher.dummyHash))
        for guess in ["", "password", "dummy"] {
            #expect(await !hasher.verify(guess, against: hasher.dummyHash))
        }
        let other = try await PasswordHasher(parameters: .minimum)
        #expect(other.dummyHash != hasher.dummyHash)
    }

    @Test("parameters below the minimum or that argon2 refuses are not accepted")
    func parameterFloor() throws {
        #expect(Argon2Parameters(memoryKiB: 19456, iterations: 2, parallelism: 1) == .minimum)
        #expect(Argon2Parameters(memoryKiB: 19455, iterations: 2, parallelism: 1) == nil)
        #expect(Argon2Parameters(memoryKiB: 65536, iterations: 1, parallelism: 1) == nil)
        #expect(Argon2Parameters(memoryKiB: 65536, iterations: 3, parallelism: 0) == nil)
        #expect(Argon2Parameters(memoryKiB: 19456, iterations: 2, parallelism: 2433) == nil)  // < 8 KiB per lane
        let stronger = try #require(Argon2Parameters(memoryKiB: 47104, iterations: 3, parallelism: 1))
        #expect(Argon2Parameters.minimum.isWeaker(than: stronger))
        #expect(!stronger.isWeaker(than: .minimum))
        #expect(!Argon2Parameters.minimum.isWeaker(than: .minimum))
        let moreLanes = Argon2Parameters(unchecked: 19456, 2, 4)
        let moreMemory = Argon2Parameters(unchecked: 65536, 2, 1)
        #expect(moreLanes.isWeaker(than: moreMemory) && moreMemory.isWeaker(than: moreLanes))
    }
}
