import Postgres

/// A workout's rule in words: "Every 2 weeks on Tuesday, Thursday · until 10 March 2027".
enum WorkoutRuleSummary {
    static func text(_ recurrence: WorkoutRecurrence, localizer: Localizer) -> String {
        let format = localizer.format
        guard let rule = recurrence.rule else {
            return localizer.t("Once, on {date}", ["date": format.longDate(recurrence.start)])
        }
        var text: String
        switch rule.frequency {
        case .daily:
            text = rule.interval == 1 ? localizer.t("Every day") : localizer.plural("Every {count} days", count: rule.interval)
        case .weekly:
            let days = (rule.weekdays.isEmpty ? [recurrence.start.weekday] : rule.weekdays).map(format.weekdayName).joined(separator: ", ")
            text = rule.interval == 1
                ? localizer.t("Every week on {days}", ["days": days])
                : localizer.t("Every {count} weeks on {days}", ["count": String(rule.interval), "days": days])
        case .monthly:
            let days = rule.monthDays.isEmpty ? [recurrence.start.day] : rule.monthDays
            let dayText = days.map { $0 == -1 ? localizer.t("the last day") : localizer.t("day {day}", ["day": String($0)]) }
                .joined(separator: ", ")
            text = rule.interval == 1
                ? localizer.t("Every month on {days}", ["days": dayText])
                : localizer.t("Every {count} months on {days}", ["count": String(rule.interval), "days": dayText])
        }
        switch rule.end {
        case .never: break
        case .until(let date): text += " · " + localizer.t("until {date}", ["date": format.longDate(date)])
        case .count(let count): text += " · " + localizer.plural("{count} times", count: count)
        }
        if !recurrence.excluded.isEmpty {
            text += " · " + localizer.plural("{count} dates excluded", count: recurrence.excluded.count)
        }
        return text
    }
}
