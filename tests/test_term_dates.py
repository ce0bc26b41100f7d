"""换届 date arithmetic in Python: the shared cases (tests/term_cases.json) that
tests/js/term.test.js checks term.js against, across month ends and leap days."""
from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import ROOT
from portal.content import terms

CASES = json.loads((ROOT / "tests" / "term_cases.json").read_text(encoding="utf-8"))
d = date.fromisoformat


@pytest.mark.parametrize("start,years,end", CASES["add_years"])
def test_term_end(start, years, end):
    assert terms.add_years(d(start), years) == d(end)


@pytest.mark.parametrize("start,months,end", CASES["add_months"])
def test_six_month_window(start, months, end):
    assert terms.add_months(d(start), months) == d(end)


@pytest.mark.parametrize("end,today,state,days", CASES["status"])
def test_state_and_days_left(end, today, state, days):
    assert terms.status(d(end), d(today)) == state
    assert terms.days_left(d(end), d(today)) == days


def test_every_day_of_four_years_plus_three_years_lands_on_a_real_day():
    day = date(2024, 1, 1)
    while day.year < 2028:
        end = terms.add_years(day, 3)
        assert (end.month, end.day) == (day.month, day.day) or (day.month, day.day, end.day) == (2, 29, 28)
        day = date.fromordinal(day.toordinal() + 1)
