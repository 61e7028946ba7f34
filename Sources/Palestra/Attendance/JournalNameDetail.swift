import Postgres

/// What tells apart athletes of a journal who share a name: their birth year, or their birth date when
/// the year is shared too, or their number when even that is; nothing for a name nobody else has.
enum JournalNameDetail {
    /// The detail of each athlete whose name another athlete of `athletes` has, by athlete id.
    static func details(of athletes: [JournalAthlete], localizer: Localizer) -> [Int: String] {
        var details: [Int: String] = [:]
        let byName = Dictionary(grouping: athletes) { $0.fullName.lowercased() }
        for namesakes in byName.values where namesakes.count > 1 {
            let years = Dictionary(grouping: namesakes, by: \.birthDate.year)
            let dates = Dictionary(grouping: namesakes, by: \.birthDate)
            for athlete in namesakes {
                if years[athlete.birthDate.year]?.count == 1 {
                    details[athlete.id] = localizer.t("born {year}", ["year": String(athlete.birthDate.year)])
                } else if dates[athlete.birthDate]?.count == 1 {
                    details[athlete.id] = localizer.t("born {date}", ["date": localizer.format.date(athlete.birthDate)])
                } else {
                    details[athlete.id] = localizer.t("No. {id}", ["id": String(athlete.id)])
                }
            }
        }
        return details
    }
}
