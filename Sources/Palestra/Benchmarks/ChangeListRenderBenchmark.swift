import Foundation
import Mustache

/// `palestra bench-render`: the attendance change list's page — 50 list-editable rows built by
/// `AdminListView` from `AttendanceAdmin.resource`, as `GET /admin/attendance/` builds them, with the
/// 100-group filter — rendered by Palestra's Mustache inside the layout. No database, no HTTP.
public struct ChangeListRenderBenchmark: Sendable {
    let library: MustacheLibrary
    let page: Page<AdminListView>
    let build: @Sendable () -> AdminListView

    public init(templatesDirectory: String, publicDirectory: String) throws {
        let views = try Views(templatesDirectory: templatesDirectory, publicDirectory: publicDirectory, timeZone: TimeZone(identifier: "Europe/Moscow")!)
        guard let library = views.libraries[.en] else { throw StartupError("no English templates") }
        self.library = library
        let localizer = views.localizations.localizer(for: .en)
        let resource = AttendanceAdmin.resource
        let user = User(id: 1, email: "bench@example.org", displayName: "Bench Admin", role: .admin, language: .en)
        let formatter = AdminCellFormatter(localizer: localizer, timeZone: views.timeZone)
        let names = ["Иван Петров", "Анна Смирнова", "Léa Moreau", "O'Brien & Sons"]
        let rows = (0..<50).map { index in
            let name = names[index % names.count]
            let note: String? = index % 3 == 0 ? "Came 10 min late" : nil
            return AdminListPage.Row(
                id: 100_000 + index, label: "\(name), 2026-11-21",
                cells: ["2026-11-21", "Юниоры U-14 (\(index % 7))", index % 2 == 0 ? "athletes/\(index).jpg" : nil, name,
                        ["present", "late", "excused", "absent"][index % 4], note, "Coach Smirnova"],
                edit: AdminListPage.Edit(version: 3, readOnlyRule: nil, values: ["status": ["present", "late", "excused", "absent"][index % 4], "note": note]))
        }
        let listPage = AdminListPage(rows: rows, total: 202_880, isEstimate: true)
        let state = AdminListState(query: FormData(), resource: resource, today: .today(in: views.timeZone))
        let groups = (1...100).map { AdminChoice(String($0), "Группа \($0)") }
        let build: @Sendable () -> AdminListView = {
            AdminListView(resource: resource, state: state, page: listPage, user: user, csrfToken: "nG3k2vJ0QhZ5c1XwnG3k2vJ0QhZ5c1Xw",
                          lookups: ["group": groups], formatter: formatter)
        }
        self.build = build
        self.page = Page(
            lang: "en", title: "Attendance records", stylesheetURL: "/static/css/app.css", iconURL: "/static/icon.svg",
            navigation: [NavigationLink(label: "Dashboard", href: "/", isCurrent: false),
                         NavigationLink(label: "Administration", href: "/admin/", isCurrent: true)],
            requestID: "bench", content: build())
    }

    /// Renders the page `count` times; the bytes written, so the work cannot be dropped.
    @inline(never)
    public func measuredRenders(_ count: Int) -> Int {
        var bytes = 0
        for _ in 0..<count { bytes &+= library.render(page, template: "admin/change_list")?.readableBytes ?? 0 }
        return bytes
    }

    /// Builds the view model `count` times.
    @inline(never)
    public func measuredBuilds(_ count: Int) -> Int {
        var rows = 0
        for _ in 0..<count { rows &+= build().rows.count }
        return rows
    }

    /// The median time of one render and of one view-model build (15 rounds), the page's size and its FNV-1a.
    public func report(rounds: Int = 15, perRound: Int = 200) -> String {
        func median(_ work: () -> Void) -> Double {
            var timings: [Double] = []
            for _ in 0..<rounds {
                let start = ContinuousClock.now
                work()
                let elapsed = ContinuousClock.now - start
                timings.append((Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15) / Double(perRound))
            }
            return timings.sorted()[rounds / 2]
        }
        _ = measuredRenders(20)
        let render = median { _ = measuredRenders(perRound) }
        let build = median { _ = measuredBuilds(perRound) }
        let html = library.render(page, template: "admin/change_list").map { Array($0.readableBytesView) } ?? []
        let digest = html.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        return String(format: "render %.3f ms, view model %.3f ms (medians of %d × %d), %d bytes, FNV-1a %016llx",
                      render, build, rounds, perRound, html.count, digest)
    }
}
