/// A page template a handler renders, by its path below `Templates/` without `.mustache`. Each area
/// declares its own (``Area/templates``); start-up fails when one is missing, naming it.
public struct PageTemplate: Hashable, Sendable {
    public let name: String

    public init(_ name: String) {
        self.name = name
    }

    public static let layout = PageTemplate("layout")
    public static let error = PageTemplate("error")
}
