@testable import Palestra
import Testing

/// Uploaded images lose their metadata (EXIF with GPS, XMP, comments, text chunks) and keep their image
/// data byte for byte; a damaged image, or one with bytes after its end, is refused.
@Suite("Admin engine: images stored without metadata")
struct ImageSanitizerTests {
    typealias Image = TestImage

    /// Sanitizes `bytes`, checks a second pass changes nothing, and returns the result.
    static func sanitized(_ bytes: [UInt8], _ kind: UploadKind) throws -> [UInt8] {
        let once = try ImageSanitizer.sanitize(bytes, as: kind)
        #expect(try ImageSanitizer.sanitize(once, as: kind) == once, "a second pass changes nothing")
        return once
    }

    static func containsMetadata(_ bytes: [UInt8]) -> Bool {
        bytes.contains(Array(Image.gpsText.utf8)) || bytes.contains(Array("Exif".utf8)) || bytes.contains(Array("xmpmeta".utf8))
    }

    @Test("the CRC is PNG's (the check value of \"123456789\")")
    func checksum() {
        #expect(CRC32(Array("123456789".utf8)).value == 0xCBF4_3926)
        #expect(CRC32([]).value == 0)
    }

    @Test("clean images come out unchanged", arguments: [
        (Image.png(), UploadKind.png), (Image.jpeg(), .jpeg), (Image.webp(), .webp),
        (Image.jpeg(segments: [Image.adobe], scan: [0x3F, 0xFF, 0x00, 0x12, 0xFF, 0xD0, 0x3F]), .jpeg),
        (Image.png(before: [Image.pngChunk("sRGB", [0]), Image.pngChunk("tRNS", [0, 0x80])]), .png),
    ])
    func clean(bytes: [UInt8], kind: UploadKind) throws {
        #expect(try Self.sanitized(bytes, kind) == bytes)
    }

    @Test("JPEG: EXIF with GPS, XMP, ICC, comments and the JFIF thumbnail go; JFIF, Adobe, tables and the scan stay")
    func jpeg() throws {
        let scan: [UInt8] = [0x3F, 0xFF, 0x00, 0xFF, 0xD3, 0x3F]
        let original = Image.jpeg(header: Image.jfif(thumbnail: true), segments: Image.jpegMetadata + [Image.adobe], scan: scan)
        #expect(Self.containsMetadata(original))
        let clean = try Self.sanitized(original, .jpeg)
        #expect(!Self.containsMetadata(clean))
        #expect(!clean.contains([0xFF, 0xFE]))
        #expect(clean == Image.jpeg(segments: [Image.adobe], scan: scan))
        let scanAndEnd = [0x00, 0, 63, 0] + scan + [0xFF, 0xD9]
        #expect(clean.suffix(scanAndEnd.count).elementsEqual(scanAndEnd))
    }

