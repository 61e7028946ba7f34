/// What each ``PasswordProblem`` tells the user, in their language.
enum PasswordMessages {
    static func text(for problem: PasswordProblem, localizer: Localizer) -> String {
        switch problem {
        case .tooShort(let minimum):
            localizer.plural("Use at least {count} characters.", count: minimum)
        case .tooLong(let maximum):
            localizer.plural("Use at most {count} characters.", count: maximum)
        case .tooCommon:
            localizer.t("This password is too common: it is on lists attackers try first. Choose another.")
        case .resemblesEmailOrName:
            localizer.t("This password is too close to your email address or name. Choose another.")
        }
    }
}
