import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Mustache
import Testing

/// A kit room, an area that exists only in the tests: a resource, a page, a menu entry, a job and a
/// periodic job, brought in through its registration alone.
enum KitRoomURL: SiteRoute {
    case shelf
    var path: String { "/kit-room" }
}

struct KitShelf: Sendable, MustacheObject {
    let kitCount: String
    static let mustacheTable = MustacheTable(for: Self.self, [.text("kitCount", \.kitCount)])
}

/// Counts the kits into `kit_counts`.
struct CountKitsJob: JobKind {
    struct Arguments: Codable, Sendable {}
    static let name = "test.count-kits"

    func run(_ arguments: Arguments, context: JobContext) async throws {
        try await context.database.execute("INSERT INTO kit_counts (kits) SELECT count(*) FROM kits", [])
    }
}

extension PageTemplate {
    static let kitShelf = PageTemplate("kit_room/shelf", rendering: KitShelf.self)
}

extension Area {
    static let kitRoom = Area(
        name: "kit room",
        resources: [AdminResource(
            slug: "kits", singularName: "kit", pluralName: "kits", table: "kits",
            labelExpression: "name", isVersioned: false,
            list: AdminListDeclaration(
                columns: [AdminColumn("name", label: "Name")]
            ),
            form: AdminFormDeclaration(
                fields: [AdminField("name", label: "Name", kind: .text(maxLength: 50), required: true)]
            ),
            access: AdminAccess(
                permissions: [.admin: Set(AdminPermission.allCases)]
            )
        )],
        templates: [.kitShelf],
        navigation: [NavigationEntry("Kit room", url: KitRoomURL.shelf, policy: .admins, slot: .reports)],
        routes: { surfaces, services in
            surfaces.signedIn.restricted(to: .admins).get(KitRoomURL.shelf) { _, context in
                let count: Int = try await services.database.query("SELECT count(*)::int FROM kits")[0].decode(at: 0)
                return services.views.render(.kitShelf, title: "Kit room", content: KitShelf(kitCount: String(count)), context: context)
            }
        },
        jobs: { registry, _, _ in registry.register(CountKitsJob()) },
        periodicJobs: { _ in
            [PeriodicJob(name: "count-kits", schedule: .daily(hour: 1, minute: 0)) { connection in
                try await JobQueue.enqueue(CountKitsJob.self, .init(), on: connection)
            }]
        }
    )
}

@Suite("Areas: one registration brings a resource, a page, a menu entry and jobs")
struct AreaRegistrationTests {
    static let createTables = [
        "CREATE TABLE kits (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL)",
        "CREATE TABLE kit_counts (kits bigint NOT NULL)",
    ]

    /// The repository's templates plus the kit room's page, in a temporary folder.
    static func withTemplates<T>(_ body: (String) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/kit_room", withIntermediateDirectories: true)
        try "{{<layout}}{{$main}}<h1>Kit room</h1><p id=\"kits\">{{#content}}{{kitCount}}{{/content}} kits</p>{{/main}}{{/layout}}"
            .write(toFile: folder + "/kit_room/shelf.mustache", atomically: true, encoding: .utf8)
        return try await body(folder)
    }

