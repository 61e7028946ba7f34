/// Athletes' names as a report lists them: two athletes of one name are told apart by their birth years
/// (`Ksenia Pavlova (2015)`), as the journal does.
enum AthleteNames {
    /// Each athlete's shown name, by id.
    static func shown(_ athletes: [AttendanceReportStore.AthleteRow]) -> [Int: String] {
        let counts = Dictionary(athletes.map { ($0.name, 1) }, uniquingKeysWith: +)
        return Dictionary(athletes.map { athlete in
            (athlete.id, counts[athlete.name, default: 0] > 1 ? "\(athlete.name) (\(athlete.birthDate.year))" : athlete.name)
        }, uniquingKeysWith: { first, _ in first })
    }
}
