/// Reads one key of one type, given a pointer to a value of that type. Subclasses know the property's
/// type statically; the renderer calls them through the table without boxing the value.
class MustacheReader: @unchecked Sendable {
    let kind: MustacheValueKind
    /// The value may be `nil`: then the lookup goes on up the context stack.
    let isOptional: Bool
    /// A stored property (read at its offset), as opposed to a computed one.
    let isStored: Bool

    init(kind: MustacheValueKind, isOptional: Bool = false, isStored: Bool) {
        self.kind = kind
        self.isOptional = isOptional
        self.isStored = isStored
    }

    /// `false` when the value is `nil`.
    func isPresent(_ base: UnsafeRawPointer) -> Bool { true }
    /// `{{name}}` / `{{{name}}}`.
    func write(_ base: UnsafeRawPointer, _ renderer: inout MustacheRenderer, escaped: Bool) {}
    /// `{{#name}}…{{/name}}`: renders `body` for a true, present or listed value.
    func section(_ base: UnsafeRawPointer, _ renderer: inout MustacheRenderer, body: Range<Int>) {}
    /// Whether `{{^name}}` renders.
    func isFalsy(_ base: UnsafeRawPointer) -> Bool { false }
    /// An object's own frame, for the rest of a dotted name.
    func frame(_ base: UnsafeRawPointer) -> MustacheFrame? { nil }
}

/// Where a stored property of `Root` lives, or `nil` for a computed one.
@inline(__always)
private func storedOffset<Root, Value>(_ keyPath: KeyPath<Root, Value>) -> Int? {
    MemoryLayout<Root>.offset(of: keyPath)
}

/// Reads `Value` at `offset` from `base`, or through the key path.
struct PropertyAccess<Root, Value> {
    let offset: Int
    let keyPath: KeyPath<Root, Value>

    init(_ keyPath: KeyPath<Root, Value>, stored: Int? = nil) {
        self.keyPath = keyPath
        self.offset = stored ?? storedOffset(keyPath) ?? -1
    }

    var isStored: Bool { offset >= 0 }

    @inline(__always)
    func pointer(_ base: UnsafeRawPointer) -> UnsafePointer<Value>? {
        offset >= 0 ? (base + offset).assumingMemoryBound(to: Value.self) : nil
    }

    @inline(__always)
    func value(_ base: UnsafeRawPointer) -> Value {
        if offset >= 0 { return (base + offset).assumingMemoryBound(to: Value.self).pointee }
        return base.assumingMemoryBound(to: Root.self).pointee[keyPath: keyPath]
    }
}

final class TextReader<Root>: MustacheReader, @unchecked Sendable {
    let access: PropertyAccess<Root, String>

    init(_ keyPath: KeyPath<Root, String>, kind: MustacheValueKind, stored: Int? = nil) {
        access = PropertyAccess(keyPath, stored: stored)
        super.init(kind: kind, isStored: access.isStored)
    }

    override func write(_ base: UnsafeRawPointer, _ renderer: inout MustacheRenderer, escaped: Bool) {
        // A stored text is written where it lies, neither copied nor retained.
        if let pointer = access.pointer(base) {
            renderer.writeText(pointer.pointee, escaped: escaped)
        } else {
            renderer.writeText(access.value(base), escaped: escaped)
        }
    }

    override func section(_ base: UnsafeRawPointer, _ renderer: inout MustacheRenderer, body: Range<Int>) {
        // A text is truthy even when empty: the body renders with the text as `{{.}}`.
        if let pointer = access.pointer(base) {
            renderer.run(body, with: MustacheFrame(base: UnsafeRawPointer(pointer), table: String.mustacheTable))
        } else {
            let value = access.value(base)
            withUnsafePointer(to: value) { renderer.run(body, with: MustacheFrame(base: UnsafeRawPointer($0), table: String.mustacheTable)) }
        }
    }
}

final class OptionalTextReader<Root>: MustacheReader, @unchecked Sendable {
    let access: PropertyAccess<Root, String?>

    init(_ keyPath: KeyPath<Root, String?>) {
        access = PropertyAccess(keyPath)
        super.init(kind: .text, isOptional: true, isStored: access.isStored)
    }

    override func isPresent(_ base: UnsafeRawPointer) -> Bool { access.value(base) != nil }

    override func write(_ base: UnsafeRawPointer, _ renderer: inout MustacheRenderer, escaped: Bool) {
        guard let text = access.value(base) else { return }
        renderer.writeText(text, escaped: escaped)
    }

    override func section(_ base: UnsafeRawPointer, _ renderer: inout MustacheRenderer, body: Range<Int>) {
        guard let text = access.value(base) else { return }
        withUnsafePointer(to: text) { renderer.run(body, with: MustacheFrame(base: UnsafeRawPointer($0), table: String.mustacheTable)) }
    }

    override func isFalsy(_ base: UnsafeRawPointer) -> Bool { access.value(base) == nil }
}

final class BoolReader<Root>: MustacheReader, @unchecked Sendable {
    let access: PropertyAccess<Root, Bool>

