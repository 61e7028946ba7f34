import HBMustache

/// A view model swift-mustache reads through a table of accessors instead of reflection. Reflection
/// (`Mirror`) lists and boxes every stored property on every lookup: on a change list of 50 rows it was
/// most of the page's time. Rows, cells and inputs repeat, so they are keyed; a page's top level is not
/// worth it.
///
/// The accessors are closures (`{ $0.name }`), not key paths: applying a `PartialKeyPath` goes through the
/// runtime's generic projection on every read, a closure is a direct property read. An optional property
/// comes back as `nil` itself, so a section over it renders nothing.
///
/// A name missing from the table renders nothing (and lets the lookup climb to the enclosing context):
/// in debug builds a name the type has but its table lacks stops with the type and the name, so the
/// page tests catch a forgotten key.
protocol MustacheKeyed: MustacheParent {
    static var mustacheKeys: [String: @Sendable (Self) -> Any?] { get }
}

extension MustacheKeyed {
    func child(named name: String) -> Any? {
        if let read = Self.mustacheKeys[name] { return read(self) }
        #if DEBUG
        if Mirror(reflecting: self).children.contains(where: { $0.label == name }) {
            assertionFailure("\(Self.self).mustacheKeys lacks “\(name)”, which a template reads")
        }
        #endif
        return nil
    }
}
