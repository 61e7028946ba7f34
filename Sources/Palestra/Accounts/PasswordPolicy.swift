import Foundation

/// What a new password must satisfy: its length, not a common password, not made of the
/// account's email or name. It only inspects: the password is hashed exactly as typed, never
/// trimmed or normalised, and the policy returns a ``PasswordProblem`` for the form to translate
/// rather than any text.
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
    /// when it may be used. Checked in order: too short, too long, too common, resembles the email
    /// or name.
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

    /// True when the password equals, ignoring case, the email or name or one of their parts; or
    /// when its letters, ignoring digits, punctuation and spaces, are exactly the letters of one of
    /// them (at least ``shortestResemblance`` letters).
    ///
    /// The parts are the email, its local part (before the last `@`), the runs of letters in the
    /// local part, the name and the words of the name.
    func resemblesAccount(_ password: String, email: String?, name: String?) -> Bool {
        var candidates: [Substring] = []
        if let email, !email.isEmpty {
            candidates.append(Substring(email))
            if let at = email.lastIndex(of: "@") {
                let local = email[..<at]
                candidates.append(local)
                candidates += local.split { !$0.isLetter }
            }
        }
        if let name, !name.isEmpty {
            candidates.append(Substring(name))
            candidates += name.split { !$0.isLetter }
        }
        let lowercased = password.lowercased()
        let letters = Self.letters(of: password)
        return candidates.contains { candidate in
            if candidate.lowercased() == lowercased {
                return true
            }
            let candidateLetters = Self.letters(of: candidate)
            return candidateLetters.count >= Self.shortestResemblance && candidateLetters == letters
        }
    }

    /// The letters of `text`, lowercased, everything else left out: `Ivan.Petrov-1990!` → `ivanpetrov`.
    static func letters(of text: some StringProtocol) -> String {
        String(text.lowercased().filter(\.isLetter))
    }
}
