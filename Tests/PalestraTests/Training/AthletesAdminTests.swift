import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// The athletes' pages: the photo upload (checked by its bytes, at most 2 MB, served by the media route
/// with a fixed type), the memberships edited inline, the group filter and what coaches see.
@Suite("Training admin: athletes, photos and memberships")
struct AthletesAdminTests {
    static let add = AdminURL.addForm("athletes")
    static let png = TestImage.png()
    static let damaged = "The image is damaged or has data after its end; save it again from an image program and upload that."

    static func fields(name: String = "Anna Petrova", birth: String = "2012-04-05", memberships: [(id: Int?, group: String, joined: String, left: String)] = []) -> [(String, String)] {
        var fields = [("full_name", name), ("birth_date", birth), ("contact", "+7 900 000 00 00"), ("notes", ""), ("user_id", ""),
                      ("memberships-rows", String(memberships.count))]
        for (index, row) in memberships.enumerated() {
            fields += [("memberships-\(index)-id", row.id.map(String.init) ?? ""), ("memberships-\(index)-group_id", row.group),
                       ("memberships-\(index)-joined_on", row.joined), ("memberships-\(index)-left_on", row.left)]
        }
        return fields + [("_save", "1")]
    }

    /// Runs `body` with a fresh media folder inside a folder of its own (so what lies above the media
    /// folder is the test's too), both removed afterwards.
    static func withMedia(_ body: @escaping @Sendable (any TestClientProtocol, TestDatabase, String) async throws -> Void) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("media-\(UUID().uuidString)").path
        let folder = root + "/media"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await TestApp.test(configure: { $0.mediaDirectory = folder }) { client, database in
            try await body(client, database, folder)
        }
    }

    /// Every role's user in `database`, and the admin's browser on the add form (its CSRF token read).
    static func adminOnAddForm(_ client: any TestClientProtocol, _ database: TestDatabase) async throws -> Browser {
        _ = try await TestUsers.everyRole(in: database)
        var browser = Browser(client)
        try await browser.signIn("admin@example.org")
        _ = try await browser.get(add)
        return browser
    }

    static func storedFiles(_ folder: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder + "/athletes")) ?? []
    }

    @Test("a real PNG is stored under a server-made name, shown in the list and served with a fixed type and nosniff")
    func photo() async throws {
        try await Self.withMedia { client, database, folder in
            var browser = try await Self.adminOnAddForm(client, database)
            let saved = try await browser.postMultipart(Self.add, Self.fields(), files: [("avatar", "me.html", Self.png)])
            #expect(saved.status == .seeOther)
            let avatar: String = try await database.value("SELECT avatar FROM athletes WHERE full_name = 'Anna Petrova'")
            #expect(avatar.wholeMatch(of: /athletes\/[0-9a-f]{32}\.png/) != nil)
            #expect(Self.storedFiles(folder).count == 1)
            let list = try await browser.follow(saved)
            #expect(list.text.contains("<img src=\"/media/\(avatar)\" alt=\"Photo of Anna Petrova\""))
            let served = try await browser.get(MediaURL.file(avatar))
            #expect(served.status == .ok)
            #expect(served.headers[.contentType] == "image/png")
            #expect(served.headers[.xContentTypeOptions] == "nosniff")
            #expect(served.headers[.contentDisposition] == "inline")
            #expect(served.headers[.cacheControl]?.hasPrefix("private") == true)
            #expect(Array(served.body.readableBytesView) == Self.png)
            let id: Int = try await database.value("SELECT id::int FROM athletes")
            let form = try await browser.get(AdminURL.changeForm("athletes", String(id)))
            #expect(form.text.contains("<img src=\"/media/\(avatar)\""))
            var stranger = Browser(client)
            #expect(try await stranger.get(MediaURL.file(avatar)).status == .seeOther)
        }
    }

    @Test("a renamed HTML file, a file of 2 MB + 1 byte and an empty file get a message; nothing is stored", arguments: [
        (Array("<html><script>alert(1)</script></html>".utf8), "This file is not one of the accepted kinds (PNG, JPEG, WEBP)."),
        (png + Array(repeating: 0, count: 2 * 1024 * 1024 + 1 - png.count), "The file is too large: at most 2 MB."),
        ([UInt8](), "The file is empty."),
        (png + Array("<script>alert(1)</script>".utf8), damaged),
    ])
    func refusedUploads(bytes: [UInt8], message: String) async throws {
        try await Self.withMedia { client, database, folder in
            var browser = try await Self.adminOnAddForm(client, database)
            let response = try await browser.postMultipart(Self.add, Self.fields(), files: [("avatar", "evil.png", bytes)])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("id=\"field-avatar-error\""))
            #expect(response.text.contains(message))
            #expect(response.text.contains("value=\"Anna Petrova\""))
            #expect(try await database.value("SELECT count(*)::int FROM athletes", as: Int.self) == 0)
            #expect(Self.storedFiles(folder).isEmpty)
        }
    }

    @Test("a change with a bad photo keeps the stored one, on disk and in the row")
    func badPhotoOnChange() async throws {
        try await Self.withMedia { client, database, folder in
            var browser = try await Self.adminOnAddForm(client, database)
            _ = try await browser.postMultipart(Self.add, Self.fields(), files: [("avatar", "me.png", Self.png)])
            let (id, avatar): (Int, String) = (try await database.value("SELECT id::int FROM athletes"), try await database.value("SELECT avatar FROM athletes"))
            let url = AdminURL.changeForm("athletes", String(id))
            _ = try await browser.get(url)
            let response = try await browser.postMultipart(url, Self.fields() + [("version", "1")], files: [("avatar", "evil.png", Array("<html>".utf8))])
            #expect(response.status == .unprocessableContent)
            #expect(try await database.value("SELECT avatar FROM athletes", as: String.self) == avatar)
            #expect(Self.storedFiles(folder).count == 1)
        }
    }

    @Test("a photo with EXIF GPS is stored without it; one with data after its end gets a message and changes nothing")
    func photoMetadata() async throws {
        try await Self.withMedia { client, database, folder in
            var browser = try await Self.adminOnAddForm(client, database)
            let photo = TestImage.jpeg(segments: TestImage.jpegMetadata)
            #expect(photo.contains(Array(TestImage.gpsText.utf8)))
            let saved = try await browser.postMultipart(Self.add, Self.fields(), files: [("avatar", "phone.jpg", photo)])
            #expect(saved.status == .seeOther)
            let (id, avatar): (Int, String) = (try await database.value("SELECT id::int FROM athletes"), try await database.value("SELECT avatar FROM athletes"))
            #expect(avatar.hasSuffix(".jpg"))
            let stored = try #require(FileManager.default.contents(atPath: folder + "/" + avatar))
            #expect(!stored.contains(Data(TestImage.gpsText.utf8)))
            #expect(!stored.contains(Data("Exif".utf8)))
            #expect(Array(stored) == TestImage.jpeg())

            let url = AdminURL.changeForm("athletes", String(id))
            _ = try await browser.get(url)
            let response = try await browser.postMultipart(
                url, Self.fields(name: "Anna Sidorova") + [("version", "1")], files: [("avatar", "next.jpg", TestImage.jpeg(trailer: Array("PK\u{3}\u{4}".utf8)))]
            )
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("id=\"field-avatar-error\""))
            #expect(response.text.contains(Self.damaged))
            let row: String = try await database.value("SELECT full_name || ' ' || avatar || ' ' || version FROM athletes")
            #expect(row == "Anna Petrova \(avatar) 1")
            #expect(Self.storedFiles(folder) == [String(avatar.dropFirst("athletes/".count))])
        }
    }

    /// Real files, relative to the media folder, wherever a bad name would lead if the media route took it:
    /// each bad name under `athletes/` (read literally, as the router hands it over), a well-formed name
    /// under a folder that is no resource's, and `secret.png` where a decoded `..` would lead.
    static let plantedFiles = [
        "athletes/0123456789ABCDEF0123456789abcdef.png", "athletes/0123456789abcdef0123456789abcdef.svg",
        "athletes/x.png", "athletes/0123456789abcdef0123456789abcdef.png.html",
        "athletes/%2e%2e%2fsecret.png", "athletes/..%2f..%2fsecret.png", "users/0123456789abcdef0123456789abcdef.png",
        "secret.png", "../secret.png",
    ]
    /// Planted beside them under a good name: it is served, so the planted files are where the route looks.
    static let plantedGoodFile = "athletes/fedcba9876543210fedcba9876543210.png"

    @Test("media names other than <32 hex>.<png|jpg|webp> under a resource's folder answer 404, though a file is there", arguments: [
        "/media/athletes/../secret.png", "/media/athletes/%2e%2e%2fsecret.png", "/media/athletes/..%2f..%2fsecret.png",
        "/media/athletes/0123456789ABCDEF0123456789abcdef.png", "/media/athletes/0123456789abcdef0123456789abcdef.svg",
        "/media/users/0123456789abcdef0123456789abcdef.png", "/media/athletes/x.png",
        "/media/athletes/0123456789abcdef0123456789abcdef.png.html",
        // A good name with no file behind it.
        "/media/athletes/0123456789abcdef0123456789abcdef.png",
    ])
    func badNames(path: String) async throws {
        try await Self.withMedia { client, database, folder in
            for subfolder in ["athletes", "users"] {
                try FileManager.default.createDirectory(atPath: folder + "/" + subfolder, withIntermediateDirectories: true)
            }
            for file in Self.plantedFiles + [Self.plantedGoodFile] {
                #expect(FileManager.default.createFile(atPath: folder + "/" + file, contents: Data(Self.png)), "\(file)")
            }
            _ = try await TestUsers.everyRole(in: database)
            // A photo answers only when a row the user may see holds it: an athlete holds the good one.
            try await database.run("INSERT INTO athletes (full_name, birth_date, avatar) VALUES ('Holder', '2012-01-01', $1)", [Self.plantedGoodFile])
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            #expect(try await browser.get("/media/" + Self.plantedGoodFile).status == .ok)
            let status = try await browser.get(path).status
            #expect(status == .notFound || status == .badRequest, "\(path)")
        }
    }

    @Test("memberships: saved inline, a leaving date before the joining date and an overlap get messages beside the row")
    func memberships() async throws {
        try await TestApp.test { client, database in
            let users = try await TestUsers.everyRole(in: database)
            let group = try await TestTraining.group("Juniors", coach: users[.coach]!, in: database)
            let other = try await TestTraining.group("Seniors", coach: users[.coach]!, in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            _ = try await browser.get(Self.add)
            let backwards = try await browser.post(Self.add, Self.fields(memberships: [(nil, String(group), "2025-09-01", "2025-08-01")]))
            #expect(backwards.status == .unprocessableContent)
            #expect(backwards.text.contains("id=\"field-memberships-0-left_on-error\""))
            #expect(try await database.value("SELECT count(*)::int FROM athletes", as: Int.self) == 0)

            let overlap = try await browser.post(Self.add, Self.fields(memberships: [
                (nil, String(group), "2025-09-01", "2025-12-31"), (nil, String(group), "2025-10-01", ""),
            ]))
            #expect(overlap.status == .unprocessableContent)
            #expect(overlap.text.contains("The athlete is already a member of this group for some of these dates."))
            #expect(overlap.text.contains("id=\"field-memberships-1-joined_on-error\""))
            #expect(try await database.value("SELECT count(*)::int FROM athletes", as: Int.self) == 0)

            let saved = try await browser.post(Self.add, Self.fields(memberships: [
                (nil, String(group), "2025-09-01", "2025-12-31"), (nil, String(other), "2026-01-01", ""),
            ]))
            #expect(saved.status == .seeOther)
            #expect(try await database.value("SELECT count(*)::int FROM group_memberships", as: Int.self) == 2)
            let filtered = try await browser.get(AdminURL.changeList("athletes") + "?group=\(other)")
            #expect(filtered.text.contains("Anna Petrova"))
            // A group that does not exist is named, and filters nothing (issue 14), rather than silently showing no one.
            let unknown = try await browser.get(AdminURL.changeList("athletes") + "?group=999999")
            #expect(unknown.text.contains("“999999” is not one of these choices: the list is not filtered by it."))
            #expect(unknown.text.contains("Anna Petrova"))
        }
    }

    @Test("a coach sees only the athletes of their groups, read-only")
    func coachScope() async throws {
        try await TestApp.test { client, database in
            let users = try await TestUsers.everyRole(in: database)
            let otherCoach = try await TestUsers.create("coach2@example.org", role: .coach, in: database)
            let mine = try await TestTraining.group("Mine", coach: users[.coach]!, in: database)
            let theirs = try await TestTraining.group("Theirs", coach: otherCoach, in: database)
            for (name, group) in [("Mine Athlete", mine), ("Their Athlete", theirs)] {
                try await database.run(
                    """
                    WITH a AS (INSERT INTO athletes (full_name, birth_date) VALUES ($1, '2012-01-01') RETURNING id)
                    INSERT INTO group_memberships (athlete_id, group_id, joined_on) SELECT id, $2, '2025-01-01' FROM a
                    """,
                    [name, group]
                )
            }
            var coach = Browser(client)
            try await coach.signIn("coach@example.org")
            let list = try await coach.get(AdminURL.changeList("athletes"))
            #expect(list.text.contains("Mine Athlete") && !list.text.contains("Their Athlete"))
            let theirID: Int = try await database.value("SELECT id::int FROM athletes WHERE full_name = 'Their Athlete'")
            #expect(try await coach.get(AdminURL.changeForm("athletes", String(theirID))).status == .notFound)
            #expect(try await coach.get(Self.add).status == .forbidden)
        }
    }
}
