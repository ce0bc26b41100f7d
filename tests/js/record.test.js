// The stored record: 错题本 rules, attempts and best scores, caps, migration,
// import validation and merging.
const test = require("node:test");
const assert = require("node:assert/strict");
const Q = require("../../docs/assets/portal/quiz-core.js");

const T = (n) => new Date(Date.UTC(2024, 4, 1, 8, 0, n)).toISOString();

test("a wrong answer enters the 错题本; two right answers in a row take it out", () => {
  const rec = Q.emptyRecord(T(0));
  Q.recordAnswer(rec, "q-1", false, ["B"], T(1));
  assert.deepEqual(Q.inBook(rec), ["q-1"]);
  assert.deepEqual(rec.questions["q-1"].given, ["B"]);
  Q.recordAnswer(rec, "q-1", true, ["A"], T(2));
  assert.deepEqual(Q.inBook(rec), ["q-1"], "one right answer is not enough");
  Q.recordAnswer(rec, "q-1", false, ["C"], T(3));
  Q.recordAnswer(rec, "q-1", true, ["A"], T(4));
  assert.deepEqual(Q.inBook(rec), ["q-1"], "a wrong answer restarts the count");
  Q.recordAnswer(rec, "q-1", true, ["A"], T(5));
  assert.deepEqual(Q.inBook(rec), []);
  assert.deepEqual(rec.questions["q-1"], { right: 3, wrong: 2, streak: 2, book: false, last: T(5), wrongAt: T(3), given: ["C"] });
  Q.recordAnswer(rec, "q-2", true, ["A"], T(6));
  assert.deepEqual(Q.inBook(rec), [], "a question answered right first never enters");
});

test("attempts: last 20 kept, best score and its date kept even when older", () => {
  const rec = Q.emptyRecord(T(0));
  Q.recordAttempt(rec, "quiz", { at: T(1), score: 9, total: 10, passed: true });
  for (let i = 2; i < 30; i++) Q.recordAttempt(rec, "quiz", { at: T(i), score: 5, total: 10, passed: false });
  Q.recordAttempt(rec, "quiz", { at: T(30), score: 9, total: 10, passed: true });
  assert.equal(rec.quizzes.quiz.attempts.length, Q.LIMITS.attempts);
  assert.equal(rec.quizzes.quiz.best.at, T(1), "a tie keeps the earlier date");
  assert.equal(rec.quizzes.quiz.best.score, 9);
  assert.equal(Q.recordAttempt(rec, "quiz", { at: "yesterday", score: 11, total: 10 }), null, "nonsense is refused");
});

test("the record stays bounded: oldest non-book questions go first", () => {
  const rec = Q.emptyRecord(T(0));
  const limit = Q.LIMITS.questions;
  Q.recordAnswer(rec, "old-wrong", false, [], "2023-01-01T00:00:00.000Z");   // older than all the rest
  for (let i = 0; i < limit + 10; i++) Q.recordAnswer(rec, `q-${i}`, true, [], new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString());
  assert.equal(Object.keys(rec.questions).length, limit);
  assert.ok(rec.questions["old-wrong"], "a question in the 错题本 outlives newer right answers");
  assert.equal(rec.questions["q-0"], undefined);
  assert.ok(rec.questions[`q-${limit + 9}`]);
});

test("migrate: current version passes, newer is flagged, foreign data is invalid", () => {
  const rec = Q.emptyRecord(T(0));
  Q.recordAnswer(rec, "q-1", false, ["B"], T(1));
  const same = Q.migrate(JSON.parse(JSON.stringify(rec)));
  assert.equal(same.status, "ok");
  assert.deepEqual(same.record, rec);
  assert.equal(Q.migrate({ ...rec, version: Q.VERSION + 1 }).status, "newer");
  for (const bad of [null, [], "x", 3, {}, { version: 1 }, { app: "other", version: 1 }, { ...rec, version: "1" }, { ...rec, version: 1.5 }]) {
    assert.equal(Q.migrate(bad).status, "invalid", JSON.stringify(bad));
  }
});

