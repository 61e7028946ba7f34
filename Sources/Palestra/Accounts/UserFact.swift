/// Something an area needs to know of the signed-in user on every page — e.g. whether they are in a team,
/// so that the menu leads them to their commissions — read with the session in the same statement: an SQL
/// boolean over the session's user row `u`. True facts are in ``User/facts`` by name.
struct UserFact: Sendable {
    let name: String
    let sql: String

    /// Every area's facts.
    static let all = Area.all.flatMap(\.userFacts)
}
