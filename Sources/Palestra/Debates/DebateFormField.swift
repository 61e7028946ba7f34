import Foundation
import Mustache

/// A text field of the public forms with what was typed and the message beside it. `inputID` is the
/// input's id (the page's two forms share field names, not ids): `idPrefix` and the name, dashed.
struct DebateFormField: Sendable {
    let name: String
    let inputID: String
    let value: String
    let error: String
    let hasError: Bool

    init(_ name: String, form: DebateFormEntry, localizer: Localizer, idPrefix: String = "debate") {
        self.name = name
        inputID = idPrefix + "-" + name.replacingOccurrences(of: "_", with: "-")
        value = form.values[name] ?? ""
        error = form.problems[name].map(localizer.t) ?? ""
        hasError = form.problems[name] != nil
    }
}

extension DebateFormField: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("name", \.name), .text("inputID", \.inputID), .text("value", \.value), .text("error", \.error), .bool("hasError", \.hasError),
    ])
}

/// What the public form was sent, as typed, and the messages (catalog keys) of its fields.
struct DebateFormEntry: Sendable {
    var values: [String: String] = [:]
    var problems: [String: String] = [:]
    var chosenCase: Int? { values["case"].flatMap(Int.init) }

    static let fields = ["full_name", "email", "affiliation"]

    init() {}

    init(form: FormData) {
        for name in Self.fields + ["case"] {
            values[name] = String((form.value(name) ?? "").prefix(1000))
        }
    }

    func registrant() -> Result<DebateRegistrant, DebateFormProblems> {
        DebateRegistrant.check(fullName: values["full_name"], email: values["email"], affiliation: values["affiliation"])
    }
}
