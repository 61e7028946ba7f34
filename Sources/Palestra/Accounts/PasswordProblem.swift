/// Why ``PasswordPolicy`` refuses a new password. The form that asked for the password turns it into
/// a message in the user's language; the policy itself produces no text.
public enum PasswordProblem: Sendable, Equatable {
    /// Fewer than `minimum` characters (grapheme clusters).
    case tooShort(minimum: Int)
    /// More than `maximum` characters (grapheme clusters).
    case tooLong(maximum: Int)
    /// On the list of common passwords, ignoring letter case and surrounding whitespace.
    case tooCommon
    /// Made of the account's email or name, or a part of either, with only digits and punctuation
    /// added (`ivan.petrov@example.org` → `Ivan.Petrov1990!`, `petrov2024`).
    case resemblesEmailOrName
}
