// 学习台账: ledger.js on the shared fixtures (tests/fixtures/ledger/), which
// tests/test_ledger.py runs through portal/ledger with the same expected results.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const L = require("../../docs/assets/portal/ledger.js");
const Q = require("../../docs/assets/portal/quiz-core.js");

const FIXTURES = path.join(__dirname, "..", "fixtures", "ledger");
const cases = fs.readdirSync(FIXTURES).filter((n) => fs.existsSync(path.join(FIXTURES, n, "case.json"))).sort();

function runCase(name) {
  const base = path.join(FIXTURES, name);
  const c = JSON.parse(fs.readFileSync(path.join(base, "case.json"), "utf8"));
  const dir = path.join(base, "files");
  const files = fs.existsSync(dir)
    ? fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")])
    : [];
  const ledger = L.aggregate(c.plan, files, c.today);
  const quarters = {};
  ledger.quarters.forEach((q) => { quarters[q.key] = L.csvText(L.sheetRows(ledger, q.key)); });
  return { ledger, csv: L.csvText(L.sheetRows(ledger)), quarters, summary: L.csvText(L.summaryRows(ledger)) };
}

for (const name of cases) {
  test(`fixture ${name}: the same ledger and CSV as portal/ledger`, () => {
    const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, name, "expected.json"), "utf8"));
    const got = JSON.parse(JSON.stringify(runCase(name)));
    assert.deepEqual(got.ledger.members, expected.ledger.members);
    assert.deepEqual(got.ledger.weeks, expected.ledger.weeks);
    assert.deepEqual(got.ledger.setAside, expected.ledger.setAside);
    assert.deepEqual(got.ledger.notes, expected.ledger.notes);
    assert.deepEqual(got, expected);
  });
}

test("dates are China dates (UTC+8) and only strict ISO date-times count", () => {
  assert.deepEqual(L.instant("2026-09-20T16:30:00.000Z"), [Date.UTC(2026, 8, 20, 16, 30) / 1000, "2026-09-21"]);
  assert.equal(L.instant("2026-09-21T00:30:00+08:00")[1], "2026-09-21");
  assert.equal(L.instant("2026-09-21T00:30:00-05:00")[1], "2026-09-21");
  for (const bad of ["2026-02-30T00:00:00Z", "2026-09-21", "昨天", "2026-09-21T24:00:00Z", "1899-12-31T00:00:00Z", 20260921]) {
    assert.equal(L.instant(bad), null, String(bad));
  }
});

test("quarters go by the week's Thursday", () => {
  assert.equal(L.quarterOf("2026-09-28"), "2026-Q4");   // Thursday 1 October
  assert.equal(L.quarterOf("2026-09-21"), "2026-Q3");
  assert.equal(L.quarterOf("2026-12-28"), "2026-Q4");   // Thursday 31 December
  assert.equal(L.quarterOf("2027-03-29"), "2027-Q2");   // Thursday 1 April
  assert.equal(L.quarterLabel("2027-Q1"), "2027年第一季度");
});

test("CSV: BOM, CRLF, quoting, and no formula from a name", () => {
  const text = L.csvText([["支部", "姓名"], ["=HYPERLINK(1)", 'a,"b"'], ["-", ""]]);
  assert.equal(text, "\ufeff支部,姓名\r\n'=HYPERLINK(1),\"a,\"\"b\"\"\"\r\n'-,\r\n");
});

test("the 提交给支部 export carries name, branch, versions and plan id; a plain export does not", () => {
  const rec = Q.emptyRecord("2026-10-01T00:00:00.000Z");
  const plain = JSON.parse(Q.exportText(rec, "2026-10-02T00:00:00.000Z"));
  assert.equal(plain.member, undefined);
  const sent = JSON.parse(Q.exportText(rec, "2026-10-02T00:00:00.000Z", { name: " 张三 ", branch: "第一党支部", site: "v1.2", plan: "2026-09-07-abcd1234" }));
  assert.deepEqual(sent.member, { name: "张三", branch: "第一党支部" });
  assert.deepEqual(sent.portal, { record: 1, site: "v1.2" });
  assert.equal(sent.plan, "2026-09-07-abcd1234");
  assert.equal(Q.parseImport(JSON.stringify(sent)).ok, true, "still imports on the 学习记录 page");
  const anon = JSON.parse(Q.exportText(rec, undefined, { name: "", branch: "", site: null, plan: null }));
  assert.equal(anon.member, undefined, "nothing to share: no member field");
});

test("a whole 机关: 3000 files are summed up in a few seconds", () => {
  const plan = { id: "p", start: "2026-09-07", quizzes: { a: "A", b: "B", c: "C", d: "D" },
    weeks: Array.from({ length: 24 }, (_, i) => ({ regulation: "r" + (i % 4), quiz: "abcd"[i % 4] })) };
  const files = [];
  for (let n = 0; n < 3000; n++) {
    const quizzes = {};
    for (const q of "abcd") {
      const attempts = [];
      for (let k = 0; k < 10; k++) {
        const at = new Date(Date.UTC(2026, 8, 7 + ((n + k * 7) % 160), 2, k)).toISOString();
        attempts.push({ at, score: (n + k) % 11, total: 10, passed: (n + k) % 11 >= 6 });
      }
      quizzes[q] = { best: attempts[3], attempts };
    }
    files.push([`m${n}.json`, JSON.stringify({ app: "dangjian-portal-quiz", version: 1, member: { name: "党员" + n, branch: "第" + (n % 40) + "支部" },
      questions: {}, quizzes })]);
  }
  const started = Date.now();
  const ledger = L.aggregate(plan, files, "2027-03-01");
  L.csvText(L.sheetRows(ledger));
  const ms = Date.now() - started;
  assert.equal(ledger.members.length, 3000);
  // a figure, not a timed assertion: speed is reported, the shared machine is noisy
  console.log(`# 3000 files aggregated in ${ms} ms`);
});
