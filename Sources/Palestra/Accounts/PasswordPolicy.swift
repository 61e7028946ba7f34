import Foundation

/// What a new password must satisfy: its length, not a common password, not a repetition or a
/// keyboard run (``PasswordPatterns``), not containing the account's email name or name. It only
/// inspects: the password is hashed exactly as typed, never trimmed or normalised, and the policy
/// returns a ``PasswordProblem`` for the form to translate rather than any text.
///
/// Lengths count `Character`s (grapheme clusters), what a person sees as one character: `é`
/// typed as `e` plus a combining accent, or a family emoji, counts once however many bytes it has.
///
/// Check new passwords only (sign-up, password change, reset); signing in verifies whatever was
/// accepted before.
public struct PasswordPolicy: Sendable {
    /// Fewest characters a password may have.
    public let minimumLength: Int
    /// Most characters a password may have.
    public let maximumLength: Int
    /// Lowercased common passwords, from ``CommonPasswords/load()``.
    let commonPasswords: Set<String>

    /// Fewer letters than this in an email or name part are too little to call a password built
    /// from it (`al` in `al@example.org`).
    static let shortestResemblance = 3

    /// - Parameter commonPasswords: lowercased, as ``CommonPasswords/load()`` returns them;
    ///   load the list once at start-up and share this policy.
    public init(commonPasswords: Set<String>, minimumLength: Int = 8, maximumLength: Int = 256) {
        precondition(
            minimumLength >= 1 && minimumLength <= maximumLength,
            "password length limits \(minimumLength)...\(maximumLength) do not form a range"
        )
        self.commonPasswords = commonPasswords
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
    }

    /// The first problem found with `password` for an account with this email and name, or `nil`
    /// when it may be used. Checked in order: too short, too long, too common, a repeated pattern,
    /// mostly keyboard runs, contains the email name or name. The cheapest and most general come
    /// first; the personal check last, so a password that is several things at once is named by
    /// what any attacker would try, not by what only someone who knows the user would.
    public func problem(with password: String, email: String?, name: String?) -> PasswordProblem? {
        let length = password.count
        if length < minimumLength {
            return .tooShort(minimum: minimumLength)
        }
        if length > maximumLength {
            return .tooLong(maximum: maximumLength)
        }
        if isCommon(password) {
            return .tooCommon
        }
        if PasswordPatterns.isRepeatedPattern(password) {
            return .repeatedPattern
        }
        if PasswordPatterns.isMostlyRuns(password) {
            return .keyboardRun
        }
        if resemblesAccount(password, email: email, name: name) {
            return .resemblesEmailOrName
        }
        return nil
    }

    /// On the list once lowercased, or once lowercased and stripped of surrounding whitespace.
    func isCommon(_ password: String) -> Bool {
        let lowercased = password.lowercased()
        return commonPasswords.contains(lowercased)
            || commonPasswords.contains(lowercased.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// True when the password equals, ignoring case, the email, its local part (before the last `@`) or
    /// the name; or when its letters, lowercased and with everything else left out, contain the letters
    /// of one of these pieces, if it has at least ``shortestResemblance`` of them: the local part, each
    /// run of letters in it, the name, each word of the name. For Ivan Petrov, `ivan.petrov@…`:
    /// `ivanpetrov-rocks-2024`, `Petrov2024!` and `my-Ivan` are refused; `Al` is too short to look for.
    func resemblesAccount(_ password: String, email: String?, name: String?) -> Bool {
        var whole: [Substring] = []
        var pieces: [Substring] = []
        if let email, !email.isEmpty {
            whole.append(Substring(email))
            if let at = email.lastIndex(of: "@") {
                let local = email[..<at]
                whole.append(local)
                pieces.append(local)
                pieces += local.split { !$0.isLetter }
            }
        }
        if let name, !name.isEmpty {
            whole.append(Substring(name))
            pieces.append(Substring(name))
            pieces += name.split { !$0.isLetter }
        }
        let lowercased = password.lowercased()
        let letters = Self.letters(of: password)
        return whole.contains { $0.lowercased() == lowercased }
            || pieces.contains { piece in
                let pieceLetters = Self.letters(of: piece)
                return pieceLetters.count >= Self.shortestResemblance && letters.contains(pieceLetters)
            }
    }

    /// The letters of `text`, lowercased, everything else left out: `Ivan.Petrov-1990!` → `ivanpetrov`.
    static func letters(of text: some StringProtocol) -> String {
        String(text.lowercased().filter(\.isLetter))
    }
}
