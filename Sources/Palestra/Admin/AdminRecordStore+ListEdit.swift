import Postgres

extension AdminRecordStore {
    /// Saves the rows of a change list in one transaction, each under its own version (in id order, so
    /// two saves lock in the same order), and says how each ended as a form's save would. Rows the user did
    /// not touch are not written at all (saved, no changes); a stale row the user changed is left alone and
    /// reported; the others are saved and audited as a form's are.
    func updateListRows(
        _ rows: [AdminListEdit.Row], of resource: AdminResource, actor: User, address: String
    ) async throws -> [Int: AdminUpdateResult] {
        try await database.transaction { connection in
            var outcomes: [Int: AdminUpdateResult] = [:]
            for row in rows.sorted(by: { $0.id < $1.id }) {
                guard row.isTouched else {
                    outcomes[row.id] = .saved(label: "", changes: [])
                    continue
                }
                outcomes[row.id] = try await update(
                    row.values, of: resource, id: row.id, version: row.version ?? -1, actor: actor, address: address, action: .change,
                    on: connection
                )
            }
            return outcomes
        }
    }
}
