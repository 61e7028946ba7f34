/// The CRC-32 of ISO 3309 / ITU-T V.42 (polynomial 0xEDB88320, reflected), as PNG chunks carry it.
struct CRC32: Sendable {
    private static let table: [UInt32] = (0..<256).map { index in
        (0..<8).reduce(UInt32(index)) { crc, _ in crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
    }

    private(set) var value: UInt32 = 0

    init() {}

    /// The checksum of `bytes` taken as one run.
    init<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        update(bytes)
    }

    mutating func update<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        var crc = ~value
        for byte in bytes {
            crc = Self.table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        value = ~crc
    }
}
