import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// A group's description is Markdown (issue 14): read-only pages show it rendered by cmark in safe mode,
/// hostile Markdown neutralised; the form that edits it shows the source.
@Suite("Training admin: a group's description rendered")
struct GroupDescriptionTests {
    static let description = """
        **Warm-up** first, then _drills_.

        - bring water
        - arrive by 17:50

        <script>alert(1)</script>

        [club rules](javascript:alert(1)) and [the map](https://example.org/map) <img src=x onerror=alert(2)>
        """

    @Test("a coach's read-only page renders it; raw HTML and javascript: links are neutralised; the admin edits the source")
    func rendered() async throws {
        try await TestApp.test { client, database in
            let users = try await TestUsers.everyRole(in: database)
            let group = try await TestTraining.group("Juniors", coach: users[.coach]!, in: database)
            try await database.run("UPDATE training_groups SET description = $1 WHERE id = $2", [Self.description, group])
            var coach = Browser(client)
            try await coach.signIn("coach@example.org")
            let page = try await coach.get(AdminURL.changeForm("training-groups", String(group)))
            #expect(page.status == .ok)
            #expect(page.text.contains("<strong>Warm-up</strong> first, then <em>drills</em>."))
            #expect(page.text.contains("<li>bring water</li>"))
            #expect(!page.text.contains("**Warm-up**"))
            #expect(page.text.contains("<a href=\"https://example.org/map\">the map</a>"))
            #expect(page.text.contains("<a href=\"\">club rules</a>"))
            #expect(!page.text.contains("javascript:"))
            #expect(!page.text.contains("<script>alert") && !page.text.contains("onerror"))
            #expect(page.text.contains("<!-- raw HTML omitted -->"))
            #expect(!page.text.contains("Markdown."), "help on writing Markdown is for the form that edits it")

            var admin = Browser(client)
            try await admin.signIn("admin@example.org")
            let form = try await admin.get(AdminURL.changeForm("training-groups", String(group)))
            #expect(form.text.contains("**Warm-up** first"), "the editable form shows the source")
            #expect(form.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!form.text.contains("<strong>Warm-up</strong>"))
            #expect(form.text.contains("Markdown."))
        }
    }
}
