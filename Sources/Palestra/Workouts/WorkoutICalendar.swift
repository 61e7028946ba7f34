import Foundation
import Postgres

/// A user's workouts as an iCalendar file (RFC 5545) for phone calendars.
///
/// Each workout is a VEVENT with a stable UID (`workout-<id>@palestra`), its RRULE and EXDATEs; each occurrence that has
/// its own row is an override with the same UID and a RECURRENCE-ID (cancelled ones `STATUS:CANCELLED`, edited ones with
/// their own name and time, moved ones with their RECURRENCE-ID and their new DTSTART). Times are floating local times (the organisation's clock, no TZID): UNTIL is written as
/// the end of its day in the same form, as RFC 5545 asks of a DATE-TIME start. Completed occurrences of deleted
/// workouts, and those on dates a rule no longer produces, are events of their own.
struct WorkoutICalendar {
    let workouts: [Workout]
    let children: [WorkoutOccurrence]
    let stamp: Date

    var text: String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Palestra//Workouts//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        let stampText = Self.utc(stamp)
        let byWorkout = Dictionary(grouping: children, by: \.workoutID)
        for workout in workouts {
            let rows = byWorkout[workout.id] ?? []
            if !workout.isArchived {
                lines += ["BEGIN:VEVENT", "UID:\(Self.uid(workout.id))", "DTSTAMP:\(stampText)",
                          "DTSTART:\(Self.local(workout.recurrence.start, workout.startsAt))", "DURATION:PT\(workout.durationMinutes)M",
                          "SUMMARY:\(Self.escape(workout.name))"]
                if let rule = workout.recurrence.rule {
                    lines.append("RRULE:" + Self.ruleForDateTimes(rule))
                    for date in workout.recurrence.excluded.sorted() {
                        lines.append("EXDATE:\(Self.local(date, workout.startsAt))")
                    }
                }
                lines.append("END:VEVENT")
            }
            for child in rows {
                let produced = !workout.isArchived && workout.recurrence.occurs(on: child.date)
                if produced {
                    lines += ["BEGIN:VEVENT", "UID:\(Self.uid(workout.id))", "DTSTAMP:\(stampText)",
                              "RECURRENCE-ID:\(Self.local(child.date, workout.startsAt))"]
                } else if child.status == .completed || child.status == .inProgress {
                    lines += ["BEGIN:VEVENT", "UID:workout-\(workout.id)-occurrence-\(child.id)@palestra", "DTSTAMP:\(stampText)"]
                } else {
                    continue
                }
                lines += ["DTSTART:\(Self.local(child.shownDate, child.startsAt))", "DURATION:PT\(child.durationMinutes)M",
                          "SUMMARY:\(Self.escape(child.name))"]
                if child.status == .cancelled { lines.append("STATUS:CANCELLED") }
                lines.append("END:VEVENT")
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.folded).joined(separator: "\r\n") + "\r\n"
    }

    static func uid(_ workout: Int) -> String { "workout-\(workout)@palestra" }

    /// The rule with UNTIL as a floating DATE-TIME at the end of its day (DTSTART is a DATE-TIME).
    static func ruleForDateTimes(_ rule: RecurrenceRule) -> String {
        guard case .until(let date) = rule.end else { return rule.rfc5545 }
        return rule.rfc5545.replacingOccurrences(of: "UNTIL=" + RecurrenceRule.basic(date), with: "UNTIL=" + RecurrenceRule.basic(date) + "T235959")
    }

    /// `20261103T180000`: a floating local date-time.
    static func local(_ date: CalendarDate, _ time: TimeOfDay) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return RecurrenceRule.basic(date) + "T" + two(time.hour) + two(time.minute) + two(time.second)
    }

    static func utc(_ moment: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: moment)
        guard let date = CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1),
              let time = TimeOfDay(hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0)
        else { return "19700101T000000Z" }
        return local(date, time) + "Z"
    }

    /// TEXT escaping: backslash, semicolon, comma and newlines.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": break
            default: out.append(character)
            }
        }
        return out
    }

    /// Lines longer than 75 octets folded (CRLF and a space), never inside a UTF-8 character.
    static func folded(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var parts: [String] = []
        var current = ""
        var limit = 75
        for character in line {
            if current.utf8.count + String(character).utf8.count > limit {
                parts.append(current)
                current = ""
                limit = 74
            }
            current.append(character)
        }
        parts.append(current)
        return parts.joined(separator: "\r\n ")
    }
}
