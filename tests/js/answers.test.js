// Answer checking and scoring (the pure part of docs/assets/portal/quiz-core.js).
const test = require("node:test");
const assert = require("node:assert/strict");
const Q = require("../../docs/assets/portal/quiz-core.js");

const single = { id: "a-1", type: "单选", answer: ["A"], options: ["甲", "乙", "丙"], score: 2 };
const multi = { id: "a-2", type: "多选", answer: ["A", "B", "D"], options: ["甲", "乙", "丙", "丁"], score: 3 };
const judge = { id: "a-3", type: "判断", answer: ["错"], score: 1 };
const fill = { id: "a-4", type: "填空", answer: ["党费", "月|个月"], score: 4 };

test("normalise folds full-width forms, case, spaces and punctuation", () => {
  assert.equal(Q.normalise("ＡＢＣ１２３"), "abc123");
  assert.equal(Q.normalise(" 党 费。"), "党费");
  assert.equal(Q.normalise("“民主集中制”！"), "民主集中制");
  assert.equal(Q.normalise("Three  Meetings, One Lesson"), "threemeetingsonelesson");
  assert.equal(Q.normalise("\u3000三会一课\u200b"), "三会一课");
  assert.notEqual(Q.normalise("党费"), Q.normalise("党员"));
});

test("单选 and 判断: exactly the answer", () => {
  assert.equal(Q.check(single, ["A"]).correct, true);
  assert.equal(Q.check(single, ["B"]).correct, false);
  assert.equal(Q.check(single, []).answered, false);
  assert.equal(Q.check(judge, ["错"]).correct, true);
  assert.equal(Q.check(judge, ["对"]).correct, false);
});

test("多选: all and only the right letters, in any order", () => {
  assert.equal(Q.check(multi, ["D", "A", "B"]).correct, true);
  assert.equal(Q.check(multi, ["A", "B"]).correct, false, "少选 is wrong");
  assert.equal(Q.check(multi, ["A", "B", "C", "D"]).correct, false, "多选 is wrong");
  assert.equal(Q.check(multi, ["A", "A", "B", "D"]).correct, true, "a repeated letter is one choice");
});

test("填空: several blanks, alternatives, normalised comparison", () => {
  assert.deepEqual(Q.check(fill, ["党费", "月"]), { answered: true, correct: true, blanks: [true, true] });
  assert.equal(Q.check(fill, [" 党费。", "个月"]).correct, true, "spaces and punctuation ignored; second alternative accepted");
  assert.equal(Q.check(fill, ["党费", "年"]).correct, false);
  assert.deepEqual(Q.check(fill, ["党费", "年"]).blanks, [true, false]);
  assert.equal(Q.check(fill, ["月", "党费"]).correct, false, "blanks are compared in order");
  assert.equal(Q.check(fill, ["", ""]).answered, false);
  const latin = { type: "填空", answer: ["CPC|中国共产党"] };
  assert.equal(Q.check(latin, ["ｃｐｃ"]).correct, true, "full-width letters and case folded");
  const dash = { type: "填空", answer: ["——"] };
  assert.equal(Q.check(dash, ["——"]).correct, true, "an answer made only of punctuation is compared as written");
  assert.equal(Q.check(dash, ["x"]).correct, false);
  assert.equal(Q.check(dash, [""]).correct, false);
});

test("score: points per question, per type, percent rounded down, pass mark", () => {
  const s = Q.score([single, multi, judge, fill], {
    "a-1": ["A"], "a-2": ["A", "B"], "a-4": ["党费", "个月"],
  });
  assert.equal(s.score, 6);
  assert.equal(s.total, 10);
  assert.equal(s.percent, 60);
  assert.deepEqual([s.right, s.wrong, s.unanswered], [2, 1, 1]);
  assert.deepEqual(s.byType["多选"], { count: 1, right: 0, score: 0, total: 3 });
  assert.deepEqual(s.byType["填空"], { count: 1, right: 1, score: 4, total: 4 });
  assert.equal(Q.passed(6, 10, 60), true);
  assert.equal(Q.passed(6, 10, 61), false);
  assert.equal(Q.passed(2, 3, 67), false, "66.7% is below 67%");
  assert.equal(Q.passed(0, 0, 0), false, "an empty paper never passes");
});
