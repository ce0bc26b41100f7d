// Option shuffle per attempt (issue 15): every order reachable, fixed options stay,
// the key follows its option, old records (stored by option key) still count, and
// questions whose article was revised are never drawn into a mock exam.
const test = require("node:test");
const assert = require("node:assert/strict");
const Q = require("../../docs/assets/portal/quiz-core.js");

const single = { id: "zb-001", type: "单选", options: ["基础组织", "基层委员会", "工作机关", "派出机构"], answer: ["A"] };
const multi = { id: "zb-007", type: "多选", options: ["教育", "管理", "监督", "以上都是"], answer: ["D"], fixed: [3] };

function orders(q, n) {
  const seen = new Map();
  for (let s = 0; s < n; s++) {
    const o = Q.optionOrder(q, Q.rng(Q.questionSeed(s, q.id))).join("");
    seen.set(o, (seen.get(o) || 0) + 1);
  }
  return seen;
}

test("every order of four options is reachable, each about equally often", () => {
  const seen = orders(single, 4800);
  assert.equal(seen.size, 24);
  for (const [, n] of seen) assert.ok(n > 100 && n < 300, `uneven: ${n}`);
});

test("a permutation of the options; 以上都是 keeps its place", () => {
  const seen = orders(multi, 600);
  assert.equal(seen.size, 6);                     // 3! orders of the three others
  for (const o of seen.keys()) {
    assert.equal(o[3], "3");
    assert.deepEqual(o.split("").sort(), ["0", "1", "2", "3"]);
  }
});

test("the same seed gives the same order (a resumed exam), other seeds others", () => {
  const a = Q.optionOrder(single, Q.rng(Q.questionSeed(99, single.id)));
  assert.deepEqual(Q.optionOrder(single, Q.rng(Q.questionSeed(99, single.id))), a);
  const other = new Set([1, 2, 3, 4, 5, 6].map((s) => Q.optionOrder(single, Q.rng(Q.questionSeed(s, single.id))).join("")));
  assert.ok(other.size > 1);
});

test("the key follows its option: choosing the right text is right under every order", () => {
  for (let s = 0; s < 50; s++) {
    const order = Q.optionOrder(single, Q.rng(s));
    const shownAt = order.indexOf(0);              // where 基础组织 is shown this time
    const chosenKey = "ABCD"[order[shownAt]];      // the value its input carries
    assert.equal(Q.check(single, [chosenKey]).correct, true);
    assert.equal(Q.shownLetter(order, "A"), "ABCD"[shownAt]);
    const wrongAt = (shownAt + 1) % 4;
    assert.equal(Q.check(single, ["ABCD"[order[wrongAt]]]).correct, false);
  }
});

test("a record made before the shuffle still counts", () => {
  // version-1 records and exam sessions stored the option's own key (then equal to its letter)
  const stored = JSON.stringify({ app: Q.APP, version: 1, updated: "2026-01-01T00:00:00Z",
    questions: { "zb-007": { right: 0, wrong: 1, streak: 0, book: true, last: "2026-01-01T00:00:00Z", given: ["A", "B"] } },
    quizzes: {} });
  const m = Q.migrate(JSON.parse(stored));
  assert.equal(m.status, "ok");
  assert.deepEqual(m.record.questions["zb-007"].given, ["A", "B"]);
  const q = { id: "zb-007", type: "多选", options: ["教育", "管理", "监督", "考核"], answer: ["A", "B", "C"] };
  assert.equal(Q.check(q, ["C", "A", "B"]).correct, true);   // an old exam session's answer, in any order
  assert.equal(Q.check(q, m.record.questions["zb-007"].given).correct, false);
});

test("a question whose article was revised (note) is never drawn", () => {
  const bank = { quizzes: {}, questions: [
    { id: "a-1", type: "判断", answer: ["对"] }, { id: "a-2", type: "判断", answer: ["对"], note: "所引条文已修订，本题待复核" },
    { id: "a-3", type: "判断", answer: ["错"] }] };
  for (let s = 0; s < 20; s++) {
    const paper = Q.draw(bank, [{ type: "判断", count: 3 }], s);
    assert.deepEqual(paper.questions.map((q) => q.id).sort(), ["a-1", "a-3"]);
    assert.deepEqual(paper.short, [{ rule: 0, type: "判断", wanted: 3, got: 2 }]);
  }
});
