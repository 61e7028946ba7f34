/// Returns an uploaded image without its metadata, or refuses it: pure Swift over the file's bytes, the
/// image data (JPEG scans, PNG `IDAT`, WebP `VP8`/`VP8L`) copied byte for byte, never decoded.
///
/// - **JPEG**: the markers are walked from SOI to EOI. APP0 is kept only as a JFIF header, without its
///   thumbnail (a thumbnail can show what a crop removed); APP14 (Adobe) is kept, as CMYK and YCCK
///   scans cannot be decoded without it; every other APPn (EXIF with GPS, XMP, ICC, Photoshop IRB…)
///   and every COM segment is dropped. Tables, frames, scans with their entropy-coded data and
///   restart markers are kept.
/// - **PNG**: the chunks are walked and every CRC checked. Kept: the critical chunks (`IHDR`, `PLTE`,
///   `IDAT`, `IEND`) and the ancillary chunks that change the pixels shown: `tRNS` (transparency),
///   `gAMA`, `cHRM`, `sRGB`, `iCCP` and `cICP` (colour). Dropped: text (`tEXt`, `zTXt`, `iTXt`), `eXIf`,
///   `tIME`, and all else (`pHYs` and `sBIT` only describe the picture; `bKGD` is a suggestion; APNG
///   frames leave the still image).
/// - **WebP**: the RIFF size must match the file exactly; kept are `VP8X`, `VP8 `, `VP8L`, `ALPH`,
///   `ANIM`, `ANMF` and `ICCP` (colour); `EXIF`, `XMP ` and unknown chunks are dropped, the VP8X EXIF
///   and XMP flags cleared and the RIFF size rewritten.
///
/// Refused: a file that ends inside a structure, a structure the format does not allow, a bad PNG CRC,
/// a missing end (EOI, IEND) and any byte after the end. Sanitizing a sanitized image changes nothing.
enum ImageSanitizer {
    static func sanitize(_ bytes: [UInt8], as kind: UploadKind) throws(ImageProblem) -> [UInt8] {
        switch kind {
        case .jpeg: try jpeg(bytes)
        case .png: try png(bytes)
        case .webp: try webp(bytes)
        }
    }

    // MARK: JPEG

