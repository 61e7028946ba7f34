import Foundation
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// The one rule of who reaches which training groups, and of what is read-only: its SQL and its Swift
/// predicate pick the same rows on a real database, for every role and purpose.
@Suite("Training: the access rule and the read-only rule")
struct TrainingGroupAccessTests {
    /// The rows an admin-engine scope picks from `table`, `{user}` bound to the user's id as the engine does.
    static func rows(_ scope: AdminScope, table: String, user: User, on database: TestDatabase) async throws -> [Int] {
        let condition: String
        switch scope {
        case .all: condition = "true"
        case .none: condition = "false"
        case .rows(let sql): condition = sql.replacingOccurrences(of: "{user}", with: "$1")
        }
        let sql = "SELECT coalesce(array_agg(id ORDER BY id), '{}')::text FROM \(table) WHERE \(condition) AND $1::bigint IS NOT NULL"
        return try Self.ids(try await database.value(sql, [user.id], as: String.self))
    }

    static func ids(_ array: String) -> [Int] {
        array.trimmingCharacters(in: CharacterSet(charactersIn: "{}")).split(separator: ",").compactMap { Int($0) }
    }

    @Test("lists, stores and the Swift predicate agree for every role and purpose; managers read every group and change none")
    func agreement() async throws {
        try await TestDatabase.with { database in
            let ids = try await TestUsers.everyRole(in: database)
            let otherCoach = try await TestUsers.create("other.coach@example.org", role: .coach, in: database)
            let coach = try #require(ids[.coach])
            for (name, owner) in [("Mine A", coach), ("Theirs", otherCoach), ("Mine B", coach)] {
                try await database.run("INSERT INTO training_groups (name, coach_id) VALUES ($1, $2)", [name, owner])
            }
            try await database.run("""
                INSERT INTO athletes (full_name, birth_date) VALUES ('In mine', '2014-01-01'), ('In theirs', '2014-01-01'), ('In none', '2014-01-01');
                """)
            try await database.run("""
                INSERT INTO group_memberships (athlete_id, group_id, joined_on)
                SELECT a.id, g.id, '2026-01-01' FROM athletes a JOIN training_groups g
                  ON (a.full_name, g.name) IN (('In mine', 'Mine A'), ('In theirs', 'Theirs'))
                """)
            let groups: [(id: Int, coach: Int)] = try await database.withClient { client in
                try await client.query("SELECT id, coach_id FROM training_groups ORDER BY id").map { (try $0.decode(at: 0), try $0.decode(at: 1)) }
            }
            let expected: [Role: (view: [String], change: [String])] = [
                .admin: (["Mine A", "Theirs", "Mine B"], ["Mine A", "Theirs", "Mine B"]),
                .manager: (["Mine A", "Theirs", "Mine B"], []),
                .coach: (["Mine A", "Mine B"], ["Mine A", "Mine B"]),
                .student: ([], []),
            ]
            for role in Role.allCases {
                let user = User(id: try #require(ids[role]), email: "\(role)@example.org", displayName: "\(role)", role: role, language: nil)
                for purpose in [TrainingGroupAccess.Purpose.view, .change] {
                    let access = TrainingGroupAccess(user: user, for: purpose)
                    let swift = groups.filter { access.includes(groupCoachedBy: $0.coach) }.map(\.id)
                    let engine = try await Self.rows(access.adminScope(groupID: "id"), table: "training_groups", user: user, on: database)
                    let store = Self.ids(try await database.value(
                        "SELECT coalesce(array_agg(g.id ORDER BY g.id), '{}')::text FROM training_groups g WHERE \(TrainingGroupAccess.condition(group: "g", parameter: "$1"))",
                        [access.coachParameter], as: String.self
                    ))
                    let names = try await database.value(
                        "SELECT coalesce(array_agg(name ORDER BY id), '{}')::text FROM training_groups WHERE id = ANY($1::bigint[])",
                        [swift], as: String.self
                    )
                    let want = purpose == .view ? expected[role]!.view : expected[role]!.change
                    #expect(names == "{" + want.map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: ",") + "}", "\(role) \(purpose)")
                    #expect(engine == swift, "\(role) \(purpose): the admin scope")
                    #expect(store == swift, "\(role) \(purpose): the stores' condition")
                    // Athletes follow their groups: those who were members of a group within reach.
                    let athletes = try await Self.rows(access.adminScope(athleteID: "id"), table: "athletes", user: user, on: database)
                    let members = Self.ids(try await database.value(
                        "SELECT coalesce(array_agg(DISTINCT athlete_id ORDER BY athlete_id), '{}')::text FROM group_memberships WHERE group_id = ANY($1::bigint[])",
                        [swift], as: String.self
                    ))
                    #expect(athletes == (access.reach == .everyGroup ? try await Self.rows(.all, table: "athletes", user: user, on: database) : members))
                }
                #expect(TrainingGroupAccess.policy(for: .view).allows(user) == !expected[role]!.view.isEmpty)
                #expect(TrainingGroupAccess.policy(for: .change).allows(user) == !expected[role]!.change.isEmpty)
            }
        }
    }

    @Test("closed or archived means read-only: the SQL condition and the journal's Swift rule agree on every combination")
    func readOnly() async throws {
        try await TestDatabase.with { database in
            let coach = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            for (closed, archived) in [(false, false), (true, false), (false, true), (true, true)] {
                let name = "G \(closed) \(archived)"
                try await database.run("INSERT INTO training_groups (name, coach_id, is_archived) VALUES ($1, $2, $3)", [name, coach, archived])
                try await database.run("""
                    INSERT INTO training_sessions (group_id, session_date, starts_at, ends_at, is_closed)
                    SELECT id, '2026-11-02', '18:00', '19:00', $2 FROM training_groups WHERE name = $1
                    """, [name, closed])
                let sqlLocked: Bool = try await database.value(
                    "SELECT \(TrainingReadOnly.attendanceLocked(sessionID: "ts.id", groupID: "ts.group_id")) FROM training_sessions ts JOIN training_groups tg ON tg.id = ts.group_id WHERE tg.name = $1",
                    [name]
                )
                let groupLocked: Bool = try await database.value(
                    "SELECT \(TrainingReadOnly.archivedGroup(groupID: "ts.group_id")) FROM training_sessions ts JOIN training_groups tg ON tg.id = ts.group_id WHERE tg.name = $1",
                    [name]
                )
                let rowLocked: Bool = try await database.value("SELECT \(TrainingReadOnly.archivedGroupRow) FROM training_groups WHERE name = $1", [name])
                let swift = TrainingReadOnly.attendanceLock(isClosed: closed, isGroupArchived: archived)
                #expect(sqlLocked == (swift != nil), "closed \(closed), archived \(archived)")
                #expect(swift == (closed ? .closed : archived ? .archived : nil))
                #expect(groupLocked == archived && rowLocked == archived)
            }
        }
    }
}
