import Postgres

/// The desk's one write of its own: who marked a record, and when.
enum AttendanceMarkStore {
    /// Records `user` as the one who marked the record, now (after a status change at the desk).
    static func markedBy(_ user: Int, record: Int, on connection: PostgresConnection) async throws {
        try await connection.execute("UPDATE attendance_records SET marked_by = $1, marked_at = now() WHERE id = $2", [user, record])
    }
}
