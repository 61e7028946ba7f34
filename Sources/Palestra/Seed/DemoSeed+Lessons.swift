import Foundation
import Postgres

/// The lessons' part of `palestra seed`: three rooms, six students who can sign in, and lessons of this
/// week and next (Monday to Saturday) in every state (completed, in progress, scheduled, cancelled, and one not held).
extension DemoSeed {
    /// The students' shared demo password, printed by the command and shown in the README.
    public static let studentPassword = "chalk-lantern-2846"
    public static let students = [
        (email: "student.orlova@palestra.example", name: "Daria Orlova"),
        (email: "student.kim@palestra.example", name: "Leo Kim"),
        (email: "student.petrova@palestra.example", name: "Maya Petrova"),
        (email: "student.dubois@palestra.example", name: "Hugo Dubois"),
        (email: "student.ivanov@palestra.example", name: "Ilya Ivanov"),
        (email: "student.sato@palestra.example", name: "Emi Sato"),
    ]
    static let rooms = [("Studio A", 12), ("Hall 2", 30), ("Classroom 14", 20)]
    static let lessonTitles = ["Ball control", "Tactics on the board", "Breathing technique", "Stretching basics", "Rules of the game", "Video review"]

    func loadLessons(coachIDs: [Int], now: Date, output: (String) -> Void) async throws {
        var studentIDs: [Int] = []
        for student in Self.students {
            if let existing = try await UserStore(database: database).credentials(email: student.email)?.user.id {
                studentIDs.append(existing)
            } else {
                studentIDs.append(try await NewUser(email: student.email, displayName: student.name, role: .student, password: Self.studentPassword)
                    .create(in: database, hasher: hasher))
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let today = LocalMoment(now, in: timeZone).date
        let monday = today.adding(days: -(today.weekday - 1)) ?? today
        let count = try await database.transaction { connection in
            let roomIDs = try await DemoSeedStore.insertRooms(Self.rooms, on: connection)
            var lessons = 0
            for day in 0..<14 {
                guard let date = monday.adding(days: day), date.weekday <= 6 else { continue }
                for (slot, hour) in [10, 15, 18].enumerated() {
                    let index = day * 3 + slot
                    let coach = coachIDs[index % coachIDs.count]
                    guard let start = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: hour + slot % 2)) else { continue }
                    let end = start.addingTimeInterval(5400)
                    let status: LessonStatus
                    if end < now.addingTimeInterval(-12 * 3600) {
                        // Past: held, one in seven cancelled, the last one of the coach left scheduled (not held).
                        status = index % 7 == 3 ? .cancelled : (index % 11 == 4 ? .scheduled : .completed)
                    } else if start <= now && now < end {
                        status = .inProgress
                    } else {
                        status = index % 9 == 4 ? .cancelled : .scheduled
                    }
                    let students = (0..<3).map { studentIDs[(index + $0 * 2) % studentIDs.count] }
                    _ = try await DemoSeedStore.insertLesson(
                        title: Self.lessonTitles[index % Self.lessonTitles.count], teacher: coach, room: roomIDs[slot % roomIDs.count],
                        startsAt: start, endsAt: end, status: status, students: Array(Set(students)), on: connection
                    )
                    lessons += 1
                }
            }
            // One lesson going on right now, with the first coach and room free then.
            let now5 = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 300).rounded(.down) * 300)
            search: for coach in coachIDs {
                for room in roomIDs.reversed() where try await DemoSeedStore.insertLesson(
                    title: "Open practice", teacher: coach, room: room, startsAt: now5.addingTimeInterval(-1800), endsAt: now5.addingTimeInterval(3600),
                    status: .inProgress, students: Array(studentIDs.prefix(4)), on: connection
                ) {
                    lessons += 1
                    break search
                }
            }
            return lessons
        }
        output("Lessons: \(Self.rooms.count) rooms, \(count) lessons this week and next.")
        output("Students (password \(Self.studentPassword)): " + Self.students.map(\.email).joined(separator: ", "))
    }
}

extension DemoSeedStore {
    static func insertRooms(_ rooms: [(String, Int)], on connection: PostgresConnection) async throws -> [Int] {
        var ids: [Int] = []
        for (name, capacity) in rooms {
            ids.append(try await connection.query(
                "INSERT INTO rooms (name, capacity) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id", [name, capacity]
            )[0].decode("id"))
        }
        return ids
    }

    /// A lesson in `status` with its times, its students and its events (no notifications: nobody was told
    /// of the past); `false` when its teacher or room is taken then.
    @discardableResult
    static func insertLesson(
        title: String, teacher: Int, room: Int, startsAt: Date, endsAt: Date, status: LessonStatus, students: [Int], on connection: PostgresConnection
    ) async throws -> Bool {
        guard let id: Int = try await connection.query(
            """
            INSERT INTO lessons (title, description, teacher_id, room_id, starts_at, ends_at, status, started_at, completed_at, cancelled_at, cancelled_by, cancel_reason)
            VALUES ($1, 'Bring water and **indoor shoes**.', $2, $3, $4, $5, $6,
                    CASE WHEN $6 IN ('in_progress', 'completed') THEN $4::timestamptz END, CASE WHEN $6 = 'completed' THEN $5::timestamptz END,
                    CASE WHEN $6 = 'cancelled' THEN $4::timestamptz - interval '1 day' END, CASE WHEN $6 = 'cancelled' THEN $2::bigint END,
                    CASE WHEN $6 = 'cancelled' THEN 'The teacher is at a tournament.' END)
            ON CONFLICT DO NOTHING
            RETURNING id
            """,
            [title, teacher, room, startsAt, endsAt, status.rawValue]
        ).first?.decode("id") else { return false }
        try await LessonStore.setStudents(students, of: id, on: connection)
        try await connection.execute(
            """
            INSERT INTO lesson_events (lesson_id, kind, to_status, actor_id, actor_label, occurred_at)
            SELECT $1, 'created', 'scheduled', id, display_name, $2::timestamptz - interval '7 days' FROM users WHERE id = $3
            """,
            [id, startsAt, teacher]
        )
        if status != .scheduled {
            let kind = status == .inProgress ? "started" : status == .completed ? "completed" : "cancelled"
            try await connection.execute(
                """
                INSERT INTO lesson_events (lesson_id, kind, from_status, to_status, actor_id, actor_label, reason, occurred_at)
                SELECT $1, $2, 'scheduled', $3, id, display_name, $5, $6 FROM users WHERE id = $4
                """,
                [id, kind, status.rawValue, teacher, status == .cancelled ? "The teacher is at a tournament." : nil, startsAt]
            )
        }
        return true
    }
}
