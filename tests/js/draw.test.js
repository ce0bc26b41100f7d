// Drawing a mock-exam paper from the bank with a seeded RNG.
const test = require("node:test");
const assert = require("node:assert/strict");
const Q = require("../../docs/assets/portal/quiz-core.js");

function bank() {
  const questions = [];
  for (let i = 1; i <= 30; i++) questions.push({ id: `p-${String(i).padStart(3, "0")}`, quiz: "party", type: i % 3 ? "单选" : "判断", answer: ["A"], score: 1 });
  for (let i = 1; i <= 10; i++) questions.push({ id: `d-${String(i).padStart(3, "0")}`, quiz: "discipline", type: "单选", answer: ["A"], score: 1 });
  return { quizzes: { party: { tags: ["机关党建"] }, discipline: { tags: ["纪律"] } }, questions };
}
const rules = [{ type: "单选", count: 5, score: 2, tags: ["纪律"] }, { type: "单选", count: 8, score: 1, tags: [] }, { type: "判断", count: 4, score: 3, tags: [] }];
const ids = (paper) => paper.questions.map((q) => q.id);

test("the same seed draws the same paper; another seed another", () => {
  assert.deepEqual(ids(Q.draw(bank(), rules, 42)), ids(Q.draw(bank(), rules, 42)));
  assert.notDeepEqual(ids(Q.draw(bank(), rules, 42)), ids(Q.draw(bank(), rules, 43)));
});

test("reordering the bank does not change the paper for a seed", () => {
  const b = bank();
  b.questions.reverse();
  assert.deepEqual(ids(Q.draw(b, rules, 7)), ids(Q.draw(bank(), rules, 7)));
});

test("rules: type, count, the rule's score, tags limit the source quizzes, no question twice", () => {
  const paper = Q.draw(bank(), rules, 1);
  assert.equal(paper.questions.length, 17);
  assert.deepEqual(paper.short, []);
  const first = paper.questions.filter((q) => q.rule === 0);
  assert.equal(first.length, 5);
  assert.ok(first.every((q) => q.quiz === "discipline" && q.type === "单选" && q.score === 2));
  assert.ok(paper.questions.filter((q) => q.rule === 2).every((q) => q.type === "判断" && q.score === 3));
  assert.equal(new Set(ids(paper)).size, 17);
  assert.equal(bank().questions[0].score, 1, "the bank itself is not modified");
});

test("a pool too small is reported, not padded", () => {
  const paper = Q.draw(bank(), [{ type: "单选", count: 12, score: 1, tags: ["纪律"] }], 3);
  assert.equal(paper.questions.length, 10);
  assert.deepEqual(paper.short, [{ rule: 0, type: "单选", wanted: 12, got: 10 }]);
});

test("the RNG is uniform enough that every question can be drawn", () => {
  const seen = new Set();
  for (let seed = 0; seed < 200; seed++) Q.draw(bank(), [{ type: "判断", count: 1, score: 1 }], seed).questions.forEach((q) => seen.add(q.id));
  assert.equal(seen.size, 10);
});
