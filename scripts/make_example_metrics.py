"""Writes metrics/2024-MM-25.yaml: a year of monthly snapshots for the shipped plan, made up
from the plan's own targets so that `parcheck status` shows a true-to-life mix of verdicts.

Run from the repository root: python scripts/make_example_metrics.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dateutil.rrule import FR, MONTHLY, WEEKLY, rrule

OUT = Path("metrics")
MONTHS = [dt.date(2024, m, 25) for m in range(1, 12)]

# check: (value in January, value in November); values in between are interpolated.
RAMPS = {
    "I.1": (8, 88),
    "I.2.a": (100, 97.5),
    "I.2.c": (0, 0),
    "I.4.b": (0, 0),
    "II.3.a": (10, 90),
    "II.4": (20, 100),
    "III.1.a": (40, 100),
    "III.2.a": (100, 100),
    "III.3": (100, 100),
    "III.4.a": (100, 100),
    "III.4.c": (0, 0),
    "III.4.d": (0, 2),
    "III.4.e": (0, 0),
    "III.5": (96.5, 98.7),
    "III.6": (100, 99.2),
    "V.1.a": (90, 100),
    "V.1.b": (80, 95),
    "V.3": (0, 0),
    "VI.1.c": (20, 80),
    "VI.2.a": (3, 11.5),
    "VI.3": (5, 72.4),
    "VII.2": (97, 100),
    "VII.3.a": (100, 100),
    "VII.3.b": (92, 96),
    "VII.4": (61, 82),
    "VII.5.a": (10, 90),
    "VIII.1.a": (84.2, 87.0),
    "IX.2": (25, 34),
    "IX.3": (70, 92),
    "IX.4": (60, 90),
}
STEPS = {"I.3": {3: 1, 6: 2}, "IX.6": {7: 1}, "X.5": {9: 1}}  # month → count from then on
NOTES = {"VI.3": "số liệu KBNN", "VIII.1.a": "khảo sát quý III của Sở Nội vụ"}
DONE = {
    "II.3.b": ("2024-03-15", "35/KH-SCT"),
    "III.1.b": ("2024-07-30", "1870/BC-SCT"),
    "V.2.a": ("2024-06-12", "1502/BC-SCT"),
    "V.2.b": ("2024-11-14", "3120/BC-SCT"),
    "VI.1.a": ("2024-04-02", "812/QĐ-SCT"),
    "VII.1.a": ("2024-02-20", "410/KH-SCT"),
    "VIII.1.b": ("2024-03-28", "720/KH-SCT"),
    "IX.1": ("2024-11-22", "3188/SCT-VP"),
}
EVENTS = {
    "III.2.b": [
        ("2024-04-12", "2024-04-19", "QĐ 881/QĐ-UBND"),
        ("2024-08-27", "2024-09-05", "QĐ 2011/QĐ-UBND"),
        ("2024-11-20", None, "QĐ 2790/QĐ-UBND"),
    ],
    "III.4.b": [
        ("2024-05-03 16:10", "2024-05-06 15:00", "000.00.17.H34-240503-0007"),
        ("2024-11-22 09:30", "2024-11-22 14:05", "000.00.17.H34-241122-0003"),
    ],
    "V.5": [
        ("2024-02-01", "2024-02-05", "bổ nhiệm ngạch"),
        ("2024-10-14", "2024-10-22", "nâng lương"),
    ],
}
WEEKLY_MISSING = {dt.date(2024, 11, 22)}


def interpolate(first: float, last: float, i: int) -> float:
    value = first + (last - first) * i / (len(MONTHS) - 1)
    if isinstance(first, int) and isinstance(last, int) and max(first, last) <= 10:
        return int(value)  # a count (cases, dossiers) grows by whole ones
    return round(value, 1)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    fridays = [
        d.date()
        for d in rrule(
            WEEKLY, byweekday=FR, dtstart=dt.datetime(2024, 1, 1), until=dt.datetime(2024, 11, 25)
        )
    ]
    month_ends = [
        d.date()
        for d in rrule(
            MONTHLY, bymonthday=-1, dtstart=dt.datetime(2024, 1, 1), until=dt.datetime(2024, 10, 31)
        )
    ]
    for i, as_of in enumerate(MONTHS):
        lines = ["plan: kh2024", f"as_of: {as_of.isoformat()}", "source: Văn phòng Sở", "values:"]
        for check, (first, last) in RAMPS.items():
            value = interpolate(first, last, i)
            note = NOTES.get(check)
            lines.append(
                f'  {check}: {{value: {value}, note: "{note}"}}' if note else f"  {check}: {value}"
            )
        for check, steps in STEPS.items():
            count = max([n for month, n in steps.items() if month <= as_of.month], default=0)
            lines.append(f"  {check}: {count}")
        for check, (day, evidence) in DONE.items():
            if dt.date.fromisoformat(day) <= as_of:
                lines.append(f'  {check}: {{done: {day}, evidence: "{evidence}"}}')
        for check, days in (("I.2.b", fridays), ("ORG.2", fridays)):
            done = [d for d in days if d <= as_of and (check != "I.2.b" or d not in WEEKLY_MISSING)]
            lines.append(f"  {check}: {{done: [{', '.join(d.isoformat() for d in done)}]}}")
        evaluations = [d for d in month_ends if d < as_of]
        lines.append(f"  I.4.a: {{done: [{', '.join(d.isoformat() for d in evaluations)}]}}")
        reports = [m for m in MONTHS if m <= as_of]
        lines.append(f"  ORG.1: {{done: [{', '.join(d.isoformat() for d in reports)}]}}")
        for check, events in EVENTS.items():
            items = []
            for start, done, ref in events:
                if dt.date.fromisoformat(start[:10]) > as_of:
                    continue
                finished = done if done and dt.date.fromisoformat(done[:10]) <= as_of else None
                part = f'start: "{start}"' + (f', done: "{finished}"' if finished else "")
                items.append(f'      - {{{part}, ref: "{ref}"}}')
            lines.append(f"  {check}:")
            lines.append("    events:" + ("" if items else " []"))
            lines.extend(items)
        (OUT / f"{as_of.isoformat()}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
