/// Debate cases in the admin engine: each in an event, drawing its seats from a pool of that event.
enum DebateCasesAdmin {
    static let resource = AdminResource(
        slug: "debate-cases", singularName: "debate case", pluralName: "debate cases", table: "debate_cases",
        labelExpression: "name",
        list: AdminListDeclaration(
            columns: [
                AdminColumn("name", label: "Name"),
                AdminColumn("event", label: "Event", expression: "(SELECT e.title FROM debate_events e WHERE e.id = debate_cases.event_id)"),
                AdminColumn("pool", label: "Seat pool", expression: "(SELECT p.name FROM debate_seat_pools p WHERE p.id = debate_cases.pool_id)"),
                AdminColumn("position", label: "Position", format: .number, secondary: true),
            ],
            searchExpressions: ["name"],
            filters: [AdminFilter("event", label: "Event", expression: "event_id", kind: .foreignKey(DebateChoices.events))],
            defaultOrdering: [2, 4, 1]
        ),
        form: AdminFormDeclaration(
            fields: [
                AdminField("event_id", label: "Event", kind: .foreignKey(DebateChoices.events), required: true, editable: .onAdd),
                AdminField("pool_id", label: "Seat pool", kind: .foreignKey(DebateChoices.pools), required: true,
                           help: "Cases that share a pool share its seats.", editable: .onAdd),
                AdminField("name", label: "Name", kind: .text(maxLength: 150), required: true),
                AdminField("description", label: "Description", kind: .markdown(maxLength: 5000)),
                AdminField("position", label: "Position", kind: .integer(0...1000), help: "Cases are listed by position, then name.", default: "0"),
            ],
            uniqueConstraints: ["debate_cases_name_key": (field: "name", message: "The event has another case with this name.")],
            constraintMessages: ["debate_cases_pool_fkey": (field: "pool_id", message: "Choose a seat pool of the same event.")]
        ),
        access: AdminAccess(permissions: [.admin: [.view, .add, .change]])
    )
}
