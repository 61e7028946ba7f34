import Foundation
import Postgres

/// `palestra seed`: demo data for a first look — three coaches (who can sign in), six groups with two or
/// three weekly slots each, 80 athletes with memberships (a few joined or left this month), and the
/// sessions of the current and next month (those already past marked held). Loaded once: a database
/// with any training group is left as it is. Deterministic: every run makes the same demo.
public struct DemoSeed: Sendable {
    struct Slot: Sendable {
        let weekday: Int
        let start: String
        let minutes: Int
        let location: String
    }

    struct Athlete: Sendable {
        let fullName: String
        let birthDate: CalendarDate
        let contact: String
    }

    struct Membership: Sendable {
        let athlete: Int
        let group: Int
        let joinedOn: CalendarDate
        let leftOn: CalendarDate?
    }

    /// The coaches' shared demo password, printed by the command and shown in the README.
    public static let coachPassword = "whistle-meadow-5183"
    public static let coaches = [
        (email: "coach.smirnova@palestra.example", name: "Anna Smirnova"),
        (email: "coach.volkov@palestra.example", name: "Dmitry Volkov"),
        (email: "coach.morel@palestra.example", name: "Claire Morel"),
    ]

    /// Group name, coach (index), birth years of its athletes, description, slots.
    static let groups: [(name: String, coach: Int, born: ClosedRange<Int>, description: String, slots: [Slot])] = [
        ("U-10 Football", 0, 2016...2017, "Ball skills and small-sided games. **Bring shin guards.**",
         [Slot(weekday: 2, start: "17:00", minutes: 60, location: "Pitch 2"), Slot(weekday: 4, start: "17:00", minutes: 60, location: "Pitch 2")]),
        ("U-12 Football", 0, 2014...2015, "Positional play and conditioning.",
         [Slot(weekday: 1, start: "18:00", minutes: 90, location: "Pitch 1"), Slot(weekday: 3, start: "18:00", minutes: 90, location: "Pitch 1"),
          Slot(weekday: 6, start: "10:00", minutes: 90, location: "Pitch 1")]),
        ("U-14 Football", 1, 2012...2013, "Competition squad: league matches on Sundays.",
         [Slot(weekday: 2, start: "19:00", minutes: 90, location: "Pitch 1"), Slot(weekday: 5, start: "19:00", minutes: 90, location: "Pitch 1")]),
        ("Junior Swimming", 1, 2013...2016, "Technique in the small pool; *caps required*.",
         [Slot(weekday: 1, start: "16:00", minutes: 45, location: "Pool, lanes 1–3"), Slot(weekday: 3, start: "16:00", minutes: 45, location: "Pool, lanes 1–3"),
          Slot(weekday: 5, start: "16:00", minutes: 45, location: "Pool, lanes 1–3")]),
        ("Rhythmic Gymnastics", 2, 2012...2016, "Flexibility, apparatus and choreography.",
         [Slot(weekday: 2, start: "16:30", minutes: 90, location: "Gym B"), Slot(weekday: 4, start: "16:30", minutes: 90, location: "Gym B")]),
        ("Adult Swimming", 2, 1975...2000, "Evening lane swimming with a coach.",
         [Slot(weekday: 1, start: "20:30", minutes: 60, location: "Pool, lanes 4–6"), Slot(weekday: 4, start: "20:30", minutes: 60, location: "Pool, lanes 4–6")]),
    ]

    static let givenNames = ["Artem", "Maria", "Ivan", "Sofia", "Mikhail", "Anna", "Alexander", "Eva", "Maxim", "Polina",
                             "Lev", "Alisa", "Mark", "Varvara", "Timofey", "Ksenia", "Egor", "Vera", "Daniil", "Milana"]
    static let familyNames = ["Ivanov", "Petrov", "Sokolov", "Kuznetsov", "Popov", "Lebedev", "Kozlov", "Novikov",
                              "Morozov", "Pavlov", "Orlov", "Fedorov", "Belov", "Egorov", "Zaitsev", "Vinogradov"]

    let database: PostgresClient
    let hasher: PasswordHasher
    let timeZone: TimeZone

    public init(database: PostgresClient, hasher: PasswordHasher, timeZone: TimeZone) {
        self.database = database
        self.hasher = hasher
        self.timeZone = timeZone
    }

