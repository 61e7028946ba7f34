import Mustache

/// A page template a handler renders, by its path below `Templates/` without `.mustache`, and the view
/// model it renders (inside the layout's ``Page``, or by itself for a document of its own, an SVG image).
/// Each area declares its own (``Area/templates``); start-up fails when one is missing, or when it reads
/// a name its view model does not have.
public struct PageTemplate: Hashable, Sendable {
    public let name: String
    /// `Page<Content>`'s table (`Content`'s for a document), or `nil` for a template that is only a parent (the layout).
    let root: (@Sendable () -> MustacheTable)?
    let contentType: ObjectIdentifier?
    /// A whole document by itself, rendered without the layout.
    let isDocument: Bool

    public init<Content: MustacheObject & Sendable>(_ name: String, rendering content: Content.Type) {
        self.name = name
        self.root = { Page<Content>.mustacheTable }
        self.contentType = ObjectIdentifier(Content.self)
        self.isDocument = false
    }

    /// A template that is a whole document by itself (an SVG image): no layout around it, `Content` at its root.
    public init<Content: MustacheObject & Sendable>(document name: String, rendering content: Content.Type) {
        self.name = name
        self.root = { Content.mustacheTable }
        self.contentType = ObjectIdentifier(Content.self)
        self.isDocument = true
    }

    /// A template no handler renders by itself: a layout other pages extend.
    init(parent name: String) {
        self.name = name
        self.root = nil
        self.contentType = nil
        self.isDocument = false
    }

    public static func == (left: PageTemplate, right: PageTemplate) -> Bool { left.name == right.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    public static let layout = PageTemplate(parent: "layout")
    public static let error = PageTemplate("error", rendering: ErrorPageView.self)
}
