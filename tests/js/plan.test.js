// 学习计划 in the browser: which week a day falls in, the reader's local date, and
// reading best scores from the quiz record without trusting it.
const test = require("node:test");
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const P = require("../../docs/assets/portal/plan.js");

const D = (s) => P.parseDate(s);

test("weekOf: before, the first day, Sundays, New Year, the last day, after", () => {
  const start = "2026-12-21";   // a Monday; four weeks end on Sunday 2027-01-17
  const table = [
    ["2026-12-20", "before", 0],
    ["2026-12-21", "during", 0],
    ["2026-12-27", "during", 0],    // Sunday still belongs to its week
    ["2026-12-28", "during", 1],
    ["2026-12-31", "during", 1],
    ["2027-01-01", "during", 1],    // the new year does not start a new week
    ["2027-01-03", "during", 1],
    ["2027-01-04", "during", 2],
    ["2027-01-17", "during", 3],
    ["2027-01-18", "after", 3],
    ["2031-05-05", "after", 3],
  ];
  for (const [day, state, index] of table) {
    assert.deepEqual(P.weekOf(start, 4, D(day)), { state, index }, day);
  }
  assert.deepEqual(P.weekOf(start, 0, D("2026-12-21")), { state: "empty", index: null });
  assert.deepEqual(P.weekOf("2026-02-30", 4, D("2026-12-21")), { state: "empty", index: null }, "a bad start is no plan");
});

test("the sample plan: 2026-11-27 is in week 12", () => {
  assert.deepEqual(P.weekOf("2026-09-07", 24, D("2026-11-27")), { state: "during", index: 11 });
  assert.deepEqual(P.planEnd("2026-09-07", 24), { y: 2027, m: 2, d: 21 });
  assert.equal(P.weekdayCN(D("2026-11-27")), "星期五");
  assert.equal(P.weekdayCN(D("2027-01-03")), "星期日");
  assert.equal(P.dateCN(D("2027-01-03")), "2027年1月3日");
});

test("parseDate accepts only real calendar dates", () => {
  assert.deepEqual(D("2028-02-29"), { y: 2028, m: 2, d: 29 });
  for (const bad of ["2027-02-29", "2026-13-01", "2026-9-7", "2026/09/07", "", null, undefined, "2026-09-07T00:00"]) {
    assert.equal(P.parseDate(bad), null, String(bad));
  }
});

test("the reader's local date decides the week (China is UTC+8)", () => {
  // 2026-11-29 16:30 UTC is Monday 2026-11-30 00:30 in Beijing: week 13 there, still week 12 in London.
  const script = `const P = require(${JSON.stringify(require.resolve("../../docs/assets/portal/plan.js"))});
    const d = P.localDate(new Date(Date.UTC(2026, 10, 29, 16, 30)));
    process.stdout.write(JSON.stringify([d, P.weekOf("2026-09-07", 24, d)]));`;
  const run = (tz) => JSON.parse(execFileSync(process.execPath, ["-e", script], { env: { ...process.env, TZ: tz } }).toString());
  assert.deepEqual(run("Asia/Shanghai"), [{ y: 2026, m: 11, d: 30 }, { state: "during", index: 12 }]);
  assert.deepEqual(run("Europe/London"), [{ y: 2026, m: 11, d: 29 }, { state: "during", index: 11 }]);
});

test("bestOf reads the quiz record defensively and never throws", () => {
  const rec = P.parseRecord(JSON.stringify({
    app: "dangjian-portal-quiz", version: 1,
    quizzes: {
      good: { best: { at: "2026-11-27T02:00:00.000Z", score: 18, total: 20, passed: true }, attempts: [] },
      failed: { best: { at: "2026-11-27T02:00:00.000Z", score: 9.5, total: 20, passed: false } },
      none: { best: null, attempts: [] },
      over: { best: { score: 30, total: 20, passed: true } },
      text: { best: { score: "18", total: 20, passed: true } },
      zero: { best: { score: 0, total: 0, passed: true } },
      weird: "x",
    },
  }));
  assert.deepEqual(P.bestOf(rec, "good"), { score: 18, total: 20, passed: true });
  assert.deepEqual(P.bestOf(rec, "failed"), { score: 9.5, total: 20, passed: false });
  for (const id of ["none", "over", "text", "zero", "weird", "missing", "toString", "__proto__"]) {
    assert.equal(P.bestOf(rec, id), null, id);
  }
  for (const raw of [null, "", "{", "[]", "null", "3", JSON.stringify({ quizzes: [] }), JSON.stringify({ quizzes: null })]) {
    assert.equal(P.bestOf(P.parseRecord(raw), "good"), null, String(raw));
  }
});

test("scoreText says done, not passed, or not yet", () => {
  assert.equal(P.scoreText({ score: 18, total: 20, passed: true }), "已完成 · 最好成绩 18/20 分");
  assert.equal(P.scoreText({ score: 9.5, total: 20, passed: false }), "未及格 · 最好成绩 9.5/20 分");
  assert.equal(P.scoreText(null), "尚未自测");
  assert.equal(P.cardScoreText({ score: 18, total: 20, passed: true }), "自测已完成，最好成绩 18/20 分");
  assert.equal(P.cardScoreText({ score: 2, total: 3, passed: false }), "自测未及格，最好成绩 2/3 分");
  assert.equal(P.cardScoreText(null), "本周自测尚未完成");
});
