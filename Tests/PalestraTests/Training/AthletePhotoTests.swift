import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// Children's photos leave with their athlete (issue 15): a replaced or removed photo's file goes once the
/// change has committed, and so do a deleted athlete's; a photo answers only to those who may see the
/// athlete; the history names a photo change without the stored file names; `palestra media prune`.
@Suite("Training admin: athletes' photos, their files and who sees them")
struct AthletePhotoTests {
    static func upload(_ browser: inout Browser, _ url: String, fields: [(String, String)]) async throws -> TestResponse {
        _ = try await browser.get(url)
        return try await browser.postMultipart(url, fields, files: [("avatar", "me.png", AthletesAdminTests.png)])
    }

    static func avatar(_ database: TestDatabase) async throws -> String? {
        try await database.value("SELECT avatar FROM athletes WHERE full_name = 'Anna Petrova'", as: String?.self)
    }

    @Test("a stored path's URL: folder and name split at the first slash after any leading ones, each escaped; without both, the whole path is the folder")
    func mediaURLs() {
        #expect(MediaURL.file("athletes/0a1b.png") == "/media/athletes/0a1b.png")
        #expect(MediaURL.file("/athletes/0a1b.png") == "/media/athletes/0a1b.png")
        #expect(MediaURL.file("a//b") == "/media/a/%2Fb")
        #expect(MediaURL.file("Фото/a b.png") == "/media/%D0%A4%D0%BE%D1%82%D0%BE/a%20b.png")
        for whole in ["athletes", "athletes/", "/athletes", "//b", ""] {
            #expect(MediaURL.file(whole) == "/media/\(SiteURL.queryEscaped(whole))/", "\(whole)")
        }
    }

