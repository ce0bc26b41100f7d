// 换届 date arithmetic in JavaScript: the same cases as tests/test_term_dates.py.
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const T = require("../../docs/assets/portal/term.js");
const CASES = require(path.join(__dirname, "..", "term_cases.json"));
const d = (s) => T.parseDate(s);

for (const [start, years, end] of CASES.add_years) {
  test(`${start} + ${years} years = ${end}`, () => assert.equal(T.iso(T.addYears(d(start), years)), end));
}
for (const [start, months, end] of CASES.add_months) {
  test(`${start} + ${months} months = ${end}`, () => assert.equal(T.iso(T.addMonths(d(start), months)), end));
}
for (const [end, today, state, days] of CASES.status) {
  test(`term ending ${end}, today ${today}: ${state}, ${days} days`, () => {
    assert.equal(T.status(d(end), d(today)), state);
    assert.equal(T.daysLeft(d(end), d(today)), days);
  });
}

test("impossible dates are refused", () => {
  assert.equal(T.parseDate("2027-02-29"), null);
  assert.equal(T.parseDate("2026-13-01"), null);
  assert.deepEqual(T.parseDate("2028-02-29"), { y: 2028, m: 2, d: 29 });
});

test("the reader's local date, not UTC, is today", () => {
  // 2027-01-10 00:30 in China is still 2027-01-09 in UTC
  const moment = { getFullYear: () => 2027, getMonth: () => 0, getDate: () => 10 };
  assert.deepEqual(T.localDate(moment), { y: 2027, m: 1, d: 10 });
});
