import Mustache

/// A view model swift-mustache reads through a table of key paths instead of reflection. Reflection
/// (`Mirror`) lists and boxes every stored property on every lookup: on a change list of 50 rows it was
/// most of the page's time. Rows, cells and inputs repeat, so they are keyed; a page's top level is not
/// worth it.
///
/// A name missing from the table renders nothing (and lets the lookup climb to the enclosing context):
/// in debug builds a name the type has but its table lacks stops with the type and the name, so the
/// page tests catch a forgotten key. Tables are `nonisolated(unsafe) static let`: key paths are immutable
/// values, but the standard library does not mark them `Sendable`.
protocol MustacheKeyed: MustacheParent {
    static var mustacheKeys: [String: PartialKeyPath<Self>] { get }
}

extension MustacheKeyed {
    func child(named name: String) -> Any? {
        if let path = Self.mustacheKeys[name] { return self[keyPath: path] }
        #if DEBUG
        if Mirror(reflecting: self).children.contains(where: { $0.label == name }) {
            assertionFailure("\(Self.self).mustacheKeys lacks “\(name)”, which a template reads")
        }
        #endif
        return nil
    }
}
