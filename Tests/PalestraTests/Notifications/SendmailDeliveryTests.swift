import Foundation
@testable import Palestra
import Postgres
import TestSupport
import Testing

@Suite("Notification delivery through sendmail")
struct SendmailDeliveryTests {
    /// A folder with executable shell scripts standing in for sendmail, removed afterwards.
    static func withScripts<T>(_ scripts: [String: String], _ body: (String) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("palestra-sendmail-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, text) in scripts {
            let path = folder + "/" + name
            try ("#!/bin/sh\n" + text.replacingOccurrences(of: "$FOLDER", with: folder)).write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        return try await body(folder)
    }

    static let scripts = [
        // Keeps its arguments, its signal masks (read by shell builtins: the shell blocks signals while a child runs)
        // and the message it was given.
        "accepting": "printf '%s\\n' \"$@\" > \"$FOLDER/arguments\"\nwhile read -r name mask; do case $name in SigBlk:|SigIgn:) echo $mask;; esac; done < /proc/$$/status > \"$FOLDER/signals\"\ncat >> \"$FOLDER/received\"\n",
        "refusing": "cat > /dev/null\necho 'mail queue is full' >&2\nexit 1\n",
        "hanging": "exec sleep 30\n",
    ]

    @Test("the message goes to sendmail -t -i on standard input, LF line ends, headers encoded; delivered once")
    func accepted() async throws {
        try await TestDatabase.with { database in
            let (_, id) = try await NotificationDeliveryTests.setUp(database)
            try await Self.withScripts(Self.scripts) { folder in
                let settings = NotificationSettings(transport: .sendmail(path: folder + "/accepting"))
                try await database.withClient { client in
                    try await NotificationDeliveryTests.run(id, settings: settings, client: client)
                    try await NotificationDeliveryTests.run(id, settings: settings, client: client)
                }
                #expect(try String(contentsOfFile: folder + "/arguments", encoding: .utf8) == "-t\n-i\n")
                // Started with no signal blocked and none of the standard ones (1…31) ignored, whatever thread
                // started it (NIO's thread pool blocks them all; a child inherits that mask unless told otherwise).
                let masks = try String(contentsOfFile: folder + "/signals", encoding: .utf8).split(separator: "\n").compactMap { UInt64($0, radix: 16) }
                #expect(masks.count == 2 && masks[0] == 0 && masks[1] & 0x7FFF_FFFF == 0, "\(masks)")
                let text = try String(contentsOfFile: folder + "/received", encoding: .utf8)
                #expect(!text.contains("\r"))
                let mail = try ParsedMail(text, lineEnding: "\n")
                #expect(mail.decoded("Subject") == "Занятие «Алгебра» перенесено")
                #expect(mail.decoded("To") == "Ученик Иванов <student@example.org>")
                #expect(mail.raw("From") == "Palestra <noreply@palestra.example>")
                #expect(mail.body(lineEnding: "\n") == "Теперь в **понедельник**.\n\nКабинет 12.\n\n/lessons/7\n")
                #expect(text.components(separatedBy: "Message-ID:").count == 2, "sent once")
                #expect(try await NotificationDeliveryTests.isDelivered(id, database))
            }
        }
    }

    @Test("sendmail exiting 1 fails the run with its message and leaves delivered_at NULL; the next run after a fix delivers once")
    func refused() async throws {
        try await TestDatabase.with { database in
            let (_, id) = try await NotificationDeliveryTests.setUp(database)
            try await Self.withScripts(Self.scripts) { folder in
                try await database.withClient { client in
                    do {
                        try await NotificationDeliveryTests.run(id, settings: NotificationSettings(transport: .sendmail(path: folder + "/refusing")), client: client)
                        Issue.record("a refusing sendmail was taken for a delivery")
                    } catch let error as NotificationDeliveryError {
                        #expect(error == .sendmailFailed(path: folder + "/refusing", status: 1, output: "mail queue is full"))
                    }
                    #expect(try await !NotificationDeliveryTests.isDelivered(id, database))
                    await #expect(throws: NotificationDeliveryError.self) {
                        try await NotificationDeliveryTests.run(id, settings: NotificationSettings(transport: .sendmail(path: folder + "/missing")), client: client)
                    }
                    #expect(try await !NotificationDeliveryTests.isDelivered(id, database))
                    let fixed = NotificationSettings(transport: .sendmail(path: folder + "/accepting"))
                    try await NotificationDeliveryTests.run(id, settings: fixed, client: client)
                    try await NotificationDeliveryTests.run(id, settings: fixed, client: client)
                }
                #expect(try await NotificationDeliveryTests.isDelivered(id, database))
                let received = try String(contentsOfFile: folder + "/received", encoding: .utf8)
                #expect(received.components(separatedBy: "Message-ID:").count == 2)
            }
        }
    }

    @Test("a sendmail that never finishes is stopped after the timeout and the send fails")
    func hanging() async throws {
        try await Self.withScripts(Self.scripts) { folder in
            let clock = ContinuousClock()
            let started = clock.now
            await #expect(throws: NotificationDeliveryError.sendmailTimedOut(path: folder + "/hanging", after: .milliseconds(200))) {
                try await Sendmail(path: folder + "/hanging", timeout: .milliseconds(200)).send("Subject: x\n\nbody\n")
            }
            // Stopped, not ended by itself (it sleeps 30 s). That SIGTERM reaches it is checked in `accepted`.
            #expect(clock.now - started < .seconds(25))
        }
    }
}
