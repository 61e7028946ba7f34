import Foundation
@testable import Palestra
import Testing

@Suite("Admin engine: file fields")
struct AdminFileFieldTests {
    static let png = TestImage.png()
    static let jpeg = TestImage.jpeg()
    static let webp = TestImage.webp()

    static let resource = AdminResource(
        slug: "photos", singularName: "photo", pluralName: "photos", table: "photos",
        labelExpression: "id::text",
        list: AdminListDeclaration(
            columns: [AdminColumn("id", label: "Id")]
        ),
        form: AdminFormDeclaration(
            fields: [AdminField("picture", label: "Picture", kind: .file(.image), required: true)]
        ),
        access: AdminAccess(
            permissions: [.admin: Set(AdminPermission.allCases)]
        )
    )

    static func input(_ file: UploadedFile?, adding: Bool = true) async throws -> AdminFormInput {
        let localizations = try Localizations(directory: Repository.templates + "/locales")
        let policy = PasswordPolicy(commonPasswords: [])
        return AdminFormInput(
            form: FormData(fields: [], files: file.map { [$0] } ?? []), resource: resource, adding: adding, choices: [:],
            policy: policy, localizer: localizations.localizer(for: .en)
        )
    }

    @Test("images are recognised by their bytes, whatever their name or claimed type", arguments: [
        (png, UploadKind.png), (jpeg, .jpeg), (webp, .webp),
    ])
    func accepted(bytes: [UInt8], kind: UploadKind) async throws {
        let input = try await Self.input(UploadedFile(name: "picture", filename: "evil.exe", contentType: "text/html", bytes: bytes))
        #expect(input.errors.isEmpty)
        #expect(input.uploads["picture"]?.kind == kind)
        #expect(input.uploads["picture"]?.bytes == bytes)
    }

    @Test("an accepted image is kept without its metadata")
    func sanitized() async throws {
        let photo = TestImage.jpeg(segments: TestImage.jpegMetadata)
        let input = try await Self.input(UploadedFile(name: "picture", filename: "photo.jpg", contentType: "image/jpeg", bytes: photo))
        #expect(input.errors.isEmpty)
        #expect(input.uploads["picture"]?.bytes == TestImage.jpeg())
    }

    @Test("anything else, an oversized file, or an empty file is refused with a message", arguments: [
        (Array("<svg onload=alert(1)>".utf8), "This file is not one of the accepted kinds (PNG, JPEG, WEBP)."),
        (Array("GIF89a....".utf8), "This file is not one of the accepted kinds (PNG, JPEG, WEBP)."),
        (png + Array(repeating: 0, count: 2 * 1024 * 1024), "The file is too large: at most 2 MB."),
        (png + [0], "The image is damaged or has data after its end; save it again from an image program and upload that."),
        (Array(jpeg.dropLast(2)), "The image is damaged or has data after its end; save it again from an image program and upload that."),
        ([], "The file is empty."),
    ])
    func refused(bytes: [UInt8], message: String) async throws {
        let input = try await Self.input(UploadedFile(name: "picture", filename: "photo.png", contentType: "image/png", bytes: bytes))
        #expect(input.errors["picture"] == message)
        #expect(input.uploads.isEmpty)
    }

    @Test("no new file on a change keeps the stored one")
    func keepOnChange() async throws {
        let input = try await Self.input(nil, adding: false)
        #expect(input.errors.isEmpty)
        #expect(input.values["picture"] == nil)
    }

    @Test("stored under a server-made name inside the media folder, and removable")
    func storage() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("media-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let media = MediaStorage(directory: folder)
        let first = try await media.store(Self.png, kind: .png, under: "photos")
        let second = try await media.store(Self.png, kind: .png, under: "photos")
        #expect(first != second)
        #expect(first.wholeMatch(of: /photos\/[0-9a-f]{32}\.png/) != nil)
        #expect(FileManager.default.contents(atPath: folder + "/" + first) == Data(Self.png))
        await media.remove(first)
        #expect(!FileManager.default.fileExists(atPath: folder + "/" + first))
        await media.remove("../../etc/passwd")
    }
}
