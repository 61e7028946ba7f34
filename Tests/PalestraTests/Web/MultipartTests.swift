import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Palestra
import Testing

@Suite("Multipart form decoding")
struct MultipartTests {
    static let boundary = "----PalestraXyZzy42"

    /// A body of `parts` (each its header lines, a blank line and content), as a browser sends it.
    static func body(_ parts: [[UInt8]], boundary: String = boundary) -> [UInt8] {
        var body: [UInt8] = []
        for part in parts {
            body += Array("--\(boundary)\r\n".utf8) + part + Array("\r\n".utf8)
        }
        return body + Array("--\(boundary)--\r\n".utf8)
    }

    static func field(_ name: String, _ value: String) -> [UInt8] {
        Array("Content-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)".utf8)
    }

    static func file(_ name: String, filename: String, type: String = "image/png", _ bytes: [UInt8]) -> [UInt8] {
        Array("Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: \(type)\r\n\r\n".utf8) + bytes
    }

    static func parse(_ body: [UInt8], boundary: String = boundary) throws(AppError) -> FormData {
        try FormData(body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    static func parse(_ text: String, boundary: String = "B") throws(AppError) -> FormData {
        try parse(Array(text.utf8), boundary: boundary)
    }

    @Test("text fields and a binary file whose bytes hold line breaks, dashes and near-boundaries")
    func fieldsAndFile() throws {
        let image: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0xFE]
            + Array("\r\n--\r\n----\n--\(Self.boundary)\r\n\r--\(Self.boundary)--".utf8)
            + Array("\r\n--\(Self.boundary.dropLast())X\r\n--\(Self.boundary.prefix(9))\r\n\r\n".utf8)
            + [0x00, 0x0D] + Array("\r\n--\(Self.boundary.dropLast())".utf8)
        let body = Self.body([
            Self.field("title", "Morning run"),
            Self.file("avatar", filename: "me.png", image),
            Self.field("notes", "line one\r\nline\ttwo"),
        ])
        let form = try Self.parse(body)
        #expect(form.fields == [.init(name: "title", value: "Morning run"), .init(name: "notes", value: "line one\r\nline\ttwo")])
        #expect(form.files == [UploadedFile(name: "avatar", filename: "me.png", contentType: "image/png", bytes: image)])
        #expect(form.file("avatar")?.size == image.count)
        #expect(form.file("missing") == nil)
    }

    @Test("a file as large as an avatar may be, made of boundary prefixes")
    func largeFile() throws {
        let prefix = Array("\r\n--\(Self.boundary.dropLast())".utf8)
        let bytes = Array((0..<(2 * 1024 * 1024 / prefix.count)).map { _ in prefix }.joined())
        let form = try Self.parse(Self.body([Self.file("avatar", filename: "big.webp", type: "image/webp", bytes)]))
        #expect(form.file("avatar")?.bytes == bytes)
    }

    @Test("the boundary is read quoted or not, among other parameters", arguments: [
        "multipart/form-data; boundary=abc-123", "multipart/form-data; boundary=\"abc-123\"", "Multipart/Form-Data;boundary=abc-123",
        "multipart/form-data; charset=utf-8; boundary=\"abc-123\"", "multipart/form-data ; boundary = abc-123 ;",
    ])
    func boundaryParameter(contentType: String) throws {
        let form = try FormData(body: Self.body([Self.field("a", "1")], boundary: "abc-123"), contentType: contentType)
        #expect(form.value("a") == "1")
    }

    @Test("a quoted boundary may use every character RFC 2046 allows, up to 70")
    func boundaryCharacters() throws {
        let boundary = "a b'()+_,-./:=?" + String(repeating: "7", count: 55)
        #expect(boundary.count == 70)
        let form = try FormData(body: Self.body([Self.field("a", "1")], boundary: boundary), contentType: "multipart/form-data; boundary=\"\(boundary)\"")
        #expect(form.value("a") == "1")
    }

    @Test("repeated names keep every value and file, in order")
    func repeatedNames() throws {
        let first = UploadedFile(name: "photos", filename: "a.jpg", contentType: "image/jpeg", bytes: [0xFF, 0xD8, 0xFF])
        let second = UploadedFile(name: "photos", filename: "b.jpg", contentType: "image/jpeg", bytes: [0xFF, 0xD8, 0x00])
        let form = try Self.parse(Self.body([
            Self.field("day", "mon"), Self.file("photos", filename: "a.jpg", type: "image/jpeg", first.bytes),
            Self.field("day", "wed"), Self.file("photos", filename: "b.jpg", type: "image/jpeg", second.bytes),
            Self.field("day", ""),
        ]))
        #expect(form.values("day") == ["mon", "wed", ""])
        #expect(form.files == [first, second])
        #expect(form.file("photos") == first)
    }

    @Test("a file input with no file chosen is no file; an empty file is one")
    func emptyFileInput() throws {
        let form = try Self.parse(Self.body([
            Self.file("avatar", filename: "", type: "application/octet-stream", []),
            Self.field("nick", "bo"),
            Self.file("notes", filename: "empty.txt", type: "text/plain", []),
            Array("Content-Disposition: form-data; name=\"raw\"; filename=\"x.bin\"\r\n\r\n".utf8) + [0x01],
        ]))
        #expect(form.file("avatar") == nil)
        #expect(form.fields == [.init(name: "nick", value: "bo")])
        #expect(form.file("notes") == UploadedFile(name: "notes", filename: "empty.txt", contentType: "text/plain", bytes: []))
        #expect(form.file("raw") == UploadedFile(name: "raw", filename: "x.bin", contentType: "application/octet-stream", bytes: [0x01]))
    }

    @Test("file names: filename* in UTF-8 wins, raw UTF-8 and the browsers' %22 escapes are read", arguments: [
        ("filename=\"avatar.png\"; filename*=UTF-8''%D0%B0%D0%B2%D0%B0%D1%82%D0%B0%D1%80%20%E2%84%961.png", "аватар №1.png"),
        ("filename*=utf-8'ru'%D1%84%D0%BE%D1%82%D0%BE.jpg", "фото.jpg"),
        ("filename=\"фото; копия.jpg\"", "фото; копия.jpg"),
        ("filename=\"say %22hi%22.png\"", "say \"hi\".png"),
        ("filename=\"C:\\Users\\me\\a.png\"", "C:\\Users\\me\\a.png"),
    ])
    func filenames(parameters: String, expected: String) throws {
        let part = Array("Content-Disposition: form-data; name=\"avatar\"; \(parameters)\r\nContent-Type: image/png\r\n\r\nPNG".utf8)
        let form = try Self.parse(Self.body([part]))
        #expect(form.file("avatar")?.filename == expected)
    }

    @Test("Cyrillic names and values are UTF-8 text; names may carry the browsers' escapes")
    func cyrillic() throws {
        let form = try Self.parse(Self.body([Self.field("имя", "Пётр Ильич\r\nЧайковский"), Self.field("%22quoted%22%0D%0A", "x")]))
        #expect(form.value("имя") == "Пётр Ильич\r\nЧайковский")
        #expect(form.value("\"quoted\"\r\n") == "x")
    }

    @Test("preamble, epilogue, padding after a boundary, a part of headers only, no parts at all")
    func structure() throws {
        let text = "preamble\r\n--B \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--B\r\n"
            + "content-disposition: FORM-DATA; NAME=b\r\nX-Ignored: yes\r\n\r\n--B--\r\nepilogue --B\r\n"
        let form = try Self.parse(text)
        #expect(form.fields == [.init(name: "a", value: "1"), .init(name: "b", value: "")])
        #expect(try Self.parse("--B--\r\n") == FormData())
    }

    @Test("a malformed body is refused as a whole", arguments: [
        "", "no boundary at all", "--C\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--C--\r\n",
        "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1", "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--B\r\n",
        "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--B", "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--Bx--",
        "--B\nContent-Disposition: form-data; name=\"a\"\n\n1\n--B--", "--Bjunk\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--B--",
        "--B\r\nContent-Disposition: form-data\r\n\r\n1\r\n--B--", "--B\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n1\r\n--B--",
        "--B\r\nContent-Disposition: form-data; filename=\"a.png\"\r\n\r\n1\r\n--B--", "--B\r\nContent-Type: text/plain\r\n\r\n1\r\n--B--",
        "--B\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n--B--", "--B\r\nContent-Disposition form-data; name=\"a\"\r\n\r\n1\r\n--B--",
        "--B\r\nContent-Disposition : form-data; name=\"a\"\r\n\r\n1\r\n--B--", "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n1\r\n--B--",
        "--B\r\n\r\n1\r\n--B--", "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\na\u{0}b\r\n--B--",
        "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\u{1B}[31m\r\n--B--", "--B\r\nContent-Disposition: form-data; name=\"a\u{0}\"\r\n\r\n1\r\n--B--",
        "--B\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n1\r\n--B--",
        "--B\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\n1\r\n--B--", "--B\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--B--",
        "--B\r\nContent-Disposition: form-data; name=a b\r\n\r\n1\r\n--B--", "--B\r\nContent-Disposition: form-data;\r\n name=\"a\"\r\n\r\n1\r\n--B--",
        "--B\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Transfer-Encoding: base64\r\n\r\nMQ==\r\n--B--",
        "--B\r\nContent-Disposition: form-data; name=\"f\"; filename*=ISO-8859-1''cafe.txt\r\n\r\n1\r\n--B--",
        "--B\r\nContent-Disposition: form-data; name=a\"b\"\r\n\r\n1\r\n--B--",
        "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--B++Content-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n--B--",
        "--B\r\nContent-Disposition: form-data; name=\"f\"; filename*=UTF-8''%G0.png\r\n\r\n1\r\n--B--",
        "--B\r\nContent-Disposition: form-data; name=\"f\"; filename*=UTF-8''a%00.png\r\n\r\n1\r\n--B--",
        "--B\r\nContent-Disposition: form-data; name=\"f\"; filename*=UTF-8''%C3%28.png\r\n\r\n1\r\n--B--",
    ])
    func malformed(text: String) {
        #expect(throws: AppError.badRequest) { try Self.parse(text) }
    }

    @Test("bytes that are not UTF-8 in a text part or a header are refused", arguments: [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80]] as [[UInt8]])
    func invalidUTF8(bytes: [UInt8]) {
        let text = Self.body([Array("Content-Disposition: form-data; name=\"a\"\r\n\r\nok".utf8) + bytes])
        #expect(throws: AppError.badRequest) { try Self.parse(text) }
        let header = Self.body([Array("Content-Disposition: form-data; name=\"a\"; filename=\"".utf8) + bytes + Array("\"\r\n\r\n1".utf8)])
        #expect(throws: AppError.badRequest) { try Self.parse(header) }
    }

