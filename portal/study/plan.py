"""Which week of the study plan (学习计划) a day falls in.

Mirrored line for line by `weekOf()` in docs/assets/portal/plan.js, which runs on
the reader's own local date; tests/test_study_plan.py checks that both agree on a
table of dates. Week N runs Monday–Sunday from `start + 7 × (N − 1)` days.

    state    index (0-based week to show)
    before   0            the plan has not started yet: the first week
    during   k            today is inside week k + 1
    after    count − 1    the plan has ended: the last week
    empty    None         the plan has no weeks
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8))    # China Standard Time, no daylight saving
TODAY_ENV = "PORTAL_TODAY"              # fixes the build date (previews, reproducible tests)
WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class WeekStatus:
    state: str
    index: int | None

    @property
    def number(self) -> int | None:
        """1-based week number (第N周) of the week shown."""
        return None if self.index is None else self.index + 1


def week_status(start: date, count: int, today: date) -> WeekStatus:
    if count <= 0:
        return WeekStatus("empty", None)
    k = (today - start).days // 7       # floor division: negative before the start
    if k < 0:
        return WeekStatus("before", 0)
    if k >= count:
        return WeekStatus("after", count - 1)
    return WeekStatus("during", k)


def week_range(start: date, index: int) -> tuple[date, date]:
    """(Monday, Sunday) of the 0-based week `index`."""
    monday = start + timedelta(weeks=index)
    return monday, monday + timedelta(days=6)


def range_label(monday: date, sunday: date, plan_year: int) -> str:
    """“9月7日—9月13日”; years are written out when the week is not in the plan's first year."""
    if monday.year == sunday.year == plan_year:
        return f"{monday.month}月{monday.day}日—{sunday.month}月{sunday.day}日"
    return f"{monday.year}年{monday.month}月{monday.day}日—{sunday.year}年{sunday.month}月{sunday.day}日"


def weekday_cn(d: date) -> str:
    return "星期" + WEEKDAYS[d.weekday()]


def build_date(environ=None) -> date:
    """The date the site is built on, in China (UTC+8), unless PORTAL_TODAY fixes it."""
    environ = os.environ if environ is None else environ
    raw = (environ.get(TODAY_ENV) or "").strip()
    if not raw:
        return datetime.now(CHINA).date()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            raise ValueError
        return date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"环境变量 {TODAY_ENV} 应为 YYYY-MM-DD 格式的日期（如 2026-11-27），这里是“{raw}”") from None
