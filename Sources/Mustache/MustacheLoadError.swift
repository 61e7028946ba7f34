/// A template that cannot be loaded, or that reads a name its view model does not have: the template's
/// name, the line, and what is wrong. `description` reads `admin/change_form.mustache:12: {{lable}}: …`.
public struct MustacheLoadError: Error, CustomStringConvertible, Sendable, Equatable {
    public let template: String
    public let line: Int
    public let message: String

    public init(template: String, line: Int, message: String) {
        self.template = template
        self.line = line
        self.message = message
    }

    public var description: String { "\(template).mustache:\(line): \(message)" }
}