    @Test("at most 1,000 parts")
    func tooManyParts() throws {
        let parts = (0..<MultipartParser.maximumParts).map { Self.field("f\($0)", "x") }
        #expect(try Self.parse(Self.body(parts)).fields.count == 1_000)
        #expect(throws: AppError.badRequest) { try Self.parse(Self.body(parts + [Self.field("one", "more")])) }
        #expect(throws: AppError.badRequest) { try Self.parse(Self.body(parts + [Self.file("avatar", filename: "", [])])) }
    }

    @Test("a part's header lines take at most 8 KiB")
    func headerTooLong() throws {
        let disposition = "Content-Disposition: form-data; name=\"a\"\r\n"
        func part(headerBytes: Int) -> [UInt8] {
            let padding = String(repeating: "p", count: headerBytes - disposition.utf8.count - "X-Padding: \r\n".utf8.count)
            return Array("\(disposition)X-Padding: \(padding)\r\n\r\nvalue".utf8)
        }
        #expect(try Self.parse(Self.body([part(headerBytes: 8 * 1024)])).value("a") == "value")
        #expect(throws: AppError.badRequest) { try Self.parse(Self.body([part(headerBytes: 8 * 1024 + 1)])) }
    }

    @Test("a Content-Type with no usable boundary, or that is not a form, is refused", arguments: [
        "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"", "multipart/form-data; boundary=\"abc",
        "multipart/form-data; boundary=\"abc \"", "multipart/form-data; boundary=a@c", "multipart/form-data; boundary=abc; boundary=abc",
        "multipart/form-data; boundary=\"" + String(repeating: "a", count: 71) + "\"", "multipart/form-data boundary=abc",
        "multipart/mixed; boundary=abc", "text/plain", "application/json", "", "application/x-www-form-urlencoded; charset",
    ])
    func badContentType(contentType: String) {
        let body = Self.body([Self.field("a", "1")], boundary: "abc")
        #expect(throws: AppError.badRequest) { try FormData(body: body, contentType: contentType) }
    }

