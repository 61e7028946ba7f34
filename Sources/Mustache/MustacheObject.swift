import Synchronization

/// A value templates can read: its type declares, once, a table of the names a template may read and
/// what each yields (``MustacheKey``). Templates are checked against these tables at start-up
/// (``MustacheLibrary/check(_:rootedAt:)``), and rendering reads values through them without
/// reflection or boxing.
///
/// ```swift
/// extension AdminPageLink: MustacheObject {
///     static let mustacheTable = MustacheTable(for: Self.self, [
///         .text("label", \.label), .text("url", \.url), .bool("isCurrent", \.isCurrent),
///     ])
/// }
/// ```
public protocol MustacheObject: SendableMetatype {
    static var mustacheTable: MustacheTable { get }
}

/// What a key yields, as the start-up check sees it.
enum MustacheValueKind {
    /// Text, escaped when written.
    case text
    /// Raw HTML (a `…HTML` property), written only with `{{{name}}}`.
    case html
    case bool
    case number
    /// An object: a section over it reads its keys.
    case object(@Sendable () -> MustacheTable)
    /// A list: a section renders once per element, reading the element's keys.
    case list(@Sendable () -> MustacheTable)
    /// Known only when rendering (``MustacheDynamicValue``).
    case dynamic

    var label: String {
        switch self {
        case .text: "text"
        case .html: "raw HTML"
        case .bool: "a boolean"
        case .number: "a number"
        case .object(let table): "an object (\(table().typeName))"
        case .list(let table): "a list of \(table().typeName)"
        case .dynamic: "a dynamic value"
        }
    }
}

/// One type's keys, indexed by interned name, and the reader of the value itself (`{{.}}`).
public final class MustacheTable: @unchecked Sendable {
    public let typeName: String
    /// By interned name id; `nil` where the type has no such key. Unretained: `keys` holds the readers
    /// for the table's lifetime (tables live as long as the process), and rendering reads them without
    /// reference counting.
    let readers: UnsafeMutableBufferPointer<Unmanaged<MustacheReader>?>
    let keys: [String: MustacheReader]
    let selfReader: MustacheReader?
    /// For dynamic values: finds a reader for any name.
    let lookup: (@Sendable (Int) -> MustacheReader?)?
    /// Stored properties deliberately left out of the table.
    let ignoring: Set<String>
    private let verified = Atomic<Bool>(false)

    init(typeName: String, keys: [String: MustacheReader], selfReader: MustacheReader?,
         lookup: (@Sendable (Int) -> MustacheReader?)? = nil, ignoring: Set<String> = []) {
        self.typeName = typeName
        self.keys = keys
        self.selfReader = selfReader
        self.lookup = lookup
        self.ignoring = ignoring
        let ids = keys.map { (MustacheNames.id($0.key), $0.value) }
        let readers = UnsafeMutableBufferPointer<Unmanaged<MustacheReader>?>.allocate(capacity: (ids.map(\.0).max() ?? -1) + 1)
        readers.initialize(repeating: nil)
        for (id, reader) in ids { readers[id] = Unmanaged.passUnretained(reader) }
        self.readers = readers
    }

    deinit {
        readers.deallocate()
    }

    /// The table of `Root`'s keys. A name appears once; a `…HTML` name must be declared with `.html`.
    public convenience init<Root>(for type: Root.Type, _ keys: [MustacheKey<Root>], ignoring: [String] = []) {
        var byName: [String: MustacheReader] = [:]
        for key in keys {
            precondition(byName[key.name] == nil, "\(Root.self).mustacheTable declares “\(key.name)” twice")
            if case .text = key.reader.kind {
                precondition(!key.name.hasSuffix("HTML"), "\(Root.self).mustacheTable: “\(key.name)” holds HTML; declare it with .html")
            }
            byName[key.name] = key.reader
        }
        self.init(typeName: String(describing: Root.self), keys: byName, selfReader: nil, ignoring: Set(ignoring))
    }

    @inline(__always)
    func reader(_ id: Int) -> Unmanaged<MustacheReader>? {
        if id < readers.count, let reader = readers[id] { return reader }
        return lookupDynamic(id)
    }

    @inline(never)
    private func lookupDynamic(_ id: Int) -> Unmanaged<MustacheReader>? {
        guard let lookup, let reader = lookup(id) else { return nil }
        // A dynamic table's readers are made on demand; they are kept so that an unretained one stays alive.
        dynamicReaders.withLock { $0.append(reader) }
        return Unmanaged.passUnretained(reader)
    }