    static func jpeg(_ bytes: [UInt8]) throws(ImageProblem) -> [UInt8] {
        guard bytes.starts(with: [0xFF, 0xD8]) else { throw .malformed }
        var output: [UInt8] = [0xFF, 0xD8]
        output.reserveCapacity(bytes.count)
        var offset = 2
        var sawFrame = false, sawScan = false
        while true {
            guard offset < bytes.count else { throw .missingEnd }
            guard bytes[offset] == 0xFF else { throw .malformed }
            while offset < bytes.count && bytes[offset] == 0xFF { offset += 1 }  // fill bytes before a marker
            guard offset < bytes.count else { throw .truncated }
            let marker = bytes[offset]
            offset += 1
            switch marker {
            case 0xD9:
                guard sawFrame && sawScan else { throw .malformed }
                guard offset == bytes.count else { throw .trailingBytes }
                return output + [0xFF, 0xD9]
            case 0x01:  // TEM: no segment
                output += [0xFF, 0x01]
                continue
            case 0x00, 0x02...0xBF, 0xD0...0xD8:  // a stuffed zero, reserved, RSTn outside a scan, a second SOI
                throw .malformed
            default:
                break
            }
            guard offset + 2 <= bytes.count else { throw .truncated }
            let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
            guard length >= 2 else { throw .malformed }
            guard offset + length <= bytes.count else { throw .truncated }
            let segment = bytes[offset..<offset + length]
            offset += length
            switch marker {
            case 0xE0:
                if let header = jfifHeader(segment) { output += [0xFF, 0xE0] + header }
            case 0xEE:
                output += [0xFF, 0xEE] + segment
            case 0xE1...0xEF, 0xFE:
                continue
            case 0xDA:
                guard sawFrame else { throw .malformed }
                sawScan = true
                let end = try scanEnd(bytes, from: offset)
                output += [0xFF, 0xDA] + segment + bytes[offset..<end]
                offset = end
            default:
                if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) { sawFrame = true }
                output += [0xFF, marker] + segment
            }
        }
    }

    /// An APP0 segment (length included) as a JFIF header without its thumbnail, or `nil` for any other
    /// APP0 (JFXX holds only thumbnails).
    private static func jfifHeader(_ segment: ArraySlice<UInt8>) -> [UInt8]? {
        let payload = segment.dropFirst(2)
        // "JFIF\0", version (2), units (1), densities (2 + 2), thumbnail width and height (1 + 1).
        guard payload.count >= 14, payload.starts(with: Array("JFIF".utf8) + [0]) else { return nil }
        return [0x00, 0x10] + payload.prefix(12) + [0, 0]
    }

    /// Where the entropy-coded data from `start` ends: the first marker that is not a stuffed zero
    /// (`FF 00`) or a restart marker (`FF D0`…`FF D7`).
    private static func scanEnd(_ bytes: [UInt8], from start: Int) throws(ImageProblem) -> Int {
        var index = start
        while let found = bytes[index...].firstIndex(of: 0xFF) {
            guard found + 1 < bytes.count else { break }
            let next = bytes[found + 1]
            if next == 0x00 || (0xD0...0xD7).contains(next) {
                index = found + 2
            } else {
                return found
            }
        }
        throw .truncated
    }

    // MARK: PNG

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    private static let pngCritical: Set<String> = ["IHDR", "PLTE", "IDAT"]
    private static let pngKept: Set<String> = ["tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "cICP"]

    static func png(_ bytes: [UInt8]) throws(ImageProblem) -> [UInt8] {
        guard bytes.starts(with: pngSignature) else { throw .malformed }
        var output = pngSignature
        output.reserveCapacity(bytes.count)
        var offset = pngSignature.count
        var sawData = false
        while offset < bytes.count {
            guard offset + 12 <= bytes.count else { throw .truncated }
            let length = Int(bigEndian32(bytes, at: offset))
            guard length <= Int(Int32.max) else { throw .malformed }
            let typeBytes = bytes[offset + 4..<offset + 8]
            guard typeBytes.allSatisfy({ (0x41...0x5A).contains($0 & ~0x20) }) else { throw .malformed }
            let checksumOffset = offset + 8 + length
            guard checksumOffset + 4 <= bytes.count else { throw .truncated }
            guard CRC32(bytes[offset + 4..<checksumOffset]).value == bigEndian32(bytes, at: checksumOffset) else { throw .badChecksum }
            let chunk = bytes[offset..<checksumOffset + 4]
            let type = String(decoding: typeBytes, as: UTF8.self)
            guard (offset == pngSignature.count) == (type == "IHDR") else { throw .malformed }
            offset = checksumOffset + 4
            if type == "IEND" {
                guard length == 0, sawData else { throw .malformed }
                guard offset == bytes.count else { throw .trailingBytes }
                return output + chunk
            }
            let critical = typeBytes.first! & 0x20 == 0
            if critical {
                guard pngCritical.contains(type) else { throw .malformed }
                sawData = sawData || type == "IDAT"
                output += chunk
            } else if pngKept.contains(type) {
                output += chunk
            }
        }
        throw .missingEnd
    }

    // MARK: WebP

    private static let webpKept: Set<String> = ["VP8X", "VP8 ", "VP8L", "ALPH", "ANIM", "ANMF", "ICCP"]
    private static let webpImages: Set<String> = ["VP8X", "VP8 ", "VP8L"]
    /// The VP8X flags of the chunks dropped: EXIF (0x08) and XMP (0x04).
    private static let webpDroppedFlags: UInt8 = 0x08 | 0x04

    static func webp(_ bytes: [UInt8]) throws(ImageProblem) -> [UInt8] {
        guard bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), bytes[8..<12].elementsEqual("WEBP".utf8) else {
            throw .malformed
        }
        let size = Int(littleEndian32(bytes, at: 4))
        guard 8 + size <= bytes.count else { throw .truncated }
        guard 8 + size == bytes.count else { throw .trailingBytes }
        var body = Array("WEBP".utf8)
        body.reserveCapacity(bytes.count)
        var offset = 12
        while offset < bytes.count {
            guard offset + 8 <= bytes.count else { throw .truncated }
            let length = Int(littleEndian32(bytes, at: offset + 4))
            let end = offset + 8 + length + length % 2
            guard end <= bytes.count else { throw .truncated }
            let fourCC = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            if offset == 12 {
                guard webpImages.contains(fourCC) else { throw .malformed }
                if fourCC == "VP8X" {
                    guard length == 10 else { throw .malformed }
                    var header = Array(bytes[offset..<end])
                    header[8] &= ~webpDroppedFlags
                    body += header
                    offset = end
                    continue
                }
            }
            if webpKept.contains(fourCC) { body += bytes[offset..<end] }
            offset = end
        }
        guard body.count > 4 else { throw .malformed }
        return Array("RIFF".utf8) + littleEndian(UInt32(body.count)) + body
    }

    // MARK: Integers

    private static func bigEndian32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func littleEndian32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}
