/// One field of a change form, ready for the template: which input to draw, its value, its options,
/// its message.
struct AdminFormFieldView: Sendable {
    struct Option: Sendable {
        let value: String
        let label: String
        let isSelected: Bool
    }

    let name: String
    let id: String
    let label: String
    let help: String
    let hasHelp: Bool
    let error: String
    let hasError: Bool
    let isRequired: Bool
    /// `<input type=…>` for the plain inputs.
    let isInput: Bool
    let inputType: String
    let value: String
    let hasValue: Bool
    let maxLength: String
    let hasMaxLength: Bool
    let minimum: String
    let maximum: String
    let hasRange: Bool
    let isTextarea: Bool
    let isSelect: Bool
    let isMultiple: Bool
    let options: [Option]
    let isCheckbox: Bool
    let isChecked: Bool
    let isPassword: Bool
    let isFile: Bool
    let accept: String
    let confirmationName: String
    let confirmationID: String
    let isReadOnly: Bool
    let displayValue: String
    /// After a conflict: what this user had typed, where it differs from the saved value.
    let yourValue: String
    let hasYourValue: Bool
    /// The `aria-describedby` ids: the help and the message.
    let describedBy: String
    let hasDescribedBy: Bool
}
