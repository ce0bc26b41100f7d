// Checklist records: stored per branch, corrupt storage set aside, progress by section,
// exported files read back, corrupt or foreign files refused with a Chinese reason.
const test = require("node:test");
const assert = require("node:assert/strict");
const C = require("../../docs/assets/portal/checklist-core.js");
const O = require("../../docs/assets/portal/checklist-overview.js");

class Mem {
  constructor(init = {}) { this.map = new Map(Object.entries(init)); }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
}
const clock = () => "2026-06-20T08:00:00.000Z";
const DEF = { id: "shili", title: "示例清单", sections: [
  { title: "甲", items: [{ id: "a1", score: 10 }, { id: "a2", score: 10 }, { id: "a3", score: 20 }] },
  { title: "乙", items: [{ id: "b1", score: 60 }] }] };

test("two branches on one computer keep separate records across a reload", () => {
  const mem = new Mem();
  const s = C.openStore(mem, clock);
  C.addBranch(s.data, "第一党支部");
  C.setItem(s.data, "第一党支部", "shili", "a1", { status: "done", note: "已完成" }, clock);
  C.addBranch(s.data, " 第二党支部 ");
  C.setItem(s.data, "第二党支部", "shili", "a1", { status: "todo" }, clock);
  assert.equal(s.save(), true);
  const again = C.openStore(mem, clock);
  assert.deepEqual(C.branchNames(again.data), ["第一党支部", "第二党支部"]);
  assert.equal(again.data.current, "第二党支部");
  assert.deepEqual(C.listEntry(again.data, "第一党支部", "shili").items.a1, { status: "done", note: "已完成" });
  C.setItem(again.data, "第一党支部", "shili", "a1", { status: "", note: "" }, clock);
  assert.equal(C.listEntry(again.data, "第一党支部", "shili").items.a1, undefined, "an emptied item is removed");
});

test("unreadable storage is set aside under another key with a notice, never deleted", () => {
  const mem = new Mem({ [C.KEY]: "{\"app\": \"dangjian-portal-checkl" });
  const s = C.openStore(mem, clock);
  assert.equal(s.notices.length, 1);
  assert.match(s.notices[0], /无法读取.*另存为备份/);
  assert.equal(mem.getItem(C.ASIDE_PREFIX + clock()), "{\"app\": \"dangjian-portal-checkl");
  assert.deepEqual(C.branchNames(s.data), []);
});

test("progress by section: 不适用 is left out, 部分 counts half of the score", () => {
  const entry = { items: { a1: { status: "done" }, a2: { status: "partial" }, a3: { status: "na" }, b1: { status: "done" } } };
  const p = C.progress(DEF, entry);
  assert.deepEqual([p.sections[0].done, p.sections[0].partial, p.sections[0].na, p.sections[0].percent], [1, 1, 1, 50]);
  assert.deepEqual(p.sections[0].open, ["a2"]);
  assert.deepEqual([p.all.done, p.all.total, p.all.percent, p.all.score, p.all.max], [2, 4, 67, 75, 80]);
  assert.equal(C.progress(DEF, null).all.todo, 4, "nothing ticked: everything is 未开始");
});

test("an exported file reads back; unknown items are dropped and counted", () => {
  const data = C.empty();
  C.addBranch(data, "第一党支部");
  C.setItem(data, "第一党支部", "shili", "a1", { status: "done", evidence: "会议记录" }, clock);
  const file = C.exportFile(data, "第一党支部", DEF, clock);
  assert.equal(C.fileName(file), "自查表-第一党支部-shili-20260620.json");
  file.items.gone = { status: "done" };
  const r = C.readFile("\uFEFF" + JSON.stringify(file), { shili: DEF });
  assert.equal(r.error, undefined);
  assert.equal(r.file.dropped, 1);
  const other = C.empty();
  assert.equal(C.importFile(other, r.file), null);
  assert.deepEqual(C.listEntry(other, "第一党支部", "shili").items, { a1: { status: "done", evidence: "会议记录" } });
});

test("corrupt, foreign and tampered files are refused with a reason", () => {
  const good = C.exportFile(Object.assign(C.empty(), { branches: { x: { lists: {} } } }), "x", DEF, clock);
  const cases = [
    ["", /空/],
    [JSON.stringify(good).slice(0, -5), /不完整或已损坏/],
    ["[1, 2]", /不是本门户导出的清单文件/],
    [JSON.stringify({ ...good, version: 9 }), /版本/],
    [JSON.stringify({ ...good, branch: "  " }), /党支部名称/],
    [JSON.stringify({ ...good, list: { id: "meiyou" } }), /没有编号为“meiyou”的清单/],
    [JSON.stringify({ ...good, items: { a1: { status: "finished" } } }), /条目“a1”的完成情况无法识别/],
  ];
  for (const [text, reason] of cases) {
    const r = C.readFile(text, { shili: DEF });
    assert.equal(r.file, undefined, text);
    assert.match(r.error, reason);
  }
});

test("the overview table and its CSV: a BOM for Excel, no cell read as a formula", () => {
  const files = [{ list: { id: "shili" }, branch: "=第一党支部", exported: "2026-06-20T08:00:00Z",
                   items: { a1: { status: "done" } } }];
  const rows = O.table(files, { shili: Object.assign({}, DEF, { sections: DEF.sections.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i, text: "条目" + i.id })) })) }) });
  assert.deepEqual(rows[1].slice(2, 9), ["甲", 1, 0, 2, 0, "33%", "a2 条目a2；a3 条目a3"]);
  assert.deepEqual(rows[3].slice(2, 9), ["合计", 1, 0, 3, 0, "25%", "3 项"]);
  const text = O.csv(rows);
  assert.ok(text.startsWith("\uFEFF清单,党支部,部分"));
  assert.ok(text.includes(",'=第一党支部,"));
});

test("the xlsx writer makes a valid stored zip with the right CRCs", () => {
  const X = require("../../docs/assets/portal/xlsx-lite.js");
  assert.equal(X.crc32(new TextEncoder().encode("123456789")), 0xCBF43926);
  assert.deepEqual([0, 25, 26, 27, 701, 702].map(X.column), ["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  const bytes = X.xlsx([["清单", "完成"], ["<a&b>", 3]], "清单汇总");
  assert.deepEqual([...bytes.slice(0, 4)], [0x50, 0x4B, 0x03, 0x04]);
  const text = new TextDecoder().decode(bytes);
  assert.ok(text.includes("&lt;a&amp;b&gt;") && text.includes("<v>3</v>") && text.includes('name="清单汇总"'));
});