    @Test("replacing the photo removes the old file; ticking Remove removes it and empties the field; the history names neither file")
    func replaceAndRemove() async throws {
        try await AthletesAdminTests.withMedia { client, database, folder in
            _ = try await TestUsers.everyRole(in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            #expect(try await Self.upload(&browser, AthletesAdminTests.add, fields: AthletesAdminTests.fields()).status == .seeOther)
            let first = try #require(try await Self.avatar(database))
            let id: Int = try await database.value("SELECT id::int FROM athletes")
            let form = AdminURL.changeForm("athletes", String(id))
            let page = try await browser.get(form)
            #expect(page.text.contains("name=\"avatar-clear\""), "a stored photo of a field that is not required can be removed")

            var fields = AthletesAdminTests.fields() + [("version", "1")]
            #expect(try await Self.upload(&browser, form, fields: fields).status == .seeOther)
            let second = try #require(try await Self.avatar(database))
            #expect(second != first)
            #expect(AthletesAdminTests.storedFiles(folder) == [String(second.dropFirst("athletes/".count))], "the replaced file is gone")

            // A file chosen and Remove ticked at once: a message beside the field, nothing changed.
            let both = try await Self.upload(&browser, form, fields: AthletesAdminTests.fields() + [("version", "2"), ("avatar-clear", "1")])
            #expect(both.status == .unprocessableContent)
            #expect(both.text.contains("Choose a file or tick Remove, not both."))
            #expect(try await Self.avatar(database) == second)
            #expect(AthletesAdminTests.storedFiles(folder) == [String(second.dropFirst("athletes/".count))])

            fields = AthletesAdminTests.fields() + [("version", "2"), ("avatar-clear", "1")]
            _ = try await browser.get(form)
            #expect(try await browser.postMultipart(form, fields, files: []).status == .seeOther)
            #expect(try await Self.avatar(database) == nil)
            #expect(AthletesAdminTests.storedFiles(folder).isEmpty)

            let history = try await browser.get(AdminURL.history("athletes", String(id)))
            #expect(history.status == .ok)
            #expect(!history.text.contains(first) && !history.text.contains(second), "no stored file name on the history page")
            #expect(history.text.contains("a new file"))
            #expect(history.text.contains("a file"))
        }
    }

    @Test("a save that does not commit (someone saved meanwhile) keeps the stored photo and stores no new file")
    func staleSaveKeepsFiles() async throws {
        try await AthletesAdminTests.withMedia { client, database, folder in
            _ = try await TestUsers.everyRole(in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            _ = try await Self.upload(&browser, AthletesAdminTests.add, fields: AthletesAdminTests.fields())
            let stored = try #require(try await Self.avatar(database))
            let id: Int = try await database.value("SELECT id::int FROM athletes")
            try await database.run("UPDATE athletes SET version = version + 1, contact = 'changed elsewhere'")
            let form = AdminURL.changeForm("athletes", String(id))
            let stale = try await Self.upload(&browser, form, fields: AthletesAdminTests.fields() + [("version", "1")])
            #expect(stale.status == .conflict)
            #expect(try await Self.avatar(database) == stored)
            #expect(AthletesAdminTests.storedFiles(folder) == [String(stored.dropFirst("athletes/".count))])
        }
    }

    @Test("deleting an athlete removes their photo's file; so does a bulk delete")
    func deleteRemovesFiles() async throws {
        try await AthletesAdminTests.withMedia { client, database, folder in
            _ = try await TestUsers.everyRole(in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            _ = try await Self.upload(&browser, AthletesAdminTests.add, fields: AthletesAdminTests.fields())
            _ = try await Self.upload(&browser, AthletesAdminTests.add, fields: AthletesAdminTests.fields(name: "Boris Ivanov"))
            #expect(AthletesAdminTests.storedFiles(folder).count == 2)
            let anna: Int = try await database.value("SELECT id::int FROM athletes WHERE full_name = 'Anna Petrova'")
            _ = try await browser.get(AdminURL.delete("athletes", String(anna)))
            #expect(try await browser.post(AdminURL.delete("athletes", String(anna))).status == .seeOther)
            #expect(AthletesAdminTests.storedFiles(folder).count == 1)
            let boris: Int = try await database.value("SELECT id::int FROM athletes WHERE full_name = 'Boris Ivanov'")
            _ = try await browser.get(AdminURL.changeList("athletes"))
            let bulk = try await browser.post(AdminURL.actions("athletes"), [("action", "delete"), ("selected", String(boris)), ("confirm", "yes")])
            #expect(bulk.status == .seeOther)
            #expect(try await database.value("SELECT count(*)::int FROM athletes", as: Int.self) == 0)
            #expect(AthletesAdminTests.storedFiles(folder).isEmpty)
        }
    }

    @Test("a photo answers only to those who may see its athlete: admins, the coach of the athlete's group; others get 404")
    func mediaAccess() async throws {
        try await AthletesAdminTests.withMedia { client, database, _ in
            let ids = try await TestUsers.everyRole(in: database)
            let otherCoach = try await TestUsers.create("other.coach@example.org", role: .coach, in: database)
            try await database.run("INSERT INTO training_groups (name, coach_id) VALUES ('Mine', $1), ('Theirs', $2)", [ids[.coach], otherCoach])
            let mine: Int = try await database.value("SELECT id::int FROM training_groups WHERE name = 'Mine'")
            var admin = Browser(client)
            try await admin.signIn("admin@example.org")
            _ = try await Self.upload(&admin, AthletesAdminTests.add, fields: AthletesAdminTests.fields(
                memberships: [(id: nil, group: String(mine), joined: "2026-01-01", left: "")]
            ))
            let photo = MediaURL.file(try #require(try await Self.avatar(database)))
            #expect(try await admin.get(photo).status == .ok)
            var coach = Browser(client)
            try await coach.signIn("coach@example.org")
            #expect(try await coach.get(photo).status == .ok)
            var other = Browser(client)
            try await other.signIn("other.coach@example.org")
            #expect(try await other.get(photo).status == .notFound)
            for role in [Role.manager, .student] {
                var browser = Browser(client)
                try await browser.signIn("\(role.rawValue)@example.org")
                #expect(try await browser.get(photo).status == .notFound, "\(role)")
            }
        }
    }

    @Test("media prune lists the files no row refers to (a dry run by default), removes them with --delete, and spares young files")
    func prune() async throws {
        try await AthletesAdminTests.withMedia { client, database, folder in
            _ = try await TestUsers.everyRole(in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            _ = try await Self.upload(&browser, AthletesAdminTests.add, fields: AthletesAdminTests.fields())
            let kept = try #require(try await Self.avatar(database))
            let orphan = "athletes/" + String(repeating: "ab", count: 16) + ".png"
            let young = "athletes/" + String(repeating: "cd", count: 16) + ".png"
            for file in [orphan, young] {
                let created = FileManager.default.createFile(atPath: folder + "/" + file, contents: Data(AthletesAdminTests.png))
                #expect(created)
            }
            let old = Date().addingTimeInterval(-7200)
            for file in [orphan, kept] {
                try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: folder + "/" + file)
            }
            let runs: [[String]] = try await database.withClient { client throws -> [[String]] in
                let prune = MediaPrune(database: client, mediaDirectory: folder)
                let dry = try await prune.run(delete: false)
                let stillThere = FileManager.default.fileExists(atPath: folder + "/" + orphan)
                let removed = try await prune.run(delete: true)
                let afterwards = [orphan, kept, young].filter { FileManager.default.fileExists(atPath: folder + "/" + $0) }
                let youngToo = try await prune.run(delete: true, minimumAge: .zero)
                return [dry, stillThere ? [orphan] : [], removed, afterwards, youngToo]
            }
            #expect(runs[0] == [orphan], "the dry run lists the orphan")
            #expect(runs[1] == [orphan], "a dry run removes nothing")
            #expect(runs[2] == [orphan])
            #expect(runs[3] == [kept, young], "the referenced file and the young one stay")
            #expect(runs[4] == [young])
        }
    }

    @Test("every page showing a photo gives it the athlete's name as alt text; the form offers Remove and a file input")
    func altText() async throws {
        try await TestApp.test { client, database in
            let users = try await TestUsers.everyRole(in: database)
            let group = try await TestTraining.group("Juniors", coach: users[.coach]!, in: database)
            let session = try await TestTraining.session(group: group, date: "2026-03-02", in: database)
            let athlete: Int = try await database.value(
                "INSERT INTO athletes (full_name, birth_date, avatar) VALUES ('Anna Petrova', '2012-04-05', $1) RETURNING id::int",
                ["athletes/" + String(repeating: "ab", count: 16) + ".png"]
            )
            let record: Int = try await database.value(
                "INSERT INTO attendance_records (session_id, athlete_id, status) VALUES ($1, $2, 'present') RETURNING id::int", [session, athlete]
            )
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            let form = try await browser.get(AdminURL.changeForm("athletes", String(athlete)))
            #expect(form.text.contains("alt=\"Photo: Anna Petrova\""))
            #expect(form.text.contains("<input type=\"file\" id=\"field-avatar\" name=\"avatar\""))
            #expect(form.text.contains("name=\"avatar-clear\" value=\"1\"> Remove the current file</label>"))
            let list = try await browser.get(AdminURL.changeList("athletes"))
            #expect(list.text.contains("alt=\"Photo of Anna Petrova\""))
            let recordPage = try await browser.get(AdminURL.changeForm(AttendanceJournal.recordAuditType, String(record)))
            #expect(recordPage.status == .ok)
            #expect(recordPage.text.contains("alt=\"Photo: Anna Petrova\""), "the athlete card on an attendance record")
            #expect(!recordPage.text.contains("alt=\"Photo\""))
        }
    }
}
