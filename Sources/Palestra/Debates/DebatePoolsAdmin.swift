/// Seat pools in the admin engine: a capacity shared by the cases that use the pool. Its counter of seats
/// taken is the registrations' to change; lowering the capacity below it is refused.
enum DebatePoolsAdmin {
    static let resource = AdminResource(
        slug: "debate-pools", singularName: "seat pool", pluralName: "seat pools", table: "debate_seat_pools",
        labelExpression: "name",
        list: AdminListDeclaration(
            columns: [
                AdminColumn("name", label: "Name"),
                AdminColumn("event", label: "Event", expression: "(SELECT e.title FROM debate_events e WHERE e.id = debate_seat_pools.event_id)"),
                AdminColumn("capacity", label: "Capacity", format: .number),
                AdminColumn("taken", label: "Seats taken", format: .number),
                AdminColumn("cases", label: "Cases", expression: """
                    (SELECT string_agg(c.name, ', ' ORDER BY c.position, c.name) FROM debate_cases c WHERE c.pool_id = debate_seat_pools.id)
                    """, sortable: false, secondary: true),
            ],
            searchExpressions: ["name"],
            filters: [AdminFilter("event", label: "Event", expression: "event_id", kind: .foreignKey(DebateChoices.events))],
            defaultOrdering: [2, 1]
        ),
        form: AdminFormDeclaration(
            fields: [
                AdminField("event_id", label: "Event", kind: .foreignKey(DebateChoices.events), required: true, editable: .onAdd),
                AdminField("name", label: "Name", kind: .text(maxLength: 150), required: true),
                AdminField("capacity", label: "Capacity", kind: .integer(0...100_000), required: true),
                AdminField("taken", label: "Seats taken", kind: .integer(0...100_000),
                           help: "Registrations and held waiting-list offers; only they change it.", editable: .never),
                AdminField("note", label: "Note", kind: .text(maxLength: 1000), help: "For organisers: which cases share the pool, and why."),
            ],
            uniqueConstraints: ["debate_seat_pools_name_key": (field: "name", message: "The event has another pool with this name.")],
            constraintMessages: [
                "debate_seat_pools_taken_check": (field: "capacity", message: "The capacity cannot be lower than the seats already taken."),
            ]
        ),
        access: AdminAccess(permissions: [.admin: [.view, .add, .change]])
    )
}