    @Test("the page, its menu entry, its resource's change list and add form come from the registration; other roles get 403")
    func pagesAndMenu() async throws {
        try await Self.withTemplates { templates in
            try await TestDatabase.with { database in
                for sql in Self.createTables { try await database.run(sql) }
                try await database.run("INSERT INTO kits (name) VALUES ('Cones'), ('Bibs')")
                try await TestUsers.create("admin@example.org", role: .admin, in: database)
                try await TestUsers.create("coach@example.org", role: .coach, in: database)
                var configuration = TestApp.configuration(database: database.configuration)
                configuration.templatesDirectory = templates
                let app = try await buildApplication(
                    configuration: configuration, logger: TestDatabase.logger, migrate: false, periodicJobs: [], areas: Area.all + [.kitRoom]
                )
                try await app.test(.router) { client in
                    var admin = Browser(client)
                    try await admin.signIn("admin@example.org")
                    let shelf = try await admin.get("/kit-room")
                    #expect(shelf.status == .ok)
                    #expect(shelf.text.contains("<p id=\"kits\">2 kits</p>"))
                    #expect(shelf.text.contains("<a href=\"/kit-room\" aria-current=\"page\">Kit room</a>"))
                    let list = try await admin.get(AdminURL.changeList("kits"))
                    #expect(list.status == .ok)
                    #expect(list.text.contains("Cones") && list.text.contains("Bibs"))
                    #expect(list.text.contains("<a href=\"/kit-room\">Kit room</a>"))
                    #expect(try await admin.get(AdminURL.addForm("kits")).status == .ok)
                    // The route table knows the page: another method answers 405 with Allow.
                    let wrongMethod = try await admin.post("/kit-room")
                    #expect(wrongMethod.status == .methodNotAllowed)
                    #expect(wrongMethod.headers[.allow] == "GET, HEAD")

                    var coach = Browser(client)
                    try await coach.signIn("coach@example.org")
                    #expect(try await coach.get("/kit-room").status == .forbidden)
                    #expect(!(try await coach.get("/account").text.contains("Kit room")))
                }
            }
        }
    }

    @Test("without the area, the template is not required, the page is not there and its job is not registered")
    func absentWithoutRegistration() async throws {
        let database = PostgresClient(configuration: try TestDatabase.maintenanceConfiguration(), logger: TestDatabase.logger)
        let configuration = TestApp.configuration(database: try TestDatabase.maintenanceConfiguration())
        #expect(!JobSetup.registry(configuration: configuration, database: database).names.contains(CountKitsJob.name))
        #expect(JobSetup.registry(configuration: configuration, database: database, areas: Area.all + [.kitRoom]).names.contains(CountKitsJob.name))
        #expect(JobSetup.periodicJobs(configuration: configuration, areas: Area.all + [.kitRoom]).map(\.name).contains("count-kits"))
        #expect(!JobSetup.periodicJobs(configuration: configuration).map(\.name).contains("count-kits"))
        // The area's template is required at start-up once it is registered.
        do {
            _ = try Views(templatesDirectory: Repository.templates, publicDirectory: Repository.publicFiles, timeZone: .gmt, areas: Area.all + [.kitRoom])
            Issue.record("expected the missing kit_room/shelf template to stop start-up")
        } catch {
            #expect("\(error)".contains("kit_room/shelf.mustache is missing"))
        }
        await database.shutdown()
    }

    @Test("the area's job kind and periodic job run on a worker built from the registration")
    func jobRuns() async throws {
        try await TestDatabase.with { database in
            for sql in Self.createTables { try await database.run(sql) }
            try await database.run("INSERT INTO kits (name) VALUES ('Cones'), ('Bibs'), ('Balls')")
            try await database.withClient { client in
                let configuration = TestApp.configuration(database: database.configuration)
                var settings = TestWorker.settings
                settings.slots = 1
                var workerConfiguration = configuration
                workerConfiguration.workers = settings
                let worker = JobSetup.worker(
                    configuration: workerConfiguration, queue: client, database: client, areas: Area.all + [.kitRoom], logger: TestDatabase.logger
                )
                try await client.withConnection { connection in
                    _ = try await JobQueue.enqueue(CountKitsJob.self, .init(), on: connection)
                }
                try await TestWorker.run(worker) {
                    // The enqueued job, and the area's periodic job (never fired on this database, so made up at once).
                    try await eventually("the kit room's jobs have counted the kits") {
                        try await client.scalar("SELECT count(*)::int FROM jobs WHERE kind = $1 AND state = 'completed'", [CountKitsJob.name], as: Int.self) == 2
                    }
                }
                #expect(try await client.scalar("SELECT count(*)::int FROM periodic_runs WHERE name = 'count-kits'", as: Int.self) == 1)
                #expect(try await client.scalar("SELECT array_agg(kits ORDER BY kits)::text FROM kit_counts", as: String.self) == "{3,3}")
            }
        }
    }
}
