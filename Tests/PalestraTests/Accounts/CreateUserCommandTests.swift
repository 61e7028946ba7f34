import Foundation
@testable import Palestra
import Postgres
import TestSupport
import Testing

@Suite("palestra createuser")
struct CreateUserCommandTests {
    static func run(_ arguments: [String], input: String? = nil, database: TestDatabase) async throws -> (Int32, String) {
        let process = try ServerProcess(
            arguments: ["createuser"] + arguments, environment: ["DATABASE_URL": database.connectionString], standardInput: input
        )
        defer { process.stopIfRunning() }
        return try await process.waitForExit()
    }

    @Test("creates a user from --password-stdin with an argon2id hash, and refuses a duplicate or a weak password")
    func create() async throws {
        try await TestDatabase.with { database in
            let arguments = ["--email", "Coach@Example.org", "--name", "Иван Петров", "--role", "coach", "--password-stdin"]
            let (status, errors) = try await Self.run(arguments, input: "steady-falcon-orbit\n", database: database)
            #expect(status == 0, "\(errors)")
            #expect(try await database.value("SELECT role FROM users WHERE email = 'coach@example.org'", as: String.self) == "coach")
            let hash: String = try await database.value("SELECT password_hash FROM users")
            #expect(PasswordHasher.parameters(of: hash) == .minimum)
            let (again, duplicate) = try await Self.run(arguments, input: "steady-falcon-orbit\n", database: database)
            #expect(again != 0)
            #expect(duplicate.contains("exists already"))
            let weak = ["--email", "s@example.org", "--name", "S", "--role", "student", "--password-stdin"]
            let (refused, message) = try await Self.run(weak, input: "password\n", database: database)
            #expect(refused != 0)
            #expect(message.contains("password: "))
            let (badRole, roleMessage) = try await Self.run(["--email", "x@example.org", "--name", "X", "--role", "root"], database: database)
            #expect(badRole != 0)
            #expect(roleMessage.contains("--role must be one of"))
            #expect(try await database.value("SELECT count(*)::int FROM users", as: Int.self) == 1)
        }
    }

    @Test("--demo creates the demo administrator only on an empty database")
    func demo() async throws {
        try await TestDatabase.with { database in
            let (first, firstErrors) = try await Self.run(["--demo"], database: database)
            #expect(first == 0, "\(firstErrors)")
            let (second, secondErrors) = try await Self.run(["--demo"], database: database)
            #expect(second == 0, "\(secondErrors)")
            #expect(try await database.value("SELECT count(*)::int FROM users WHERE role = 'admin' AND email = 'admin@palestra.example'", as: Int.self) == 1)
            #expect(try await database.value("SELECT count(*)::int FROM users", as: Int.self) == 1)
        }
    }
}
