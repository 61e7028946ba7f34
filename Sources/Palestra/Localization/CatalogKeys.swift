import Foundation

/// The keys of a catalog's top-level object as written, repeats included (a JSON reader keeps only the last).
enum CatalogKeys {
    static func topLevel(of data: Data) -> [String] {
        let bytes = [UInt8](data)
        var keys: [String] = []
        var depth = 0
        var expectingKey = false
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectingKey = depth == 1 && bytes[index] == UInt8(ascii: "{")
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                expectingKey = depth == 1
            case UInt8(ascii: "\""):
                let start = index
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                if depth == 1, expectingKey, index < bytes.count,
                   let key = try? JSONDecoder().decode(String.self, from: Data(bytes[start...index])) {
                    keys.append(key)
                    expectingKey = false
                }
            default:
                break
            }
            index += 1
        }
        return keys
    }
}
