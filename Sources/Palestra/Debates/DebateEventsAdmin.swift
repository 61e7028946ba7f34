import Foundation

/// Debate events in the admin engine: title, public address, description, registration window, archived.
enum DebateEventsAdmin {
    static let resource = AdminResource(
        slug: "debate-events", singularName: "debate event", pluralName: "debate events", table: "debate_events",
        labelExpression: "title",
        list: AdminListDeclaration(
            columns: [
                AdminColumn("title", label: "Title"),
                AdminColumn("slug", label: "Address"),
                AdminColumn("opens_at", label: "Opens at", format: .dateTime),
                AdminColumn("closes_at", label: "Closes at", format: .dateTime),
                AdminColumn("registered", label: "Registered", expression: """
                    (SELECT count(*) FROM debate_registrations r WHERE r.event_id = debate_events.id AND r.cancelled_at IS NULL)
                    """, sortable: false, secondary: true),
                AdminColumn("is_archived", label: "Archived", format: .boolean, secondary: true),
            ],
            searchExpressions: ["title", "slug"],
            filters: [AdminFilter("archived", label: "Archived", expression: "is_archived", kind: .boolean)],
            defaultOrdering: [-3]
        ),
        form: AdminFormDeclaration(
            fields: [
                AdminField("title", label: "Title", kind: .text(maxLength: 200), required: true),
                AdminField("slug", label: "Address", kind: .text(maxLength: 100), required: true,
                           help: "The public page is /debates/<address>: lower-case letters, digits and single hyphens."),
                AdminField("description", label: "Description", kind: .markdown(maxLength: 20000)),
                AdminField("opens_at", label: "Opens at", kind: .dateTime, required: true),
                AdminField("closes_at", label: "Closes at", kind: .dateTime, required: true),
                AdminField("is_archived", label: "Archived", kind: .checkbox, help: "An archived event accepts no registrations."),
                AdminField("offer_hours", label: "Offer hours", kind: .integer(1...720), required: true,
                           help: "How long a seat offered to the waiting list is held for its person.", default: "24"),
            ],
            validate: { submission in
                var problems: [String: String] = [:]
                if let slug = submission.values["slug"], slug.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*/) == nil {
                    problems["slug"] = CatalogKey.t("Use lower-case letters, digits and single hyphens, like debates-2026.")
                }
                if let opens = submission.values["opens_at"], let closes = submission.values["closes_at"], !opens.isEmpty, !closes.isEmpty, closes <= opens {
                    problems["closes_at"] = CatalogKey.t("Registration must close after it opens.")
                }
                return problems
            },
            uniqueConstraints: ["debate_events_slug_key": (field: "slug", message: "Another event has this address.")],
            objectLinks: [AdminObjectLink(label: "Cancel all registrations", page: DebateCancelAllPage.name)],
            constraintMessages: [
                "debate_events_window_check": (field: "closes_at", message: "Registration must close after it opens."),
                "debate_events_slug_check": (field: "slug", message: "Use lower-case letters, digits and single hyphens, like debates-2026."),
            ]
        ),
        access: AdminAccess(permissions: [.admin: [.view, .add, .change]]),
        hooks: AdminHooks(objectPages: [DebateCancelAllPage.page])
    )
}
