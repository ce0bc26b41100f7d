"""Calendar arithmetic for 换届提醒, the same rules as docs/assets/portal/term.js.

A term of N years elected on day D ends on the same month and day N years later; a
29 February election ends on 28 February when that year has no 29th. The "next six
months" window is the same rule in months: 31 August + 6 months is the last day of
February. Both implementations are checked against tests/term_cases.json.
"""
from __future__ import annotations

import calendar
import os
import re
from datetime import date, datetime, timedelta, timezone

WINDOW_MONTHS = 6
CHINA = timezone(timedelta(hours=8))


def today() -> date:
    """Today in China (UTC+8), or the date PORTAL_TODAY fixes (previews, reproducible tests),
    as for the study plan's build date (portal/study/plan.py, which reports a malformed value)."""
    raw = (os.environ.get("PORTAL_TODAY") or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    return datetime.now(CHINA).date()


def add_months(d: date, months: int) -> date:
    """The same day `months` later; the last day of the month when that day does not exist."""
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def add_years(d: date, years: int) -> date:
    return add_months(d, 12 * years)


def days_left(end: date, today: date) -> int:
    """Days from today to the term's end: 0 on the last day, negative once it has passed."""
    return (end - today).days


def status(end: date, today: date) -> str:
    """"overdue" (term ended before today), "due" (ends within six months) or "ok"."""
    if end < today:
        return "overdue"
    if end <= add_months(today, WINDOW_MONTHS):
        return "due"
    return "ok"
