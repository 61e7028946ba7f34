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
        (PasswordPolicyTests.varied(256), nil),
        (PasswordPolicyTests.varied(257), .tooLong(maximum: 256)),
        (String(repeating: "e\u{301}", count: 7), .tooShort(minimum: 8)),  // 14 scalars, 7 characters
        ("👨‍👩‍👧‍👦👩‍👩‍👦👨‍👨‍👧🐟🦦🛶🌲🌊", nil),  // 8 characters, 81 bytes
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

    /// `count` characters with no repetition and no run: the words of a passphrase, numbered.
    static func varied(_ count: Int) -> String {
        let words = ["otter", "canoe", "meadow", "lantern", "whistle", "river"]
        var text = ""
        var number = 0
        while text.count < count {
            text += "\(words[number % words.count])\(number)-"
            number += 1
        }
        return String(text.prefix(count))
    }

    @Test("one character or a pattern of up to four, repeated throughout, is refused", arguments: [
        "aaaaaaaaaaaa", "AaAaAaAaAaAa", "abcabcabcabc", "121212121212", "Zq7!Zq7!Zq7!", "abcdabcdab", "жжжжжжжж", "🦦🦦🦦🦦🦦🦦🦦🦦",
    ])
    func repeated(password: String) {
        #expect(PasswordPolicy(commonPasswords: []).problem(with: password, email: nil, name: nil) == .repeatedPattern)
        #expect(policy.problem(with: password, email: nil, name: nil) != nil)
    }

    @Test("a longer pattern, or a repetition that does not cover the password, is not refused as one", arguments: [
        "Zq7!xZq7!xZq7!x", "aaaaaaaaaaa7!K", "tick-tock-tick-tock",
    ])
    func notRepeated(password: String) {
        #expect(policy.problem(with: password, email: nil, name: nil) == nil)
    }

    @Test("keyboard rows and alphabets, either way, as three quarters of the password or more, are refused", arguments: [
        "qwertyuiop", "QWERTYUIOP", "poiuytrewq", "asdfghjkl1", "zxcvbnm,./", "qwerty123456", "ytrewq!!",
        "йцукенгшщз", "ЙЦУКЕНГШ", "фывапролдж", "abcdefgh", "hgfedcba", "абвгдеёж", "абвгдежз", "0987654321",
        "1234567890", "!@#$%^&*()", "xyz-abc-123",
    ])
    func runs(password: String) {
        // Some are also common passwords: the policy without the list shows this rule alone.
        #expect(PasswordPolicy(commonPasswords: []).problem(with: password, email: nil, name: nil) == .keyboardRun)
        #expect(policy.problem(with: password, email: nil, name: nil) != nil)
    }

    @Test("runs in less than three quarters of the password are not refused", arguments: [
        "qwerty!2024", "first-study-defend", "abc-kettlebell", "Стоп123-бег",
    ])
    func someRuns(password: String) {
        #expect(policy.problem(with: password, email: nil, name: nil) == nil)
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

    @Test("a password containing the email name, or a name or a word of it, anywhere is refused", arguments: [
        ("ivanpetrov-rocks-2024", "ivan.petrov@example.org", nil),
        ("ivan.petrov likes deadlifts", "ivan.petrov@example.org", nil),
        ("deadlifts-by-PETROV", "someone@example.org", "Ivan Petrov"),
        ("my-ivan-2024!", nil, "Ivan Petrov"),
        ("i.v.a.n-is-strong", nil, "Ivan Petrov"),
        ("coach-smirnova-u12", "coach.smirnova@palestra.example", nil),
        ("любимая Анна 2024", nil, "Анна Смирнова"),
        ("kettlebell-x9k2-ab", "x9k2ab@example.org", nil),  // the local part's letters, digits ignored
    ] as [(String, String?, String?)])
    func containsAccount(password: String, email: String?, name: String?) {
        #expect(policy.problem(with: password, email: email, name: name) == .resemblesEmailOrName)
    }

    @Test("the demo and test passwords pass for the accounts that use them", arguments: [
        ("sprint-relay-7492", "admin@palestra.example", "Demo Administrator"),
        ("whistle-meadow-5183", "coach.smirnova@palestra.example", "Anna Smirnova"),
        ("whistle-meadow-5183", "coach.volkov@palestra.example", "Dmitry Volkov"),
        ("whistle-meadow-5183", "coach.morel@palestra.example", "Claire Morel"),
        ("gentle-otter-canoe", "coach@example.org", "Coach"),
        ("gentle-otter-canoe", "manager@example.org", "Manager"),
        ("quiet-river-stone", "coach@example.org", "Coach"),
        ("fresh-meadow-lantern", "coach@example.org", "Ivan Petrov"),
        (BenchSeed.coachPassword, "bench.coach1@palestra.example", "Bench Coach 1"),
    ])
    func demo(password: String, email: String, name: String) {
        #expect(policy.problem(with: password, email: email, name: name) == nil)
    }

    @Test("the benchmarks' administrator password (the Makefile's BENCH_ADMIN_PASSWORD) passes for bench@example.org")
    func benchAdmin() throws {
        let makefile = try String(contentsOfFile: Repository.root + "/Makefile", encoding: .utf8)
        let password = try #require(makefile.firstMatch(of: /BENCH_ADMIN_PASSWORD := (\S+)/).map { String($0.output.1) })
        #expect(policy.problem(with: password, email: "bench@example.org", name: "Bench") == nil, "\(password)")
    }

    @Test("each problem has its own message, in English and Russian")
    func messages() throws {
        let localizations = try Localizations(directory: Repository.templates + "/locales")
        let problems: [PasswordProblem] = [.tooShort(minimum: 8), .tooLong(maximum: 256), .tooCommon, .repeatedPattern, .keyboardRun, .resemblesEmailOrName]
        for language in Language.allCases {
            let texts = problems.map { PasswordMessages.text(for: $0, localizer: localizations.localizer(for: language)) }
            #expect(Set(texts).count == problems.count, "\(language): \(texts)")
        }
        let russian = localizations.localizer(for: .ru)
        #expect(PasswordMessages.text(for: .keyboardRun, localizer: russian).hasPrefix("Пароль почти целиком из соседних клавиш"))
        #expect(PasswordMessages.text(for: .repeatedPattern, localizer: russian).hasPrefix("Пароль повторяет один символ"))
    }

    @Test("a good password passes, with or without email and name", arguments: [
        "correct horse battery staple", "Жим лёжа 120 кг!", "al-kettlebell-58", "quiet-river-stone",
    ])
    func acceptable(password: String) {
        #expect(policy.problem(with: password, email: "ivan.petrov@example.org", name: "Ivan Petrov") == nil)
        #expect(policy.problem(with: password, email: "al@example.org", name: "Al") == nil)
        #expect(policy.problem(with: password, email: nil, name: nil) == nil)
    }
}