    @Test("PNG: text, EXIF, time and other ancillary chunks go; IDAT and the colour chunks stay, CRCs intact")
    func png() throws {
        let kept = [Image.pngChunk("gAMA", [0, 0, 0xB1, 0x8F]), Image.pngChunk("iCCP", Array("sRGB".utf8) + [0, 0, 0x78, 0x01])]
        let original = Image.png(
            before: [Image.pngChunk("eXIf", Array(Image.exif.dropFirst(6))), kept[0], Image.pngChunk("pHYs", [UInt8](repeating: 0, count: 9)), kept[1]],
            after: [
                Image.pngChunk("tEXt", Array("Comment\0".utf8) + Array(Image.gpsText.utf8)),
                Image.pngChunk("iTXt", Array("XML:com.adobe.xmp\0\0\0\0\0".utf8) + Image.xmp),
                Image.pngChunk("zTXt", Array("Location\0\0".utf8) + [0x78, 0x01, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]),
                Image.pngChunk("tIME", [0x07, 0xE9, 6, 1, 12, 0, 0]),
            ]
        )
        #expect(Self.containsMetadata(original))
        let clean = try Self.sanitized(original, .png)
        #expect(!Self.containsMetadata(clean))
        for type in ["eXIf", "tEXt", "iTXt", "zTXt", "tIME", "pHYs"] { #expect(!clean.contains(Array(type.utf8)), "\(type)") }
        #expect(clean == Image.png(before: kept))
        #expect(clean.contains(Image.pngIDAT))
    }

    @Test("WebP: EXIF and XMP chunks and their VP8X flags go, the RIFF size is rewritten; ICC and the bitstream stay")
    func webp() throws {
        let icc = Image.webpChunk("ICCP", Array("profile".utf8))
        let original = Image.webp([
            Image.vp8x(flags: 0x20 | 0x08 | 0x04), icc, Image.vp8l,
            Image.webpChunk("EXIF", Array(Image.exif.dropFirst(6))), Image.webpChunk("XMP ", Image.xmp),
        ])
        #expect(Self.containsMetadata(original))
        let clean = try Self.sanitized(original, .webp)
        #expect(!Self.containsMetadata(clean))
        #expect(clean == Image.webp([Image.vp8x(flags: 0x20), icc, Image.vp8l]))
        #expect(clean[4..<8].elementsEqual(Image.littleEndian(UInt32(clean.count - 8))))
    }

    /// A tEXt chunk whose data byte was changed after its CRC was computed.
    static let corruptedChunk: [UInt8] = {
        var chunk = Image.pngChunk("tEXt", Array("a\0b".utf8))
        chunk[9] ^= 0x01
        return chunk
    }()

    static let damaged: [(String, [UInt8], UploadKind, ImageProblem)] = [
        ("JPEG, a byte after EOI", Image.jpeg(trailer: [0]), .jpeg, .trailingBytes),
        ("JPEG, a script after EOI", Image.jpeg(trailer: Array("<?php system($_GET[1]); ?>".utf8)), .jpeg, .trailingBytes),
        ("JPEG, no EOI", Array(Image.jpeg().dropLast(2)), .jpeg, .truncated),
        ("JPEG, cut inside the tables", Array(Image.jpeg().prefix(30)), .jpeg, .truncated),
        ("JPEG, a segment length below 2", Image.jpeg(segments: [[0xFF, 0xE1, 0x00, 0x01]]), .jpeg, .malformed),
        ("JPEG, a segment past the end", Image.jpeg(segments: [[0xFF, 0xE1, 0x40, 0x00, 0x01]]), .jpeg, .truncated),
        ("JPEG, EOI without frame or scan", [0xFF, 0xD8, 0xFF, 0xD9], .jpeg, .malformed),
        ("JPEG, cut after a marker", [0xFF, 0xD8, 0xFF, 0xE0], .jpeg, .truncated),
        ("PNG, a byte after IEND", Image.png() + [0], .png, .trailingBytes),
        ("PNG, a chunk after IEND", Image.png() + Image.pngChunk("tEXt", Array("after\0end".utf8)), .png, .trailingBytes),
        ("PNG, no IEND", Array(Image.png().dropLast(12)), .png, .missingEnd),
        ("PNG, IEND cut short", Array(Image.png().dropLast(3)), .png, .truncated),
        ("PNG, a bad CRC", Image.png(before: [corruptedChunk]), .png, .badChecksum),
        ("PNG, a chunk past the end", Image.png(before: [Image.bigEndian(1_000) + Array("tEXt".utf8) + [1, 2, 3]]), .png, .truncated),
        ("PNG, an unknown critical chunk", Image.png(before: [Image.pngChunk("ABCD", [])]), .png, .malformed),
        ("WebP, a byte after the RIFF size", Image.webp() + [0], .webp, .trailingBytes),
        ("WebP, shorter than the RIFF size", Array(Image.webp().dropLast(2)), .webp, .truncated),
        ("WebP, a chunk past the end", Image.webp([Image.vp8l, Array("EXIF".utf8) + Image.littleEndian(100) + [1, 2]]), .webp, .truncated),
        ("WebP, no image chunk first", Image.webp([Image.webpChunk("EXIF", [1, 2]), Image.vp8l]), .webp, .malformed),
    ]

    @Test("damaged images and bytes after the end are refused", arguments: damaged)
    func refused(name: String, bytes: [UInt8], kind: UploadKind, problem: ImageProblem) {
        #expect(throws: problem, "\(name)") { try ImageSanitizer.sanitize(bytes, as: kind) }
    }
}
