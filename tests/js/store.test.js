// The storage wrapper: corrupt or foreign data, refused storage (private mode) and a
// full quota never throw; unreadable data is set aside, never deleted.
const test = require("node:test");
const assert = require("node:assert/strict");
const Q = require("../../docs/assets/portal/quiz-core.js");

class Mem {
  constructor(init = {}) { this.map = new Map(Object.entries(init)); this.full = false; this.writes = 0; }
  get length() { return this.map.size; }
  key(i) { return [...this.map.keys()][i] ?? null; }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) {
    if (this.full) { const e = new Error("quota"); e.name = "QuotaExceededError"; throw e; }
    this.writes++; this.map.set(k, String(v));
  }
  removeItem(k) { this.map.delete(k); }
}
let tick = 0;
const clock = () => new Date(Date.UTC(2024, 4, 1, 8, 0, tick++)).toISOString();
const asides = (s) => [...s.map.keys()].filter((k) => k.startsWith(Q.ASIDE_PREFIX));

test("an empty storage starts a fresh record and saves it", () => {
  const mem = new Mem();
  const store = Q.openStore(mem, clock);
  assert.equal(store.mode, "local");
  assert.deepEqual(store.notices, []);
  Q.recordAnswer(store.record, "q-1", false, ["B"]);
  assert.equal(store.save(), true);
  assert.deepEqual(Q.inBook(JSON.parse(mem.getItem(Q.RECORD_KEY))), ["q-1"]);
  const again = Q.openStore(mem, clock);
  assert.deepEqual(Q.inBook(again.record), ["q-1"], "a reload reads it back");
});

for (const [name, raw] of [["broken JSON", "{\"app\": \"dangjian-portal-quiz\", \"versi"], ["foreign JSON", "[1,2,3]"], ["another app's data", "{\"app\":\"x\",\"version\":1}"]]) {
  test(`${name} is set aside under another key, with a notice, and a fresh record begins`, () => {
    const mem = new Mem({ [Q.RECORD_KEY]: raw });
    const store = Q.openStore(mem, clock);
    assert.equal(store.mode, "local");
    assert.equal(store.notices.length, 1);
    assert.match(store.notices[0].text, /无法读取.*另存为备份/);
    const kept = asides(mem);
    assert.equal(kept.length, 1);
    assert.equal(mem.getItem(kept[0]), raw, "the original text is kept byte for byte");
    assert.equal(store.asides()[0].text, raw, "and offered for download");
    assert.equal(JSON.parse(mem.getItem(Q.RECORD_KEY)).version, Q.VERSION);
  });
}

test("a partly unreadable record keeps the readable part and sets the original aside", () => {
  const rec = Q.emptyRecord(clock());
  Q.recordAnswer(rec, "q-1", false, ["B"]);
  rec.questions["q-2"] = { nonsense: true };
  const raw = JSON.stringify(rec);
  const mem = new Mem({ [Q.RECORD_KEY]: raw });
  const store = Q.openStore(mem, clock);
  assert.deepEqual(Q.inBook(store.record), ["q-1"]);
  assert.match(store.notices[0].text, /1 条内容无法识别/);
  assert.equal(mem.getItem(asides(mem)[0]), raw);
});

test("storage that refuses access (private browsing) gives a working in-memory record", () => {
  const store = Q.openStore(null, clock);
  assert.equal(store.mode, "memory");
  assert.match(store.notices[0].text, /无痕|隐私/);
  Q.recordAnswer(store.record, "q-1", false, []);
  assert.equal(store.save(), false);
  const throwing = { getItem() { throw new Error("SecurityError"); }, setItem() { throw new Error("SecurityError"); } };
  const s2 = Q.openStore(throwing, clock);
  assert.equal(s2.mode, "memory");
  assert.equal(s2.save(), false);
  assert.deepEqual(s2.asides(), []);
});

test("a full quota: save reports it once, nothing throws, the record stays in memory", () => {
  const mem = new Mem();
  const store = Q.openStore(mem, clock);
  const seen = [];
  store.onNotice = (n) => seen.push(n.key);
  mem.full = true;
  Q.recordAnswer(store.record, "q-1", false, []);
  assert.equal(store.save(), false);
  assert.equal(store.save(), false);
  assert.deepEqual(seen, ["quota"]);
  assert.match(store.notices[0].text, /存储空间已满/);
  assert.deepEqual(Q.inBook(store.record), ["q-1"]);
  mem.full = false;
  assert.equal(store.save(), true, "saving works again once there is room");
});

test("corrupt data that cannot be set aside (quota) is left untouched", () => {
  const mem = new Mem({ [Q.RECORD_KEY]: "garbage" });
  mem.full = true;
  const store = Q.openStore(mem, clock);
  assert.equal(store.mode, "memory");
  assert.match(store.notices[0].text, /原记录保持不动/);
  mem.full = false;
  Q.recordAnswer(store.record, "q-1", false, []);
  assert.equal(store.save(), false, "this page never overwrites it");
  assert.equal(mem.getItem(Q.RECORD_KEY), "garbage");
});

test("a record from a newer version is read-only, never overwritten", () => {
  const raw = JSON.stringify({ app: Q.APP, version: Q.VERSION + 1, questions: { "q-1": 1 } });
  const mem = new Mem({ [Q.RECORD_KEY]: raw });
  const store = Q.openStore(mem, clock);
  assert.equal(store.mode, "readonly");
  assert.match(store.notices[0].text, /更新版本/);
  assert.equal(store.save(), false);
  assert.equal(mem.getItem(Q.RECORD_KEY), raw);
});

test("another tab's save is merged, not overwritten", () => {
  const mem = new Mem();
  const a = Q.openStore(mem, clock), b = Q.openStore(mem, clock);
  Q.recordAnswer(a.record, "q-a", false, []);
  a.save();
  Q.recordAnswer(b.record, "q-b", false, []);
  b.save();
  assert.deepEqual(Q.inBook(JSON.parse(mem.getItem(Q.RECORD_KEY))).sort(), ["q-a", "q-b"]);
});

test("set-aside copies are removed only on request and only under their prefix", () => {
  const mem = new Mem({ [Q.RECORD_KEY]: "x", other: "keep" });
  const store = Q.openStore(mem, clock);
  const [aside] = store.asides();
  assert.equal(store.removeAside("other"), false);
  assert.equal(mem.getItem("other"), "keep");
  assert.equal(store.removeAside(aside.key), true);
  assert.deepEqual(store.asides(), []);
});
