import Mustache

/// The waiting-list form of an event's page: the full cases to wait for, the person's fields with what
/// was typed, and each message beside its field (an address already waiting or registered beside the
/// email; a case that has seats again beside the case, pointing to the registration form above).
struct DebateWaitlistForm: Sendable {
    let cases: [Option]
    let caseError: String
    let hasCaseError: Bool
    /// A word beside the case that is not an error (the case asked for has seats again).
    let caseNote: String
    let hasCaseNote: Bool
    let fullName: DebateFormField
    let email: DebateFormField
    let affiliation: DebateFormField
    let trapID = "debate-waitlist-website"

    /// A full case in the form's list, selected again after a refused submission.
    struct Option: Sendable, MustacheObject {
        let value: String
        let name: String
        let isSelected: Bool

        static let mustacheTable = MustacheTable(for: Self.self, [
            .text("value", \.value), .text("name", \.name), .bool("isSelected", \.isSelected),
        ])
    }

    /// `caseNote` (already translated) goes beside the case, not as an error.
    init(fullCases: [DebateCaseSeats], form: DebateFormEntry, caseNote: String?, localizer: Localizer) {
        cases = fullCases.map { Option(value: String($0.id), name: $0.name, isSelected: $0.id == form.chosenCase) }
        caseError = form.problems["case"].map(localizer.t) ?? ""
        hasCaseError = form.problems["case"] != nil
        self.caseNote = caseNote ?? ""
        hasCaseNote = caseNote != nil
        fullName = DebateFormField("full_name", form: form, localizer: localizer, idPrefix: "debate-waitlist")
        email = DebateFormField("email", form: form, localizer: localizer, idPrefix: "debate-waitlist")
        affiliation = DebateFormField("affiliation", form: form, localizer: localizer, idPrefix: "debate-waitlist")
    }
}

extension DebateWaitlistForm: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .list("cases", \.cases), .text("caseError", \.caseError), .bool("hasCaseError", \.hasCaseError),
        .text("caseNote", \.caseNote), .bool("hasCaseNote", \.hasCaseNote),
        .object("fullName", \.fullName), .object("email", \.email), .object("affiliation", \.affiliation), .text("trapID", \.trapID),
    ])
}
