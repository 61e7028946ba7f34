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
                    let field = resource.field(named: change.field)
                    let format = field?.cellFormat ?? .text
                    return Change(
                        field: field.map { localizer.t($0.label) } ?? resource.inline(named: change.field).map { localizer.t($0.label) } ?? change.field,
                        old: formatter.format(change.old, as: format),
                        new: formatter.format(change.new, as: format)
                    )
                },
                hasChanges: !entry.changes.isEmpty
            )
        }
        hasEntries = !entries.isEmpty
    }
}
