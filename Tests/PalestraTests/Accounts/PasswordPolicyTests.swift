@testable import Palestra
import Testing

@Suite("Password policy")
struct PasswordPolicyTests {
    let policy: PasswordPolicy

    init() throws {
        policy = PasswordPolicy(commonPasswords: try CommonPasswords.load())
    }

    @Test("the shipped list is loaded, lowercased, and large")
    func list() throws {
        let passwords = try CommonPasswords.load()
        #expect(passwords.count >= 10_000)
        #expect(passwords.contains("password1"))
        #expect(passwords.contains("qwerty123"))
        #expect(passwords.contains("пароль"))
        #expect(passwords.allSatisfy { $0 == $0.lowercased() && !$0.isEmpty })
    }

    @Test("lines are split on any line break, blank lines skipped, entries lowercased")
    func parse() {
        #expect(CommonPasswords.parse("One\r\ntwo\n\nTHREE\n") == ["one", "two", "three"])
    }

    @Test("length limits count characters", arguments: [
        ("Xk4!pZq", PasswordProblem?.some(.tooShort(minimum: 8))),
        ("Xk4!pZq9", nil),
        ("", .tooShort(minimum: 8)),
        (String(repeating: "Zq7!", count: 64), nil),
        (String(repeating: "Zq7!", count: 64) + "x", .tooLong(maximum: 256)),
        (String(repeating: "e\u{301}", count: 7), .tooShort(minimum: 8)),  // 14 scalars, 7 characters
        (String(repeating: "👨‍👩‍👧‍👦", count: 8), nil),  // 8 characters, 200 bytes
        (String(repeating: "👨‍👩‍👧‍👦", count: 257), .tooLong(maximum: 256)),
    ])
    func length(password: String, expected: PasswordProblem?) {
        #expect(policy.problem(with: password, email: nil, name: nil) == expected)
    }

    @Test("common passwords are refused whatever their case", arguments: [
        "password1", "Qwerty123", "QWERTY123", "PassWord1", "12345678", "ILoveYou", " password1 ",
    ])
    func common(password: String) {
        #expect(policy.problem(with: password, email: "ivan@example.org", name: "Ivan") == .tooCommon)
    }

    @Test("a password made of the email or name is refused", arguments: [
        ("ivan.petrov@example.org", "ivan.petrov@example.org", nil),
        ("IVAN.PETROV@EXAMPLE.ORG", "ivan.petrov@example.org", nil),
        ("ivan.petrov", "ivan.petrov@example.org", nil),
        ("Ivan.Petrov1990!", "ivan.petrov@example.org", nil),
        ("petrov2024!", "ivan.petrov@example.org", nil),
        ("12345@x.io", "12345@x.io", nil),
        ("Ivan Petrov", "someone@example.org", "Ivan Petrov"),
        ("1990-IvanPetrov", nil, "Ivan Petrov"),
        ("Смирнова2024!", nil, "Анна Смирнова"),
    ] as [(String, String?, String?)])
    func resemblance(password: String, email: String?, name: String?) {
        #expect(policy.problem(with: password, email: email, name: name) == .resemblesEmailOrName)
    }

    @Test("a good password passes, with or without email and name", arguments: [
        "correct horse battery staple", "ivan.petrov likes deadlifts", "Жим лёжа 120 кг!", "al123456",
    ])
    func acceptable(password: String) {
        #expect(policy.problem(with: password, email: "ivan.petrov@example.org", name: "Ivan Petrov") == nil)
        #expect(policy.problem(with: password, email: "al@example.org", name: "Al") == nil)
        #expect(policy.problem(with: password, email: nil, name: nil) == nil)
    }
}
