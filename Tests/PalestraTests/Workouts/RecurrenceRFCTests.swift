@testable import Palestra
import Postgres
import Testing

/// The recurrence engine against RFC 5545's own examples (section 3.8.5.3, the ones within Palestra's subset)
/// and the pitfalls calendars keep getting wrong.
@Suite("Workouts: recurrence by RFC 5545's examples and known pitfalls")
struct RecurrenceRFCTests {
    static func expand(_ rule: String, start: String, from: String? = nil, to: String, exdates: [String] = []) throws -> [String] {
        try WorkoutExpansion(rule: rule, start: start, from: from ?? start, to: to, excluded: exdates).dates.map(\.description)
    }

    @Test("daily: COUNT=10, UNTIL inclusive, every other day, every 10 days for 5")
    func daily() throws {
        #expect(try Self.expand("FREQ=DAILY;COUNT=10", start: "1997-09-02", to: "1998-12-31")
            == (2...11).map { "1997-09-" + ($0 < 10 ? "0\($0)" : "\($0)") })
        let untilDec24 = try Self.expand("FREQ=DAILY;UNTIL=19971224", start: "1997-09-02", to: "1998-12-31")
        #expect(untilDec24.count == 114 && untilDec24.first == "1997-09-02" && untilDec24.last == "1997-12-24")
        #expect(try Self.expand("FREQ=DAILY;INTERVAL=2", start: "1997-09-02", to: "1997-09-10")
            == ["1997-09-02", "1997-09-04", "1997-09-06", "1997-09-08", "1997-09-10"])
        #expect(try Self.expand("FREQ=DAILY;INTERVAL=10;COUNT=5", start: "1997-09-02", to: "1998-12-31")
            == ["1997-09-02", "1997-09-12", "1997-09-22", "1997-10-02", "1997-10-12"])
    }

    @Test("weekly: COUNT=10, TU,TH for five weeks, every other week TU,TH for 8")
    func weekly() throws {
        let ten = try Self.expand("FREQ=WEEKLY;COUNT=10", start: "1997-09-02", to: "1998-12-31")
        #expect(ten.count == 10 && ten.first == "1997-09-02" && ten[1] == "1997-09-09" && ten.last == "1997-11-04")
        // The RFC ends at 19971007T000000Z, before that Tuesday's 9:00; with dates, the day before.
        #expect(try Self.expand("FREQ=WEEKLY;UNTIL=19971006;BYDAY=TU,TH", start: "1997-09-02", to: "1998-12-31")
            == ["1997-09-02", "1997-09-04", "1997-09-09", "1997-09-11", "1997-09-16", "1997-09-18", "1997-09-23",
                "1997-09-25", "1997-09-30", "1997-10-02"])
        #expect(try Self.expand("FREQ=WEEKLY;INTERVAL=2;COUNT=8;BYDAY=TU,TH", start: "1997-09-02", to: "1998-12-31")
            == ["1997-09-02", "1997-09-04", "1997-09-16", "1997-09-18", "1997-09-30", "1997-10-02", "1997-10-14", "1997-10-16"])
    }

    @Test("WKST=MO: the RFC's example of a week start changing the dates (TU,SU every other week from 5 August 1997)")
    func weekStart() throws {
        #expect(try Self.expand("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", start: "1997-08-05", to: "1997-12-31")
            == ["1997-08-05", "1997-08-10", "1997-08-19", "1997-08-24"])
        #expect(throws: RecurrenceRuleProblem.self) { try RecurrenceRule(rfc5545: "FREQ=WEEKLY;BYDAY=TU,SU;WKST=SU") }
    }

    @Test("monthly: 2nd and 15th, first and last day, every 18 months 10th–15th, an invalid 30 February skipped")
    func monthly() throws {
        #expect(try Self.expand("FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15", start: "1997-09-02", to: "1999-12-31")
            == ["1997-09-02", "1997-09-15", "1997-10-02", "1997-10-15", "1997-11-02", "1997-11-15", "1997-12-02",
                "1997-12-15", "1998-01-02", "1998-01-15"])
        #expect(try Self.expand("FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1", start: "1997-09-30", to: "1999-12-31")
            == ["1997-09-30", "1997-10-01", "1997-10-31", "1997-11-01", "1997-11-30", "1997-12-01", "1997-12-31",
                "1998-01-01", "1998-01-31", "1998-02-01"])
        #expect(try Self.expand("FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15", start: "1997-09-10", to: "2001-12-31")
            == ["1997-09-10", "1997-09-11", "1997-09-12", "1997-09-13", "1997-09-14", "1997-09-15",
                "1999-03-10", "1999-03-11", "1999-03-12", "1999-03-13"])
        #expect(try Self.expand("FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5", start: "2007-01-15", to: "2007-12-31")
            == ["2007-01-15", "2007-01-30", "2007-02-15", "2007-03-15", "2007-03-30"])
    }

    @Test("the 31st skips short months; -1 is each month's last day; 29 February only in leap years")
    func monthEnds() throws {
        #expect(try Self.expand("FREQ=MONTHLY", start: "2026-01-31", to: "2026-08-31")
            == ["2026-01-31", "2026-03-31", "2026-05-31", "2026-07-31", "2026-08-31"])
        #expect(try Self.expand("FREQ=MONTHLY;BYMONTHDAY=-1", start: "2028-01-31", to: "2028-04-30")
            == ["2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30"])
        #expect(try Self.expand("FREQ=MONTHLY;BYMONTHDAY=31,-1", start: "2026-01-31", to: "2026-02-28")
            == ["2026-01-31", "2026-02-28"], "the 31st and the last day are one date in January")
        #expect(try Self.expand("FREQ=MONTHLY;INTERVAL=12", start: "2024-02-29", to: "2036-12-31")
            == ["2024-02-29", "2028-02-29", "2032-02-29", "2036-02-29"])
        #expect(try Self.expand("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=29", start: "2096-02-29", to: "2104-12-31")
            == ["2096-02-29", "2104-02-29"], "2100 is not a leap year")
    }

    @Test("UNTIL is inclusive; COUNT counts before EXDATE; a start off the rule is not an occurrence")
    func endsAndExclusions() throws {
        #expect(try Self.expand("FREQ=WEEKLY;BYDAY=MO;UNTIL=20261130", start: "2026-11-02", to: "2026-12-31")
            == ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"])
        #expect(try Self.expand("FREQ=DAILY;COUNT=5", start: "2026-11-02", to: "2026-12-31", exdates: ["2026-11-04"])
            == ["2026-11-02", "2026-11-03", "2026-11-05", "2026-11-06"], "COUNT=5 with one excluded gives four")
        #expect(try Self.expand("FREQ=WEEKLY;BYDAY=TU", start: "2026-11-02", to: "2026-11-10")
            == ["2026-11-03", "2026-11-10"])
        #expect(try Self.expand("", start: "2026-11-02", to: "2026-11-30") == ["2026-11-02"], "no rule: a one-off")
    }

    @Test("intervals with several weekdays keep whole Monday weeks; the expansion can start far from the start date")
    func intervalsAndWindows() throws {
        #expect(try Self.expand("FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,SU", start: "2026-11-04", to: "2026-12-08")
            == ["2026-11-08", "2026-11-23", "2026-11-29"])
        let far = try Self.expand("FREQ=DAILY;INTERVAL=3", start: "2026-01-01", from: "2030-01-01", to: "2030-01-07")
        #expect(far == ["2030-01-01", "2030-01-04", "2030-01-07"])
        let counted = try Self.expand("FREQ=DAILY;INTERVAL=3;COUNT=3", start: "2026-01-01", from: "2026-01-05", to: "2030-01-07")
        #expect(counted == ["2026-01-07"])
    }

    @Test("a rule producing nothing has no first date; the form's ten dates; produced counts for a split series")
    func firstAndNext() throws {
        let never = WorkoutRecurrence(start: CalendarDate("2026-02-01")!, rule: try RecurrenceRule(rfc5545: "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=30"))
        #expect(never.firstProduced == nil)
        let until = WorkoutRecurrence(start: CalendarDate("2026-11-03")!, rule: try RecurrenceRule(rfc5545: "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261108"))
        #expect(until.firstProduced == nil, "UNTIL before the first Monday: nothing")
        let weekly = WorkoutRecurrence(start: CalendarDate("2026-11-04")!, rule: try RecurrenceRule(rfc5545: "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10"))
        #expect(weekly.firstProduced == CalendarDate("2026-11-04"))
        #expect(weekly.producedCount(before: CalendarDate("2026-11-16")!) == 3)
        #expect(weekly.lastProduced == CalendarDate("2026-12-07"))
        #expect(weekly.nextOccurrence(onOrAfter: CalendarDate("2026-11-05")!) == CalendarDate("2026-11-09"))
    }

    @Test("the RRULE text round-trips; bad rules are refused with a reason")
    func text() throws {
        for text in ["FREQ=DAILY", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20270310;WKST=MO", "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=6"] {
            #expect(try RecurrenceRule(rfc5545: text).rfc5545 == text)
        }
        #expect(try RecurrenceRule(rfc5545: "freq=weekly;byday=th,tu;until=20270310T235959Z").rfc5545 == "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270310")
        for bad in ["", "FREQ=YEARLY", "FREQ=DAILY;INTERVAL=0", "FREQ=DAILY;COUNT=2;UNTIL=20270101", "FREQ=WEEKLY;BYDAY=1MO",
                    "FREQ=MONTHLY;BYMONTHDAY=32", "FREQ=MONTHLY;BYMONTHDAY=-2", "FREQ=DAILY;BYHOUR=9", "FREQ=DAILY;UNTIL=20270230",
                    "FREQ=DAILY;FREQ=DAILY", "FREQ", "FREQ=DAILY;COUNT=x", String(repeating: "FREQ=DAILY;", count: 60)] {
            #expect(throws: RecurrenceRuleProblem.self, "\(bad)") { try RecurrenceRule(rfc5545: bad) }
        }
        #expect(throws: RecurrenceRuleProblem.self) { try WorkoutExpansion(rule: "FREQ=DAILY", start: "2026-1-1", from: "2026-01-01", to: "2026-02-01", excluded: []) }
        #expect(throws: RecurrenceRuleProblem.self) { try WorkoutExpansion(rule: "FREQ=DAILY", start: "2026-01-01", from: "2026-02-01", to: "2026-01-01", excluded: []) }
        #expect(try WorkoutExpansion(rule: "RRULE:FREQ=DAILY;COUNT=2", start: "2026-01-01", from: "2026-01-01", to: "2026-02-01", excluded: []).json
            == "[\"2026-01-01\",\"2026-01-02\"]")
    }
}
