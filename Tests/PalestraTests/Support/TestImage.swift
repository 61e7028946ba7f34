@testable import Palestra

/// Small real images built byte by byte (no image library is needed), with the metadata cameras, phones
/// and editors add, for the upload tests.
enum TestImage {
    /// Text that only the metadata holds: a place where the photo was taken.
    static let gpsText = "Training ground 55.7558 N 37.6173 E"

    // MARK: PNG

    /// A PNG chunk: length, type, data, CRC.
    static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + typed + bigEndian(CRC32(typed).value)
    }

    /// A 1×1 grey pixel: the filter byte and the pixel in one stored (uncompressed) deflate block.
    static let pngIDAT: [UInt8] = {
        let scanline: [UInt8] = [0x00, 0x80]
        let deflate: [UInt8] = [0x01, 0x02, 0x00, 0xFD, 0xFF] + scanline
        let (a, b) = scanline.reduce((UInt32(1), UInt32(0))) { sums, byte in
            let a = (sums.0 + UInt32(byte)) % 65_521
            return (a, (sums.1 + a) % 65_521)
        }
        return pngChunk("IDAT", [0x78, 0x01] + deflate + bigEndian(b << 16 | a))
    }()

    /// A 1×1 8-bit greyscale PNG with `before` chunks between IHDR and IDAT, and `after` between IDAT and IEND.
    static func png(before: [[UInt8]] = [], after: [[UInt8]] = []) -> [UInt8] {
        let header = pngChunk("IHDR", bigEndian(1) + bigEndian(1) + [8, 0, 0, 0, 0])
        return ImageSanitizer.pngSignature + header + before.joined() + pngIDAT + after.joined() + pngChunk("IEND", [])
    }

    // MARK: JPEG

    /// A JPEG segment: marker, length, payload.
    static func jpegSegment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [0xFF, marker] + bigEndian16(payload.count + 2) + payload
    }

    /// A JFIF header, with a 1×1 thumbnail if asked.
    static func jfif(thumbnail: Bool = false) -> [UInt8] {
        jpegSegment(0xE0, Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1] + (thumbnail ? [1, 1, 0xAB, 0xCD, 0xEF] : [0, 0]))
    }

    static let adobe = jpegSegment(0xEE, Array("Adobe".utf8) + [0, 100, 0, 0, 0, 0, 1])

    /// An 8×8 mid-grey baseline JPEG: JFIF, then `segments`, one quantisation table, the frame, one-code
    /// Huffman tables (DC difference 0, end of block) and a scan of one block coded `0 0` padded with ones.
    static func jpeg(header: [UInt8] = jfif(), segments: [[UInt8]] = [], scan: [UInt8] = [0x3F], trailer: [UInt8] = []) -> [UInt8] {
        let oneCode = [1] + [UInt8](repeating: 0, count: 15) + [0x00]
        return [0xFF, 0xD8] + header + segments.joined()
            + jpegSegment(0xDB, [0x00] + [UInt8](repeating: 1, count: 64))
            + jpegSegment(0xC0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0])
            + jpegSegment(0xC4, [0x00] + oneCode) + jpegSegment(0xC4, [0x10] + oneCode)
            + jpegSegment(0xDA, [1, 1, 0x00, 0, 63, 0]) + scan + [0xFF, 0xD9] + trailer
    }

    /// EXIF as a phone writes it: a big-endian TIFF whose first IFD points to a GPS IFD holding the
    /// latitude reference and an area text.
    static let exif: [UInt8] = {
        let area = Array("ASCII".utf8) + [0, 0, 0] + Array(gpsText.utf8)
        let tiff: [UInt8] = Array("MM".utf8) + [0, 42] + bigEndian(8)
            + [0, 1] + [0x88, 0x25, 0, 4] + bigEndian(1) + bigEndian(26) + bigEndian(0)  // IFD0: GPSInfo → 26
            + [0, 2] + [0, 1, 0, 2] + bigEndian(2) + Array("N".utf8) + [0, 0, 0]  // GPSLatitudeRef "N"
            + [0, 0x1C, 0, 7] + bigEndian(UInt32(area.count)) + bigEndian(56) + bigEndian(0)  // GPSAreaInformation → 56
            + area
        return Array("Exif".utf8) + [0, 0] + tiff
    }()

    static let xmp = Array("http://ns.adobe.com/xap/1.0/".utf8) + [0]
        + Array("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:Description exif:GPSLatitude=\"55,45.35N\"/></x:xmpmeta>".utf8)

    /// Every kind of JPEG metadata segment: EXIF with GPS, XMP, an ICC profile, a comment.
    static let jpegMetadata: [[UInt8]] = [
        jpegSegment(0xE1, exif), jpegSegment(0xE1, xmp),
        jpegSegment(0xE2, Array("ICC_PROFILE".utf8) + [0, 1, 1] + Array(gpsText.utf8)),
        jpegSegment(0xFE, Array("Shot at \(gpsText)".utf8)),
    ]

    // MARK: WebP

    /// A 1×1 lossless bitstream (VP8L, 13 bytes, padded to 14 in its chunk).
    static let vp8l = webpChunk("VP8L", [0x2F, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07])

    /// A WebP chunk: FourCC, little-endian size, data, a pad byte to an even length.
    static func webpChunk(_ fourCC: String, _ data: [UInt8]) -> [UInt8] {
        Array(fourCC.utf8) + littleEndian(UInt32(data.count)) + data + (data.count % 2 == 1 ? [0] : [])
    }

    /// The extended header of a 1×1 canvas with `flags` (ICC 0x20, EXIF 0x08, XMP 0x04).
    static func vp8x(flags: UInt8) -> [UInt8] {
        webpChunk("VP8X", [flags, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    }

    /// The RIFF container around `chunks`, its size counting them all.
    static func webp(_ chunks: [[UInt8]] = [vp8l]) -> [UInt8] {
        let body = Array("WEBP".utf8) + chunks.joined()
        return Array("RIFF".utf8) + littleEndian(UInt32(body.count)) + body
    }

    // MARK: Integers

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }

    static func bigEndian16(_ value: Int) -> [UInt8] {
        [UInt8(value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    static func littleEndian(_ value: UInt32) -> [UInt8] {
        bigEndian(value).reversed()
    }
}
