// The query side of site search (docs/assets/portal/search.js) without a browser:
// normalising, tokenising, postings, intersection, ranking and highlighting, over a
// small index built here the way portal/searchindex.py builds it.
const test = require("node:test");
const assert = require("node:assert/strict");
const S = require("../../docs/assets/portal/search.js");

const TERMINAL = "0123456789abcdefghijklmnopqrstuv";
const CONTINUE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&(";

function varint(n) {
  const digits = [];
  do { digits.unshift(n & 31); n >>>= 5; } while (n);
  return digits.slice(0, -1).map((d) => CONTINUE[d]).join("") + TERMINAL[digits[digits.length - 1]];
}
const encode = (ids) => ids.map((id, i) => varint(id - (i ? ids[i - 1] : 0))).join("");

function bigrams(text) {
  const out = new Set();
  for (const run of S.normalize(text).match(/[\u3400-\u4dbf\u4e00-\u9fff]+/gu) || []) {
    const cs = Array.from(run);
    for (let i = 0; i + 1 < cs.length; i++) out.add(cs[i] + cs[i + 1]);
  }
  for (const w of S.normalize(text).match(/[0-9a-z]+/g) || []) out.add(w);
  return out;
}

/** pages: [{url, title, type, docs: [{anchor, title, context, text}]}] in id order. */
function buildIndex(pages, { shards = 3, chunkSize = 2 } = {}) {
  const docs = [], pageStarts = [], typeStarts = [];
  pages.forEach((p, n) => {
    pageStarts.push(docs.length);
    docs.push({ page: n, anchor: "", title: "", context: "", text: p.text || "", kind: "page" });
    (p.docs || []).forEach((d) => docs.push({ page: n, kind: "item", context: "", ...d }));
  });
  for (let t = 0; t < 5; t++) {
    const i = docs.findIndex((d) => pages[d.page].type >= t);
    typeStarts.push(i < 0 ? docs.length : i);
  }
  typeStarts.push(docs.length);
  const post = new Map();
  const add = (tok, id) => { if (!post.has(tok)) post.set(tok, []); const l = post.get(tok); if (l[l.length - 1] !== id) l.push(id); };
  docs.forEach((d, id) => {
    bigrams(d.text).forEach((t) => add(t, id));
    const own = d.kind === "page" ? pages[d.page].title : d.title;
    bigrams(own + " " + d.context).forEach((t) => add("^" + t, id));
    for (const c of Array.from(S.normalize(own)).filter((c) => /[\u4e00-\u9fff]/u.test(c))) add("^" + c, id);
  });
  const files = {};
  const shardData = Array.from({ length: shards }, () => ({}));
  for (const [tok, ids] of post) shardData[S.fnv1a(tok.replace(/^\^/, "")) % shards][tok] = encode(ids);
  shardData.forEach((data, n) => { files[`search/s/${n}.js`] = { t: data }; });
  const chunkStarts = [];
  for (let i = 0; i < docs.length; i += chunkSize) {
    chunkStarts.push(i);
    const chunk = { p: {}, d: [] };
    docs.slice(i, i + chunkSize).forEach((d) => {
      chunk.p[String(d.page)] = [pages[d.page].url, pages[d.page].title];
      chunk.d.push([d.anchor || "", d.title || "", d.context || "", d.text]);
    });
    files[`search/d/${chunkStarts.length - 1}.js`] = chunk;
  }
  let version = "test";
  files["search/manifest.js"] = {
    v: "test", n: docs.length, s: shards, t: ["法规", "学习资料", "品牌", "自测", "其他"], ts: typeStarts,
    p: encode(pageStarts), c: encode(chunkStarts),
  };
  const loaded = [];
  const load = (path) => {
    loaded.push(path);
    const data = files[path.split("?")[0]];
    return data ? Promise.resolve({ ...JSON.parse(JSON.stringify(data)), v: path.endsWith("manifest.js") ? "test" : version })
      : Promise.reject(new Error("404 " + path));
  };
  return { engine: new S.Engine(load), loaded, republish: () => { version = "next"; } };
}

const SITE = [
  { url: "regulations/dangzhang/", title: "中国共产党章程", type: 0, docs: [
    { anchor: "art-8", title: "第八条", context: "第一章 党员",
      text: "第八条 每个党员，不论职务高低，都必须编入党的一个支部、小组或其他特定组织，参加党的组织生活。" },
    { anchor: "art-38", title: "第三十八条", context: "第七章 党的纪律",
      text: "第三十八条 党的纪律处分有五种：警告、严重警告、撤销党内职务、留党察看、开除党籍。留党察看最长不超过两年。" },
    { anchor: "art-8b", title: "第八条之二", context: "第一章 党员", text: "党员应当按照规定交纳党费。" },
  ] },
  { url: "regulations/dangfei/", title: "关于党费收缴、使用和管理的规定", type: 0, docs: [
    { anchor: "art-1", title: "第一条", context: "", text: "第一条 交纳党费是党员的义务。" },
  ] },
  { url: "study/wenda/", title: "机关党建学习问答", type: 1, docs: [
    { anchor: "wd-001", title: "党员不按规定交纳党费怎么办？", text: "党员不交纳党费，经教育不改的，按自行脱党处理。党费党费。" },
    { anchor: "wd-002", title: "机关党支部怎样开展三会一课？", text: "党支部应当组织党员按期参加党员大会、党小组会和上党课。" },
  ] },
  { url: "brands/hongse/", title: "红色引擎", type: 2, docs: [
    { anchor: "practice-1", title: "党费公开", context: "主要做法", text: "每季度公开党费收缴情况。" },
  ] },
  { url: "quizzes/dangzhang-zice/", title: "《党章》自测", type: 3 },
];

test("normalising: NFKC and lower case, full-width letters and digits become ASCII", () => {
  assert.equal(S.normalize("ＡＢＣ１２３　党费"), "abc123 党费");
  assert.equal(S.normalize("PDF"), "pdf");
  const m = S.normalizeMap("Ａ党𠀀b");
  assert.equal(m.text, "a党𠀀b");
  assert.deepEqual(m.map, [0, 1, 2, 2, 4, 5]);
});

test("terms: split at spaces and punctuation, normalised, without duplicates", () => {
  assert.deepEqual(S.terms("《问责条例》 第五条"), ["问责条例", "第五条"]);
  assert.deepEqual(S.terms("党费，党龄  党费"), ["党费", "党龄"]);
  assert.deepEqual(S.terms("  "), []);
  assert.deepEqual(S.terms("ＰＤＦ2019年"), ["pdf2019年"]);
});

test("tokens: overlapping bigrams of Chinese runs, ASCII words, lone characters kept apart", () => {
  assert.deepEqual(S.tokens("不交纳党费"), { all: ["不交", "交纳", "纳党", "党费"], lone: [] });
  assert.deepEqual(S.tokens("党"), { all: [], lone: ["党"] });
  assert.deepEqual(S.tokens("2019年"), { all: ["2019"], lone: ["年"] });
  assert.deepEqual(S.tokens("𠀀𠀁"), { all: ["𠀀𠀁"], lone: [] });
});

test("hash and postings match portal/searchindex.py", () => {
  // values printed by portal.searchindex.fnv1a / encode
  assert.equal(S.fnv1a("党费"), 155852700);
  assert.equal(S.fnv1a("^党费"), 31800552);
  assert.equal(S.fnv1a("a"), 3826002220);
  assert.equal(S.fnv1a("2019"), 3308014985);
  assert.equal(S.fnv1a("𠀀𠀁"), 4293839234);
  assert.deepEqual(S.decode("011t1&8&PSo"), [0, 1, 2, 31, 32, 1000, 1000000]);
  assert.deepEqual(S.decode(encode([5, 6, 700, 70000])), [5, 6, 700, 70000]);
  assert.deepEqual(S.decode(undefined), []);
});

test("intersection and union of sorted id lists", () => {
  assert.deepEqual(S.intersect([1, 3, 5, 7], [2, 3, 4, 7, 9]), [3, 7]);
  assert.deepEqual(S.intersect([], [1]), []);
  assert.deepEqual(S.union([1, 3, 5], [2, 3, 6]), [1, 2, 3, 5, 6]);
  assert.deepEqual(S.union([], [4]), [4]);
});

const link = (h) => h.doc.url + (h.doc.anchor ? "#" + h.doc.anchor : "");
const urls = (r) => r.items.filter((h) => !h.partial).map(link);          // exact results
const partialUrls = (r) => r.items.filter((h) => h.partial).map(link);   // partial matches after them

test("a word inside a longer word is found (察看 in 留党察看, 支部 in 党支部)", async () => {
  const { engine } = buildIndex(SITE);
  assert.deepEqual(urls(await engine.search("察看")), ["regulations/dangzhang/#art-38"]);
  const r = await engine.search("支部");
  assert.ok(urls(r).includes("regulations/dangzhang/#art-8"));
  assert.ok(urls(r).includes("study/wenda/#wd-002"));
});

test("all bigrams present is not enough: each term must occur as written", async () => {
  // 党员 and 员不 both occur in wd-001 … but 党员不按 only in its title; 按规定交 occurs in two docs
  const { engine } = buildIndex(SITE);
  assert.deepEqual(urls(await engine.search("交纳党费")).sort(),
    ["regulations/dangfei/#art-1", "regulations/dangzhang/#art-8b", "study/wenda/#wd-001"]);
  assert.deepEqual(urls(await engine.search("党费交纳")), []);
});

test("terms are ANDed, across the text, the section title and the page title", async () => {
  const { engine } = buildIndex(SITE);
  assert.deepEqual(urls(await engine.search("纪律 察看")), ["regulations/dangzhang/#art-38"]);
  assert.deepEqual(urls(await engine.search("党旗 察看")), []);
  // 章程 only in the page title, 察看 only in the article: the article matches
  assert.deepEqual(urls(await engine.search("章程 察看")), ["regulations/dangzhang/#art-38"]);
});

test("ranking: own title and text, own title, page title, text only", async () => {
  const { engine } = buildIndex(SITE);
  const r = await engine.search("党费");
  assert.deepEqual(urls(r), [
    "study/wenda/#wd-001",                  // own title and three times in its text
    "brands/hongse/#practice-1",            // own title and once in its text
    "regulations/dangfei/",                 // page title 关于党费…: its page document
    "regulations/dangfei/#art-1",           // page title and text
    "regulations/dangzhang/#art-8b",        // text only
  ]);
  assert.equal(r.total, 5);
  assert.equal(r.exact, true);
  assert.deepEqual(r.counts, [3, 1, 1, 0, 0]);
});

test("filtering by type keeps the counts of all types", async () => {
  const { engine } = buildIndex(SITE);
  const r = await engine.search("党费", { type: 2 });
  assert.deepEqual(urls(r), ["brands/hongse/#practice-1"]);
  assert.deepEqual(r.counts, [3, 1, 1, 0, 0]);
});

test("one character searches titles only", async () => {
  const { engine } = buildIndex(SITE);
  const r = await engine.search("章");
  assert.equal(r.titlesOnly, true);
  assert.deepEqual(urls(r), ["regulations/dangzhang/", "quizzes/dangzhang-zice/"]);
  assert.deepEqual(urls(await engine.search("费")), ["regulations/dangfei/", "study/wenda/#wd-001",
    "brands/hongse/#practice-1"]);
});

test("quizzes are found by title", async () => {
  const { engine } = buildIndex(SITE);
  assert.deepEqual(urls(await engine.search("自测")), ["quizzes/dangzhang-zice/"]);
});

test("only the shards of the query's tokens and the chunks of the shown results are read", async () => {
  const { engine, loaded } = buildIndex(SITE, { shards: 8, chunkSize: 1 });
  await engine.search("察看");
  const shards = loaded.filter((p) => p.startsWith("search/s/"));
  const chunks = loaded.filter((p) => p.startsWith("search/d/"));
  assert.equal(shards.length, 1);
  assert.equal(chunks.length, 1);
  assert.ok(loaded[0] === "search/manifest.js");
});

test("a failed index file is retried on the next query", async () => {
  let fail = true;
  const { engine } = buildIndex(SITE);
  const load = engine.load;
  engine.load = (p) => (fail && p.startsWith("search/s/") ? Promise.reject(new Error("offline")) : load(p));
  await assert.rejects(engine.search("党费"));
  fail = false;
  assert.equal((await engine.search("党费")).total, 5);
});

test("highlighting marks every match and cuts long text around the first", () => {
  const segs = S.highlight("党员应当按照规定交纳党费，党费按月交纳。", ["党费"]);
  assert.deepEqual(segs.filter((s) => s.mark).map((s) => s.text), ["党费", "党费"]);
  assert.equal(segs.map((s) => s.text).join(""), "党员应当按照规定交纳党费，党费按月交纳。");
  const long = "甲".repeat(200) + "留党察看" + "乙".repeat(200);
  const cut = S.highlight(long, ["察看"], 40);
  assert.equal(cut[0].text, "…");
  assert.equal(cut[cut.length - 1].text, "…");
  assert.ok(cut.some((s) => s.mark && s.text === "察看"));
  // full-width input still highlights the original characters
  const fw = S.highlight("ＰＤＦ文件", ["pdf"]);
  assert.deepEqual(fw.filter((s) => s.mark).map((s) => s.text), ["ＰＤＦ"]);
});

test("highlighting escapes HTML: content becomes text nodes, never markup", () => {
  const created = [];
  const fakeDoc = {
    createElement(tag) {
      const e = { tag, children: [], className: "", set innerHTML(v) { throw new Error("innerHTML used"); } };
      e.appendChild = (c) => { e.children.push(c); return c; };
      created.push(e);
      return e;
    },
    createTextNode(text) { return { text }; },
  };
  const text = '<img src=x onerror="alert(1)">党费&amp;<b>';
  const p = S.markedElement(fakeDoc, "p", "portal-search__snippet", text, ["党费"]);
  assert.equal(p.className, "portal-search__snippet");
  const parts = p.children.map((c) => (c.tag === "mark" ? `[${c.textContent}]` : c.text));
  assert.equal(parts.join(""), '<img src=x onerror="alert(1)">[党费]&amp;<b>');
  assert.deepEqual(created.map((e) => e.tag), ["p", "mark"]);
});

test("a match at the edge of the cut is never split", () => {
  for (let gap = 0; gap < 40; gap++) {
    const text = "甲".repeat(30) + "问责" + "乙".repeat(gap) + "问责" + "丙".repeat(60);
    for (let width = 20; width < 60; width++) {
      const segs = S.highlight(text, ["问责"], width);
      assert.ok(segs.filter((s) => s.mark).every((s) => /^(问责)+$/.test(s.text)), `${gap} ${width}`);
    }
  }
});

test("a file from another build is refused, not misread", async () => {
  const { engine, republish } = buildIndex(SITE);
  await engine.ready();
  republish();                      // the site was published again after the manifest was read
  await assert.rejects(engine.search("党费"), /search index changed/);
});
