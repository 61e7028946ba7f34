/// A value and its label, for selects and choice filters. `label` is an English catalog key unless
/// the choices come from the database (`translated: false`).
public struct AdminChoice: Sendable, Equatable {
    public let value: String
    public let label: String

    public init(_ value: String, _ label: String) {
        self.value = value
        self.label = label
    }
}