    /// Loads the demo unless training data exists; `false` when it did nothing.
    public func load(now: Date = Date(), output: @Sendable (String) -> Void) async throws -> Bool {
        guard try await !DemoSeedStore.hasTrainingData(on: database) else {
            output("Training data exists already: no demo data loaded.")
            return false
        }
        var coachIDs: [Int] = []
        for coach in Self.coaches {
            let id: Int
            if let existing = try await UserStore(database: database).credentials(email: coach.email)?.user.id {
                id = existing
            } else {
                id = try await NewUser(email: coach.email, displayName: coach.name, role: .coach, password: Self.coachPassword)
                    .create(in: database, hasher: hasher)
            }
            coachIDs.append(id)
        }
        let today = LocalMoment(now, in: timeZone)
        let groupIDs = try await database.transaction { connection in
            var ids: [Int] = []
            for group in Self.groups {
                let id = try await DemoSeedStore.insertGroup(name: group.name, coach: coachIDs[group.coach], description: group.description, on: connection)
                try await DemoSeedStore.insertSlots(group: id, slots: group.slots, on: connection)
                ids.append(id)
            }
            let athletes = Self.athletes()
            let athleteIDs = try await DemoSeedStore.insertAthletes(athletes.map(\.athlete), on: connection)
            try await DemoSeedStore.insertMemberships(
                Self.memberships(athletes: athletes, athleteIDs: athleteIDs, groupIDs: ids, today: today.date), on: connection
            )
            return ids
        }
        let generator = TrainingSessionGenerator(database: database, timeZone: timeZone)
        var total = TrainingSessionChanges()
        for id in groupIDs {
            total = total + (try await generator.generateWholeMonth(group: id, month: today.date))
            if let next = today.date.firstOfNextMonth {
                total = total + (try await generator.generateWholeMonth(group: id, month: next))
            }
        }
        try await DemoSeedStore.markPastHeld(before: today, on: database)
        try await loadLessons(coachIDs: coachIDs, now: now, output: output)
        output("Demo data: \(Self.groups.count) groups, \(Self.athleteCount) athletes, \(total.created.count) sessions (this month and next).")
        output("Coaches (password \(Self.coachPassword)): " + Self.coaches.map(\.email).joined(separator: ", "))
        try await loadWorkouts(now: now, output: output)
        try await loadCommissions(coachIDs: coachIDs, today: today.date, output: output)
        return true
    }

    static let athleteCount = 80

    /// 80 athletes spread over the groups by a fixed pseudo-random sequence; each with its group's index.
    static func athletes() -> [(athlete: Athlete, group: Int)] {
        var random = SeededRandom(seed: 20261121)
        return (0..<athleteCount).map { index in
            let group = index % groups.count
            let given = givenNames[random.next(below: givenNames.count)]
            var family = familyNames[random.next(below: familyNames.count)]
            // Russian family names agree with the given name: Ivanova for Maria.
            if ["Maria", "Sofia", "Anna", "Eva", "Polina", "Alisa", "Varvara", "Ksenia", "Vera", "Milana"].contains(given) { family += "a" }
            let born = groups[group].born
            let year = born.lowerBound + random.next(below: born.count)
            let birth = CalendarDate(year: year, month: 1 + random.next(below: 12), day: 1 + random.next(below: 28))!
            let contact = random.next(below: 3) == 0 ? "" : "+7 9\(10 + random.next(below: 89)) \(100 + random.next(below: 899))-\(10 + random.next(below: 89))-\(10 + random.next(below: 89))"
            return (Athlete(fullName: "\(given) \(family)", birthDate: birth, contact: contact), group)
        }
    }

    /// Everyone joined their group last September; every tenth athlete joined mid-month this month, every
    /// fifteenth left mid-month, and every twelfth also trains with the next group.
    static func memberships(athletes: [(athlete: Athlete, group: Int)], athleteIDs: [Int], groupIDs: [Int], today: CalendarDate) -> [Membership] {
        let september = CalendarDate(year: today.month >= 9 ? today.year : today.year - 1, month: 9, day: 1)!
        let midMonth = CalendarDate(year: today.year, month: today.month, day: 15)!
        var memberships: [Membership] = []
        for (index, entry) in athletes.enumerated() {
            let id = athleteIDs[index]
            let joined = index % 10 == 9 ? midMonth : september
            let left: CalendarDate? = index % 15 == 14 ? midMonth : nil
            memberships.append(Membership(athlete: id, group: groupIDs[entry.group], joinedOn: joined, leftOn: left))
            if index % 12 == 11 {
                memberships.append(Membership(athlete: id, group: groupIDs[(entry.group + 1) % groupIDs.count], joinedOn: september, leftOn: nil))
            }
        }
        return memberships
    }
}

/// A small deterministic generator (SplitMix64), so the demo is the same on every machine.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(bound))
    }
}
