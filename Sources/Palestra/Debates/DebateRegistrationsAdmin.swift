import Foundation
import Postgres

/// Registrations in the admin engine: search by name and email, filters by event, case and state, a
/// registration's page, and "Cancel" (audited, the seat freed at once). An organiser's registration
/// through the add form takes a seat of the case's pool in the same transaction, or is refused when the
/// pool is full. Nobody deletes a registration: cancelled ones are the history.
enum DebateRegistrationsAdmin {
    static let cancel = AdminAction(
        "cancel", label: "Cancel the registrations",
        operation: .perform(AdminProcedure(
            refusals: { connection, ids in
                let rows = try await connection.query(
                    "SELECT id FROM debate_registrations WHERE id = ANY($1) AND cancelled_at IS NOT NULL", [ids]
                )
                return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.decode("id", as: Int.self), CatalogKey.t("Cancelled already.")) })
            },
            run: { connection, ids, _ in
                let cancelled = try await DebateSeatStore.cancel(registrations: ids, on: connection)
                return cancelled.map { AdminRowChange(id: $0, changes: [FieldChange(field: "cancelled_at", old: nil, new: "cancelled")]) }
            }
        )),
        note: "Their seats are freed at once and offered to the waiting lists.",
        objectLabel: "Cancel this registration"
    )

    static let resource = AdminResource(
        slug: "debate-registrations", singularName: "debate registration", pluralName: "debate registrations", table: "debate_registrations",
        labelExpression: "full_name",
        list: AdminListDeclaration(
            columns: [
                AdminColumn("full_name", label: "Full name"),
                AdminColumn("email", label: "Email"),
                AdminColumn("case", label: "Case", expression: "(SELECT c.name FROM debate_cases c WHERE c.id = debate_registrations.case_id)"),
                AdminColumn("event", label: "Event", expression: "(SELECT e.title FROM debate_events e WHERE e.id = debate_registrations.event_id)",
                            secondary: true),
                AdminColumn("affiliation", label: "University or organisation", secondary: true),
                AdminColumn("created_at", label: "Registered at", format: .dateTime),
                AdminColumn("cancelled_at", label: "Cancelled at", format: .dateTime, secondary: true),
            ],
            searchExpressions: ["full_name", "email"],
            filters: [
                AdminFilter("event", label: "Event", expression: "event_id", kind: .foreignKey(DebateChoices.events)),
                AdminFilter("case", label: "Case", expression: "case_id", kind: .foreignKey(DebateChoices.cases)),
                AdminFilter("state", label: "State", condition: """
                    (CASE WHEN cancelled_at IS NULL THEN 'active' ELSE 'cancelled' END) = {value}
                    """, kind: .choices(DebateChoices.registrationStates)),
            ],
            defaultOrdering: [-6],
            actions: [cancel]
        ),
        form: AdminFormDeclaration(
            fields: [
                AdminField("event_id", label: "Event", kind: .foreignKey(DebateChoices.events), required: true, editable: .onAdd),
                AdminField("case_id", label: "Case", kind: .foreignKey(DebateChoices.cases), required: true, editable: .onAdd),
                AdminField("full_name", label: "Full name", kind: .text(maxLength: 150), required: true),
                AdminField("email", label: "Email", kind: .email, required: true, editable: .onAdd),
                AdminField("affiliation", label: "University or organisation", kind: .text(maxLength: 200)),
                AdminField("created_at", label: "Registered at", kind: .dateTime, editable: .never),
                AdminField("cancelled_at", label: "Cancelled at", kind: .dateTime, editable: .never),
            ],
            validate: { submission in
                guard let email = submission.values["email"], email != email.lowercased() else { return [:] }
                return ["email": CatalogKey.t("Enter the email address in lower case.")]
            },
            uniqueConstraints: [
                "debate_registrations_active_email_key": (field: "email", message: "This address is already registered for this event."),
            ],
            constraintMessages: [
                "debate_registrations_case_fkey": (field: "case_id", message: "Choose a case of the chosen event."),
            ]
        ),
        access: AdminAccess(
            permissions: [.admin: [.view, .add, .change]],
            readOnlyCondition: (sql: "cancelled_at IS NOT NULL", message: "A cancelled registration cannot be changed.")
        ),
        hooks: AdminHooks(afterSave: { event, connection in
            guard event.isNew, let id = Int(event.objectID) else { return }
            // The organiser's registration takes its seat like the public form's: refused when the pool is full.
            let caseID = try await connection.query("SELECT case_id FROM debate_registrations WHERE id = $1", [id]).first?.decode("case_id", as: Int.self)
            guard let caseID, try await DebateSeatStore.takeSeat(case: caseID, on: connection) else {
                throw AdminReadOnlyError(message: CatalogKey.t("The case's seat pool is full: nobody was registered."))
            }
            try await DebateNotices.tellOrganisers(.registered, registration: id, on: connection)
        })
    )
}