    private let dynamicReaders = Mutex<[MustacheReader]>([])

    /// The stored properties of `value` the table does not declare, and the declared stored keys that
    /// name no stored property: what a table drifting from its struct looks like. Empty when they agree.
    public func drift(of value: Any) -> [String] {
        let properties = Set(Mirror(reflecting: value).children.compactMap(\.label))
        var problems: [String] = []
        for property in properties.sorted() where keys[property] == nil && !ignoring.contains(property) {
            problems.append("\(typeName).\(property) is a stored property its mustacheTable does not declare")
        }
        for (name, reader) in keys.sorted(by: { $0.key < $1.key }) where reader.isStored && !properties.contains(name) {
            problems.append("\(typeName).mustacheTable declares “\(name)”, which names no stored property")
        }
        return problems
    }

    /// In debug builds, the first value of each type rendered is compared with its table: a drift stops
    /// the process naming the type and the property, so any test that reaches the page fails.
    @inline(__always)
    func verifyOnce(_ value: @autoclosure () -> Any) {
        #if DEBUG
        if lookup == nil, selfReader == nil, !verified.load(ordering: .relaxed) {
            let problems = drift(of: value())
            verified.store(true, ordering: .relaxed)
            if !problems.isEmpty { fatalError(problems.joined(separator: "; ")) }
        }
        #endif
    }
}

/// A key of `Root`'s table: its name, and what it yields. Stored properties are read at their offset in
/// the value; computed ones through their key path.
public struct MustacheKey<Root>: Sendable {
    let name: String
    let reader: MustacheReader

    public static func text(_ name: String, _ keyPath: KeyPath<Root, String>) -> Self {
        Self(name: name, reader: TextReader(keyPath, kind: .text))
    }

    public static func text(_ name: String, _ keyPath: KeyPath<Root, String?>) -> Self {
        Self(name: name, reader: OptionalTextReader(keyPath))
    }

    /// Raw HTML, written unescaped with `{{{name}}}`; the name ends in `HTML`.
    public static func html(_ name: String, _ keyPath: KeyPath<Root, String>) -> Self {
        precondition(name.hasSuffix("HTML"), "\(Root.self): the raw HTML key “\(name)” must end in HTML")
        return Self(name: name, reader: TextReader(keyPath, kind: .html))
    }

    public static func bool(_ name: String, _ keyPath: KeyPath<Root, Bool>) -> Self {
        Self(name: name, reader: BoolReader(keyPath))
    }

    public static func number(_ name: String, _ keyPath: KeyPath<Root, Int>) -> Self {
        Self(name: name, reader: NumberReader(keyPath))
    }

    public static func object<Value: MustacheObject>(_ name: String, _ keyPath: KeyPath<Root, Value>) -> Self {
        Self(name: name, reader: ObjectReader(keyPath))
    }

    public static func object<Value: MustacheObject>(_ name: String, _ keyPath: KeyPath<Root, Value?>) -> Self {
        Self(name: name, reader: OptionalObjectReader(keyPath))
    }

    /// A list of objects, or of `String`s or `Int`s read with `{{.}}`.
    public static func list<Element: MustacheObject>(_ name: String, _ keyPath: KeyPath<Root, [Element]>) -> Self {
        Self(name: name, reader: ListReader(keyPath))
    }
}

extension String: MustacheObject {
    public static let mustacheTable = MustacheTable(
        typeName: "String", keys: [:], selfReader: TextReader(\String.self, kind: .text, stored: 0))
}

extension Int: MustacheObject {
    public static let mustacheTable = MustacheTable(
        typeName: "Int", keys: [:], selfReader: NumberReader(\Int.self, stored: 0))
}

/// Tables of generic types (a stored static property cannot be generic): built once per concrete type.
public enum MustacheTableCache {
    private static let tables = Mutex<[ObjectIdentifier: MustacheTable]>([:])

    public static func table<Root>(for type: Root.Type, _ build: () -> MustacheTable) -> MustacheTable {
        if let table = tables.withLock({ $0[ObjectIdentifier(type)] }) { return table }
        let table = build()
        return tables.withLock { tables in
            if let existing = tables[ObjectIdentifier(type)] { return existing }
            tables[ObjectIdentifier(type)] = table
            return table
        }
    }
}
