/// Why ``PasswordPolicy`` refuses a new password. The form that asked for the password turns it into
/// a message in the user's language; the policy itself produces no text.
public enum PasswordProblem: Sendable, Equatable {
    /// Fewer than `minimum` characters (grapheme clusters).
    case tooShort(minimum: Int)
    /// More than `maximum` characters (grapheme clusters).
    case tooLong(maximum: Int)
    /// On the list of common passwords, ignoring letter case and surrounding whitespace.
    case tooCommon
    /// One character or a pattern of up to four repeated throughout (`aaaaaaaaaaaa`, `abcabcabcabc`,
    /// `121212121212`).
    case repeatedPattern
    /// At least three quarters runs of neighbouring keys or of letters and digits in order
    /// (`qwertyuiop`, `йцукенгш`, `abcdefgh`, `0987654321`, `qwerty123456`).
    case keyboardRun
    /// The account's email or name, or contains the letters of its email name, of a run of letters
    /// in it, of its name or of a word of its name (at least three letters), digits and punctuation
    /// ignored (`ivan.petrov@example.org`, Ivan Petrov → `Ivan.Petrov1990!`, `ivanpetrov-rocks-2024`).
    case resemblesEmailOrName
}
