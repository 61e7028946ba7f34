import ArgumentParser
import Foundation
import Palestra
import Postgres

struct CreateUserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "createuser",
        abstract: "Create a user. The password is asked for (not echoed), or read from standard input with --password-stdin.",
        discussion: "With --demo: create the demo administrator (\(DemoAdmin.email), password \(DemoAdmin.password)) if there are no users yet."
    )

    @Option(help: "The user's email address (their login).") var email: String?
    @Option(help: "The name shown to others.") var name: String?
    @Option(help: "admin, manager, coach or student.") var role: String?
    @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
    @Flag(help: "Create the demo administrator when the database has no users; do nothing otherwise.") var demo = false

    func validate() throws {
        if !demo && (email == nil || name == nil || role == nil) {
            throw ValidationError("--email, --name and --role are required (or --demo)")
        }
        if let role, Role(rawValue: role) == nil {
            throw ValidationError("--role must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let configuration = try loadConfiguration()
        let logger = makeLogger()
        let policy = PasswordPolicy(commonPasswords: try CommonPasswords.load())
        let hasher = try await PasswordHasher(parameters: configuration.argon2)
        try await PostgresClient.withClient(configuration: configuration.database, maxConnections: 1, logger: logger) { database in
            if demo {
                guard try await UserStore(database: database).count() == 0 else {
                    print("Users exist already: no demo administrator created.")
                    return
                }
                let user = NewUser(email: DemoAdmin.email, displayName: DemoAdmin.name, role: .admin, password: DemoAdmin.password)
                _ = try await user.create(in: database, hasher: hasher)
                print("Demo administrator created: \(DemoAdmin.email) / \(DemoAdmin.password) (change the password after signing in)")
                return
            }
            let password = passwordStdin ? (readLine(strippingNewline: true) ?? "") : try PasswordPrompt.ask()
            let user = NewUser(email: email ?? "", displayName: name ?? "", role: Role(rawValue: role ?? "") ?? .student, password: password)
            let problems = user.problems(policy: policy)
            guard problems.isEmpty else {
                FileHandle.standardError.write(Data(problems.map { "palestra: \($0)\n" }.joined().utf8))
                throw ExitCode.failure
            }
            do {
                let id = try await user.create(in: database, hasher: hasher)
                print("Created user \(id): \(user.email) (\(user.role.rawValue))")
            } catch PostgresError.uniqueViolation {
                FileHandle.standardError.write(Data("palestra: a user with the email \(user.email) exists already\n".utf8))
                throw ExitCode.failure
            }
        }
    }
}

/// The administrator `make run` creates on a fresh database, shown in the README.
enum DemoAdmin {
    static let email = "admin@palestra.example"
    static let name = "Demo Administrator"
    static let password = "sprint-relay-7492"
}
