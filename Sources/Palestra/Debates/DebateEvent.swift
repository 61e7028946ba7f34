import Foundation
import Postgres

/// A debate event people register for on its public page, `/debates/<slug>`, between `opensAt` and `closesAt`.
struct DebateEvent: Sendable, Equatable {
    enum Window: Sendable, Equatable {
        case notYetOpen, open, closed
    }

    let id: Int
    let title: String
    let slug: String
    /// Markdown (rendered by cmark in safe mode on the page).
    let description: String
    let opensAt: Date
    let closesAt: Date
    let isArchived: Bool

    /// Whether registrations are accepted at `now`: an archived event is closed.
    func window(at now: Date) -> Window {
        if isArchived || now >= closesAt { return .closed }
        return now < opensAt ? .notYetOpen : .open
    }

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        title = try row.decode("title")
        slug = try row.decode("slug")
        description = try row.decode("description")
        opensAt = try row.decode("opens_at")
        closesAt = try row.decode("closes_at")
        isArchived = try row.decode("is_archived")
    }

    static let columns = "id, title, slug, description, opens_at, closes_at, is_archived"
}
