/// The bytes HTML escaping replaces, and their entities: `& < > " '`, the same five as before.
enum HTMLEscaping {
    /// Index: a byte; value: its entity's index in `entities` plus one, or 0 when it is written as is.
    static let table: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        table[Int(UInt8(ascii: "&"))] = 1
        table[Int(UInt8(ascii: "<"))] = 2
        table[Int(UInt8(ascii: ">"))] = 3
        table[Int(UInt8(ascii: "\""))] = 4
        table[Int(UInt8(ascii: "'"))] = 5
        return table
    }()

    static let entities: [StaticString] = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
}
