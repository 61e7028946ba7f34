/// Who sees which workouts: every signed-in user their own, administrators everyone's. One rule, used by the SQL
/// scope (``condition(owner:parameter:)``) and by Swift (``allows(owner:)``) alike.
struct WorkoutAccess: Sendable {
    let userID: Int
    let seesEveryone: Bool

    init(user: User) {
        userID = user.id
        seesEveryone = user.role == .admin
    }

    init(userID: Int, seesEveryone: Bool) {
        self.userID = userID
        self.seesEveryone = seesEveryone
    }

    /// `$n` is ``ownerParameter``: NULL lets every owner through. Two statements, one per kind of user, rather than
    /// one `($n IS NULL OR owner = $n)`: each keeps one cached plan that reads by owner or reads everything, where the
    /// disjunction made PostgreSQL plan it again for every execution.
    func condition(owner column: String, parameter: String) -> String {
        seesEveryone ? "\(parameter)::bigint IS NULL" : "\(column) = \(parameter)::bigint"
    }

    var ownerParameter: Int? { seesEveryone ? nil : userID }

    func allows(owner: Int) -> Bool { seesEveryone || owner == userID }
}