    @Test("a URL-encoded body, or one with no Content-Type, is read as before", arguments: [
        nil, "application/x-www-form-urlencoded", "Application/X-WWW-Form-Urlencoded; charset=UTF-8",
    ] as [String?])
    func urlEncoded(contentType: String?) throws {
        let form = try FormData(body: Array("name=%D0%AF&day=mon&day=wed".utf8), contentType: contentType)
        #expect(form == FormData(fields: [.init(name: "name", value: "Я"), .init(name: "day", value: "mon"), .init(name: "day", value: "wed")]))
        #expect(form.files.isEmpty)
    }

    /// A router with the real request guard and a route that echoes the form it reads.
    static func app() -> some ApplicationProtocol {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: RequestGuardMiddleware(bodyLimit: 4096))
        router.post("/upload") { request, context in
            var request = request
            let form = try await request.formData(context: context)
            let summary = form.fields.map { "\($0.name)=\($0.value)" } + form.files.map { "\($0.name):\($0.filename):\($0.contentType):\($0.size)" }
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: summary.joined(separator: "|"))))
        }
        return Application(router: router)
    }

    @Test("through the HTTP stack: a multipart form is read, other types answer 400, the body limit holds")
    func http() async throws {
        try await Self.app().test(.router) { client in
            let multipart: HTTPFields = [.contentType: "multipart/form-data; boundary=\(Self.boundary)"]
            let body = Self.body([Self.field("nick", "Аня"), Self.file("avatar", filename: "a.png", [0x89, 0x50, 0x0D, 0x0A])])
            let ok = try await client.execute(uri: "/upload", method: .post, headers: multipart, body: ByteBuffer(bytes: body))
            #expect(ok.status == .ok)
            #expect(String(buffer: ok.body) == "nick=Аня|avatar:a.png:image/png:4")
            let plain = try await client.execute(uri: "/upload", method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "nick=x"))
            #expect(plain.status == .badRequest)
            let broken = try await client.execute(uri: "/upload", method: .post, headers: multipart, body: ByteBuffer(bytes: body.dropLast(4)))
            #expect(broken.status == .badRequest)
            let large = Self.body([Self.file("avatar", filename: "big.png", [UInt8](repeating: 0x42, count: 4096))])
            let tooLarge = try await client.execute(uri: "/upload", method: .post, headers: multipart, body: ByteBuffer(bytes: large))
            #expect(tooLarge.status == .contentTooLarge)
        }
    }
}