test("migrate runs upgrade steps in order (a step table can be supplied)", () => {
  const old = { app: Q.APP, version: 0, wrongIds: ["q-9"] };
  assert.equal(Q.migrate(old).status, "invalid", "no step from version 0 is defined");
  const steps = { 0: (d) => ({ app: d.app, version: 1, updated: T(9), quizzes: {},
    questions: Object.fromEntries(d.wrongIds.map((id) => [id, { right: 0, wrong: 1, streak: 0, book: true, last: T(9) }])) }) };
  const m = Q.migrate(old, steps);
  assert.equal(m.status, "migrated");
  assert.deepEqual(Q.inBook(m.record), ["q-9"]);
  assert.equal(Q.migrate(old, { 0: () => ({ version: 0 }) }).status, "invalid", "a step that does not advance is refused");
});

test("sanitise keeps what is valid and counts what it drops", () => {
  const m = Q.migrate({ app: Q.APP, version: 1, updated: T(0),
    questions: { "q-1": { right: 1, wrong: 2, streak: 0, book: true, last: T(1) }, "Bad Id": { right: 1, wrong: 0, streak: 1, book: false, last: T(1) },
      "q-2": { right: -1, wrong: 0, streak: 0, book: false, last: T(1) }, "q-3": "x", "q-4": { right: 1, wrong: 0, streak: 0, book: "yes", last: T(1) } },
    quizzes: { quiz: { best: { at: T(2), score: 3, total: 4 }, attempts: [{ at: T(2), score: 3, total: 4 }, { at: T(3), score: 5, total: 4 }] },
      "__proto__": { best: null, attempts: [] } } });
  assert.equal(m.status, "ok");
  assert.deepEqual(Object.keys(m.record.questions), ["q-1"]);
  assert.equal(m.record.quizzes.quiz.attempts.length, 1, "an attempt scoring above its total is dropped");
  assert.equal(m.dropped, 4);
  assert.equal(Object.getPrototypeOf(m.record.quizzes), Object.prototype);
});

test("import: refuses non-JSON, foreign and newer files with Chinese messages", () => {
  assert.match(Q.parseImport("{oops").message, /不是有效的 JSON/);
  assert.match(Q.parseImport(JSON.stringify({ hello: "world" })).message, /不是本门户导出的学习记录/);
  assert.match(Q.parseImport(JSON.stringify({ app: Q.APP, version: 99 })).message, /更新版本/);
  const rec = Q.emptyRecord(T(0));
  Q.recordAnswer(rec, "q-1", false, ["B"], T(1));
  const back = Q.parseImport("\ufeff" + Q.exportText(rec, T(2)));
  assert.equal(back.ok, true);
  assert.deepEqual(back.record, rec, "export then import round-trips");
});

test("merge: idempotent, the later answer decides the 错题本 state, attempts united", () => {
  const phone = Q.emptyRecord(T(0)), pc = Q.emptyRecord(T(0));
  Q.recordAnswer(phone, "q-1", false, ["B"], T(1));
  Q.recordAnswer(pc, "q-1", false, ["C"], T(2));
  Q.recordAnswer(pc, "q-1", true, ["A"], T(3));
  Q.recordAnswer(pc, "q-1", true, ["A"], T(4));   // left the book on the PC, later than the phone
  Q.recordAnswer(phone, "q-2", false, ["D"], T(5));
  Q.recordAttempt(phone, "quiz", { at: T(6), score: 4, total: 10 });
  Q.recordAttempt(pc, "quiz", { at: T(7), score: 8, total: 10, passed: true });
  const m = Q.merge(phone, pc);
  assert.deepEqual(Q.inBook(m).sort(), ["q-2"]);
  assert.equal(m.questions["q-1"].given[0], "C", "the most recent wrong answer is kept");
  assert.equal(m.quizzes.quiz.attempts.length, 2);
  assert.equal(m.quizzes.quiz.best.score, 8);
  assert.deepEqual(Q.merge(m, pc), m, "importing the same file again changes nothing");
  assert.deepEqual(Q.merge(m, m), m);
  assert.deepEqual(Q.merge(pc, phone).questions, m.questions, "order of merging does not matter");
});
