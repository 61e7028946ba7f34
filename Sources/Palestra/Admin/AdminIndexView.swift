import Foundation
import Mustache

/// `/admin/`: the resources the user may view, each with its Add link where they may add, and the
/// user's own recent changes (Django's index and its "Recent actions").
struct AdminIndexView: Sendable {
    struct Entry: Sendable {
        let label: String
        let url: String
        let addLabel: String
        let addURL: String
        let canAdd: Bool
    }

    struct RecentAction: Sendable {
        /// `add`, `change` or `delete`: the line's modifier.
        let actionKey: String
        /// "Added", "Changed", "Deleted".
        let action: String
        let objectLabel: String
        /// The resource's title: "Training groups".
        let kind: String
        let time: String
        /// The object's change form while it exists for the user; empty otherwise.
        let url: String
        let hasURL: Bool
    }

    let entries: [Entry]
    let recentActions: [RecentAction]
    let hasRecentActions: Bool

    init(
        resources: [AdminResource], user: User, recent: [AdminIndexStore.RecentAction], existing: Set<String>,
        localizer: Localizer, timeZone: TimeZone
    ) {
        entries = resources.map { resource in
            Entry(
                label: resource.title(localizer), url: AdminURL.changeList(resource.slug),
                addLabel: localizer.t("Add {name}", ["name": localizer.t(resource.singularName)]),
                addURL: AdminURL.addForm(resource.slug), canAdd: resource.allows(.add, for: user)
            )
        }
        let bySlug = Dictionary(resources.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        recentActions = recent.map { entry in
            let url = existing.contains(entry.slug + "/" + entry.objectID) ? AdminURL.changeForm(entry.slug, entry.objectID) : ""
            return RecentAction(
                actionKey: entry.action.rawValue, action: localizer.t(entry.action.label),
                objectLabel: entry.objectLabel.isEmpty ? "#" + entry.objectID : entry.objectLabel,
                kind: bySlug[entry.slug]?.title(localizer) ?? entry.slug,
                time: localizer.format.dateTime(entry.occurredAt, in: timeZone), url: url, hasURL: !url.isEmpty
            )
        }
        hasRecentActions = !recent.isEmpty
    }
}

extension AdminIndexView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .list("entries", \.entries), .list("recentActions", \.recentActions), .bool("hasRecentActions", \.hasRecentActions),
    ])
}

extension AdminIndexView.Entry: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .text("url", \.url), .text("addLabel", \.addLabel), .text("addURL", \.addURL), .bool("canAdd", \.canAdd),
    ])
}

extension AdminIndexView.RecentAction: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("actionKey", \.actionKey), .text("action", \.action), .text("objectLabel", \.objectLabel), .text("kind", \.kind),
        .text("time", \.time), .text("url", \.url), .bool("hasURL", \.hasURL),
    ])
}