    init(_ keyPath: KeyPath<Root, Bool>) {
        access = PropertyAccess(keyPath)
        super.init(kind: .bool, isStored: access.isStored)
    }

    override func write(_ base: UnsafeRawPointer, _ renderer: inout MustacheRenderer, escaped: Bool) {
        renderer.writeRaw(access.value(base) ? "true" : "false")
    }

    override func section(_ base: UnsafeRawPointer, _ renderer: inout MustacheRenderer, body: Range<Int>) {
        if access.value(base) { renderer.run(body) }
    }

    override func isFalsy(_ base: UnsafeRawPointer) -> Bool { !access.value(base) }
}

final class NumberReader<Root>: MustacheReader, @unchecked Sendable {
    let access: PropertyAccess<Root, Int>

    init(_ keyPath: KeyPath<Root, Int>, stored: Int? = nil) {
        access = PropertyAccess(keyPath, stored: stored)
        super.init(kind: .number, isStored: access.isStored)
    }

    override func write(_ base: UnsafeRawPointer, _ renderer: inout MustacheRenderer, escaped: Bool) {
        renderer.writeRaw(String(access.value(base)))
    }

    override func section(_ base: UnsafeRawPointer, _ renderer: inout MustacheRenderer, body: Range<Int>) {
        let value = access.value(base)
        withUnsafePointer(to: value) { renderer.run(body, with: MustacheFrame(base: UnsafeRawPointer($0), table: Int.mustacheTable)) }
    }
}

final class ObjectReader<Root, Value: MustacheObject>: MustacheReader, @unchecked Sendable {
    let access: PropertyAccess<Root, Value>

    init(_ keyPath: KeyPath<Root, Value>) {
        access = PropertyAccess(keyPath)
        precondition(access.isStored, "\(Root.self): the object key \(keyPath) must be a stored property")
        super.init(kind: .object({ Value.mustacheTable }), isStored: true)
    }

    override func section(_ base: UnsafeRawPointer, _ renderer: inout MustacheRenderer, body: Range<Int>) {
        let pointer = access.pointer(base)!
        Value.mustacheTable.verifyOnce(pointer.pointee)
        renderer.run(body, with: MustacheFrame(base: UnsafeRawPointer(pointer), table: Value.mustacheTable))
    }

    override func frame(_ base: UnsafeRawPointer) -> MustacheFrame? {
        MustacheFrame(base: UnsafeRawPointer(access.pointer(base)!), table: Value.mustacheTable)
    }
}

/// An optional object: `nil` is absent (the lookup climbs); a present value is rendered in place — an
/// `Optional`'s payload is stored at its start.
final class OptionalObjectReader<Root, Value: MustacheObject>: MustacheReader, @unchecked Sendable {
    let access: PropertyAccess<Root, Value?>

    init(_ keyPath: KeyPath<Root, Value?>) {
        access = PropertyAccess(keyPath)
        precondition(access.isStored, "\(Root.self): the object key \(keyPath) must be a stored property")
        super.init(kind: .object({ Value.mustacheTable }), isOptional: true, isStored: true)
    }

    override func isPresent(_ base: UnsafeRawPointer) -> Bool { access.pointer(base)!.pointee != nil }

    override func section(_ base: UnsafeRawPointer, _ renderer: inout MustacheRenderer, body: Range<Int>) {
        let pointer = access.pointer(base)!
        guard let value = pointer.pointee else { return }
        Value.mustacheTable.verifyOnce(value)
        renderer.run(body, with: MustacheFrame(base: UnsafeRawPointer(pointer), table: Value.mustacheTable))
    }

    override func isFalsy(_ base: UnsafeRawPointer) -> Bool { access.pointer(base)!.pointee == nil }

    override func frame(_ base: UnsafeRawPointer) -> MustacheFrame? {
        let pointer = access.pointer(base)!
        return pointer.pointee == nil ? nil : MustacheFrame(base: UnsafeRawPointer(pointer), table: Value.mustacheTable)
    }
}

final class ListReader<Root, Element: MustacheObject>: MustacheReader, @unchecked Sendable {
    let access: PropertyAccess<Root, [Element]>

    init(_ keyPath: KeyPath<Root, [Element]>) {
        access = PropertyAccess(keyPath)
        precondition(access.isStored, "\(Root.self): the list key \(keyPath) must be a stored property")
        super.init(kind: .list({ Element.mustacheTable }), isStored: true)
    }

    override func section(_ base: UnsafeRawPointer, _ renderer: inout MustacheRenderer, body: Range<Int>) {
        let table = Element.mustacheTable
        access.pointer(base)!.pointee.withUnsafeBufferPointer { elements in
            guard !elements.isEmpty, let first = elements.baseAddress else { return }
            table.verifyOnce(first.pointee)
            for index in 0..<elements.count {
                renderer.run(body, with: MustacheFrame(base: UnsafeRawPointer(first + index), table: table))
            }
        }
    }

    override func isFalsy(_ base: UnsafeRawPointer) -> Bool { access.pointer(base)!.pointee.isEmpty }
}
