import Postgres

extension AdminRecordStore {
    /// How one row of a change list's Save ended.
    enum ListRowOutcome: Sendable {
        /// Saved (or nothing to change); the fields that changed.
        case saved([FieldChange])
        /// Someone else saved it since the page was loaded and the user changed it too: not overwritten.
        case conflict
        /// The resource's read-only condition holds for it: the message (a catalog key).
        case readOnly(String)
        /// Gone, or outside the user's scope.
        case notFound
    }

    /// Saves the rows of a change list in one transaction, each under its own version (in id order, so
    /// two saves lock in the same order). Rows the user did not touch are not written at all; a stale
    /// row the user changed is left alone and reported; the others are saved and audited as a form's are.
    func updateListRows(
        _ rows: [AdminListEdit.Row], of resource: AdminResource, actor: User, address: String
    ) async throws -> [Int: ListRowOutcome] {
        try await database.transaction { connection in
            var outcomes: [Int: ListRowOutcome] = [:]
            for row in rows.sorted(by: { $0.id < $1.id }) {
                guard row.isTouched else {
                    outcomes[row.id] = .saved([])
                    continue
                }
                let result = try await update(
                    row.values, of: resource, id: row.id, version: row.version ?? -1, actor: actor, address: address, action: .change,
                    on: connection
                )
                outcomes[row.id] = switch result {
                case .saved(_, let changes): .saved(changes)
                case .conflict: .conflict
                case .readOnly(let reason): .readOnly(reason)
                case .notFound: .notFound
                }
            }
            return outcomes
        }
    }
}
