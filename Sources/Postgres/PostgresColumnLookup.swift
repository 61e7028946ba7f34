/// A result's column positions by name, for ``PostgresRow/decode(_:as:)``: a page of 50 rows reads a column by
/// name hundreds of times, and hashing each name with `Hasher` (seeded SipHash) was most of that cost. The names'
/// UTF-8 bytes are hashed with FNV-1a into an open-addressed table twice the size of the columns; the name found
/// there is compared in full. With duplicate names, the first column is found.
struct PostgresColumnLookup: Sendable {
    /// Column positions, -1 for an empty slot; the count is a power of two.
    private let slots: [Int]
    private let names: [String]

    init(names: [String]) {
        self.names = names
        var capacity = 4
        while capacity < names.count * 2 { capacity *= 2 }
        var slots = [Int](repeating: -1, count: capacity)
        for (position, name) in names.enumerated() {
            var slot = Self.hash(name) & (capacity - 1)
            while slots[slot] >= 0, names[slots[slot]] != name { slot = (slot + 1) & (capacity - 1) }
            if slots[slot] < 0 { slots[slot] = position }
        }
        self.slots = slots
    }

    /// The position of the first column named `name`, or nil.
    func position(of name: String) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(name) & mask
        while true {
            let position = slots[slot]
            if position < 0 { return nil }
            if names[position] == name { return position }
            slot = (slot + 1) & mask
        }
    }

    private static func hash(_ name: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 32))
    }
}
