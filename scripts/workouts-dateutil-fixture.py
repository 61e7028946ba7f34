#!/usr/bin/env python3
"""Writes Tests/Fixtures/workouts-dateutil-rrule.txt: random recurrence rules expanded by python-dateutil's rrule.

The recurrence tests expand each rule with Palestra's engine and compare. Regenerate (deterministic, seed 18) with
    python3 -m venv /tmp/du && /tmp/du/bin/pip install python-dateutil && /tmp/du/bin/python scripts/workouts-dateutil-fixture.py
One case per line, tab-separated: RRULE value, start, from, to, excluded dates (comma-separated or -), then the
expected dates (comma-separated YYYY-MM-DD, or - for none). Dates are naive local dates (midnight datetimes).
"""
import random
import sys
from datetime import date, datetime, timedelta

import dateutil
from dateutil.rrule import DAILY, MONTHLY, WEEKLY, MO, TU, WE, TH, FR, SA, SU, rrule, rruleset

CASES = 3000
WEEKDAYS = [MO, TU, WE, TH, FR, SA, SU]
CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def random_case(rnd):
    freq = rnd.choice(["DAILY", "WEEKLY", "WEEKLY", "MONTHLY", "MONTHLY"])
    interval = rnd.choice([1, 1, 1, 2, 2, 3, 4, 5, 7, 12])
    if rnd.random() < 0.1:
        start = date(rnd.choice([2024, 2028, 2096, 2000]), 2, 29 if rnd.random() < 0.7 else 28)
    else:
        start = date(2020, 1, 1) + timedelta(days=rnd.randrange(0, 4000))
    parts = [f"FREQ={freq}"]
    if interval != 1:
        parts.append(f"INTERVAL={interval}")
    weekdays, monthdays = [], []
    if freq == "WEEKLY" and rnd.random() < 0.8:
        weekdays = sorted(rnd.sample(range(7), rnd.randint(1, 4)))
        parts.append("BYDAY=" + ",".join(CODES[d] for d in weekdays))
    if freq == "MONTHLY" and rnd.random() < 0.8:
        pool = list(range(1, 32)) + [-1] * 6 + [29, 30, 31] * 4
        monthdays = sorted(set(rnd.sample(pool, rnd.randint(1, 3))))
        parts.append("BYMONTHDAY=" + ",".join(str(d) for d in monthdays))
    until = count = None
    end = rnd.random()
    if end < 0.35:
        until = start + timedelta(days=rnd.randrange(-5, 900))
        parts.append("UNTIL=" + until.strftime("%Y%m%d"))
    elif end < 0.7:
        count = rnd.randint(1, 40)
        parts.append(f"COUNT={count}")
    if freq == "WEEKLY" and rnd.random() < 0.5:
        parts.append("WKST=MO")
    excluded = sorted({start + timedelta(days=rnd.randrange(0, 300)) for _ in range(rnd.randint(0, 4))})
    if rnd.random() < 0.3:
        excluded = sorted(set(excluded) | {start})
    if rnd.random() < 0.5:
        begin = start + timedelta(days=rnd.randrange(-10, 40))
    else:
        begin = start + timedelta(days=rnd.randrange(-40, 700))
    end_date = begin + timedelta(days=rnd.randrange(0, 400 if (count or until) else 63))

    rules = rruleset()
    rules.rrule(rrule(
        {"DAILY": DAILY, "WEEKLY": WEEKLY, "MONTHLY": MONTHLY}[freq],
        dtstart=datetime.combine(start, datetime.min.time()),
        interval=interval,
        wkst=MO,
        count=count,
        until=datetime.combine(until, datetime.min.time()) if until else None,
        byweekday=[WEEKDAYS[d] for d in weekdays] or None,
        bymonthday=monthdays or None,
    ))
    for day in excluded:
        rules.exdate(datetime.combine(day, datetime.min.time()))
    expected = [d.date() for d in rules.between(
        datetime.combine(begin, datetime.min.time()), datetime.combine(end_date, datetime.min.time()), inc=True)]
    return "\t".join([
        ";".join(parts), start.isoformat(), begin.isoformat(), end_date.isoformat(),
        ",".join(d.isoformat() for d in excluded) or "-",
        ",".join(d.isoformat() for d in expected) or "-",
    ])


def main():
    rnd = random.Random(18)
    out = sys.argv[1] if len(sys.argv) > 1 else "Tests/Fixtures/workouts-dateutil-rrule.txt"
    with open(out, "w") as f:
        f.write(f"# python-dateutil {dateutil.__version__}, seed 18, {CASES} cases; see scripts/workouts-dateutil-fixture.py\n")
        for _ in range(CASES):
            f.write(random_case(rnd) + "\n")


main()
