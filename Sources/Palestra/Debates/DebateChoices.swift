/// The lookups of the debate resources' forms and filters.
enum DebateChoices {
    static let events = AdminLookup(table: "debate_events", labelExpression: "title")
    static let pools = AdminLookup(
        table: "debate_seat_pools", labelExpression: "name || ' (' || (SELECT e.title FROM debate_events e WHERE e.id = debate_seat_pools.event_id) || ')'"
    )
    static let cases = AdminLookup(
        table: "debate_cases", labelExpression: "name || ' (' || (SELECT e.title FROM debate_events e WHERE e.id = debate_cases.event_id) || ')'"
    )
    static let registrationStates = [AdminChoice("active", "Active"), AdminChoice("cancelled", "Cancelled")]
}
