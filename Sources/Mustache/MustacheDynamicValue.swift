/// A value whose shape is known only when rendering — JSON data, as the Mustache specification's tests
/// give it. Pages use typed view models instead; templates rendered over these are not checked.
public final class MustacheDynamicValue: MustacheObject, @unchecked Sendable {
    public enum Content {
        case null
        case bool(Bool)
        /// A number, as written.
        case number(String)
        case string(String)
        case list([MustacheDynamicValue])
        case object(keys: [String], values: [MustacheDynamicValue])
    }

    public let content: Content

    public init(_ content: Content) {
        self.content = content
    }

    public static let mustacheTable = MustacheTable(
        typeName: "MustacheDynamicValue", keys: [:], selfReader: DynamicReader(name: nil),
        lookup: { id in DynamicReader(name: MustacheNames.name(id)) })
}

/// Reads a key of a dynamic object (or, without a name, the value itself). The frame's base points at
/// a variable holding the value's reference.
final class DynamicReader: MustacheReader, @unchecked Sendable {
    let name: String?

    init(name: String?) {
        self.name = name
        super.init(kind: .dynamic, isOptional: name != nil, isStored: false)
    }

    private func pointer(_ base: UnsafeRawPointer) -> UnsafePointer<MustacheDynamicValue>? {
        let value = base.assumingMemoryBound(to: MustacheDynamicValue.self)
        guard let name else { return value }
        guard case .object(let keys, let values) = value.pointee.content, let index = keys.firstIndex(of: name) else { return nil }
        return values.withUnsafeBufferPointer { $0.baseAddress! + index }
    }

    override func isPresent(_ base: UnsafeRawPointer) -> Bool { pointer(base) != nil }

    override func write(_ base: UnsafeRawPointer, _ renderer: inout MustacheRenderer, escaped: Bool) {
        guard let value = pointer(base)?.pointee else { return }
        let text: String
        switch value.content {
        case .string(let string): text = string
        case .number(let number): text = number
        case .bool(let bool): text = bool ? "true" : "false"
        case .null, .list, .object: return
        }
        renderer.writeText(text, escaped: escaped)
    }

    override func section(_ base: UnsafeRawPointer, _ renderer: inout MustacheRenderer, body: Range<Int>) {
        guard let pointer = pointer(base) else { return }
        let table = MustacheDynamicValue.mustacheTable
        switch pointer.pointee.content {
        case .null, .bool(false): return
        case .bool(true): renderer.run(body)
        case .list(let elements):
            elements.withUnsafeBufferPointer { elements in
                for index in elements.indices {
                    renderer.run(body, with: MustacheFrame(base: UnsafeRawPointer(elements.baseAddress! + index), table: table))
                }
            }
        case .string, .number, .object:
            renderer.run(body, with: MustacheFrame(base: UnsafeRawPointer(pointer), table: table))
        }
    }

    override func isFalsy(_ base: UnsafeRawPointer) -> Bool {
        guard let value = pointer(base)?.pointee else { return true }
        switch value.content {
        case .null, .bool(false): return true
        case .list(let elements): return elements.isEmpty
        default: return false
        }
    }

    override func frame(_ base: UnsafeRawPointer) -> MustacheFrame? {
        guard let pointer = pointer(base), case .object = pointer.pointee.content else { return nil }
        return MustacheFrame(base: UnsafeRawPointer(pointer), table: MustacheDynamicValue.mustacheTable)
    }
}
