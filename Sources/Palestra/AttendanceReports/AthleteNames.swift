/// Athletes' names as a report lists them: two athletes of one name are told apart by their birth years
/// (`Ksenia Pavlova (2015)`), as the journal does, or by their birth dates when the years are alike too.
enum AthleteNames {
    /// Each athlete's shown name, by id.
    static func shown(_ athletes: [AttendanceReportStore.AthleteRow], format: LocalizedFormat) -> [Int: String] {
        let byName = Dictionary(grouping: athletes, by: \.name)
        return Dictionary(athletes.map { athlete in
            let namesakes = byName[athlete.name] ?? []
            guard namesakes.count > 1 else { return (athlete.id, athlete.name) }
            let yearsDiffer = Set(namesakes.map(\.birthDate.year)).count == namesakes.count
            let told = yearsDiffer ? String(athlete.birthDate.year) : format.date(athlete.birthDate)
            return (athlete.id, "\(athlete.name) (\(told))")
        }, uniquingKeysWith: { first, _ in first })
    }
}
