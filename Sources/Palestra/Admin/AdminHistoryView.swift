import Mustache

/// An object's history: who did what, when, and which fields changed from what to what.
struct AdminHistoryView: Sendable {
    struct Change: Sendable {
        let field: String
        let old: String
        let new: String
    }

    struct Entry: Sendable {
        let when: String
        let actor: String
        let action: String
        let changes: [Change]
        let hasChanges: Bool
    }

    let title: String
    let formURL: String
    let label: String
    let entries: [Entry]
    let hasEntries: Bool

    init(resource: AdminResource, record: AdminRecord, entries: [AuditRecord], formatter: AdminCellFormatter) {
        let localizer = formatter.localizer
        title = localizer.t("History: {label}", ["label": record.label])
        formURL = AdminURL.changeForm(resource.slug, String(record.id))
        label = record.label
        self.entries = entries.map { entry in
            Entry(
                when: localizer.format.dateTime(entry.occurredAt, in: formatter.timeZone),
                actor: entry.actorLabel ?? localizer.t("nobody (not signed in)"),
                action: AuditAction(rawValue: entry.action).map { localizer.t($0.label) } ?? entry.action,
                changes: entry.changes.map { change in
                    Self.change(
                        change, field: resource.field(named: change.field),
                        label: resource.inline(named: change.field).map { localizer.t($0.label) }, formatter: formatter
                    )
                },
                hasChanges: !entry.changes.isEmpty
            )
        }
        hasEntries = !entries.isEmpty
    }

    /// One change as people read it: the field's label (else `label`, else its stored name) and its values in
    /// its format; a file is named by what happened to it, never by its stored name.
    static func change(_ change: FieldChange, field: AdminField?, label: String?, formatter: AdminCellFormatter) -> Change {
        let localizer = formatter.localizer
        let name = field.map { localizer.t($0.label) } ?? label ?? change.field
        if field?.isFile == true {
            return Change(
                field: name, old: Self.file(change.old, localizer: localizer, formatter: formatter, isNew: false),
                new: Self.file(change.new, localizer: localizer, formatter: formatter, isNew: true)
            )
        }
        let format = field?.cellFormat ?? .text
        return Change(field: name, old: formatter.format(change.old, as: format), new: formatter.format(change.new, as: format))
    }

    /// "a file" / "a new file" where a file was, the empty value's dash where none was.
    private static func file(_ stored: String?, localizer: Localizer, formatter: AdminCellFormatter, isNew: Bool) -> String {
        guard let stored, !stored.isEmpty else { return formatter.format(nil, as: .text) }
        return isNew ? localizer.t("a new file") : localizer.t("a file")
    }
}

extension AdminHistoryView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .text("formURL", \.formURL), .text("label", \.label), .list("entries", \.entries),
        .bool("hasEntries", \.hasEntries),
    ])
}

extension AdminHistoryView.Entry: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("when", \.when), .text("actor", \.actor), .text("action", \.action), .list("changes", \.changes),
        .bool("hasChanges", \.hasChanges),
    ])
}

extension AdminHistoryView.Change: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("field", \.field), .text("old", \.old), .text("new", \.new),
    ])
}
