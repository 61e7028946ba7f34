/// What each ``PasswordProblem`` tells the user, in their language.
enum PasswordMessages {
    /// What is wrong with a new password typed twice — empty, refused by the policy, or the two
    /// differ — or `nil`: the one check of every form that sets a password.
    static func newPasswordError(
        _ password: String, confirmation: String?, email: String?, name: String?, policy: PasswordPolicy, localizer: Localizer
    ) -> String? {
        if password.isEmpty { return localizer.t("This field is required.") }
        if let problem = policy.problem(with: password, email: email, name: name) { return text(for: problem, localizer: localizer) }
        if password != confirmation { return localizer.t("The two passwords do not match.") }
        return nil
    }

    static func text(for problem: PasswordProblem, localizer: Localizer) -> String {
        switch problem {
        case .tooShort(let minimum):
            localizer.plural("Use at least {count} characters.", count: minimum)
        case .tooLong(let maximum):
            localizer.plural("Use at most {count} characters.", count: maximum)
        case .tooCommon:
            localizer.t("This password is too common: it is on lists attackers try first. Choose another.")
        case .repeatedPattern:
            localizer.t("This password repeats one character or a short pattern, like aaaa or abcabc: it is guessed at once. Choose another.")
        case .keyboardRun:
            localizer.t("This password is mostly keys side by side or letters and digits in order, like qwerty or 12345: it is guessed at once. Choose another.")
        case .resemblesEmailOrName:
            localizer.t("This password is too close to your email address or name. Choose another.")
        }
    }
}
