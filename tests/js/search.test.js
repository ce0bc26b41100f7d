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
  for (const run of S.joinSpaced(S.normalize(text)).match(/[\u3400-\u4dbf\u4e00-\u9fff]+/gu) || []) {
    const cs = Array.from(run);
    for (let i = 0; i + 1 < cs.length; i++) out.add(cs[i] + cs[i + 1]);
  }
  for (const w of S.normalize(text).match(/[0-9a-z]+/g) || []) out.add(w);
  return out;
}

const B64 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
const CATEGORIES = ["党章", "准则", "条例", "规定", "办法", "规则", "细则", "其他"];
const STATUSES = ["有效", "已修改", "已废止", "尚未生效"];

/** pages: [{url, title, type, category?, status?, issuer? (level 0..2), docs: [{anchor, title, context, text, key?}]}] in id
    order; as portal/search/index.py writes them (document length classes, page priors, synonyms). */
function buildIndex(pages, { shards = 3, chunkSize = 2, synonyms } = {}) {
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
  const dm = docs.map((d) => B64[Math.min(31, Math.round(Math.log(1 + d.text.length) / Math.log(1.3))) + (d.key ? 32 : 0)]);
  const pm = pages.map((p) => B64[CATEGORIES.includes(p.category)
    ? CATEGORIES.indexOf(p.category) * 4 + Math.max(0, STATUSES.indexOf(p.status || "有效")) : 63]);
  files["search/manifest.js"] = {
    v: "test", n: docs.length, s: shards, t: ["法规", "学习资料", "品牌", "自测", "其他"], ts: typeStarts,
    p: encode(pageStarts), c: encode(chunkStarts), dm: dm.join(""), pm: pm.join(""),
    ...(pages.some((p) => p.issuer != null) ? { pi: pages.map((p) => String(p.issuer ?? 2)).join("") } : {}),
    ...(synonyms ? { y: synonyms } : {}),
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
      const marks = S.highlight(text, ["问责"], width).filter((s) => s.mark);
      assert.ok(marks.length > 0, `a match is marked: ${gap} ${width}`);
      assert.ok(marks.every((s) => /^(问责)+$/.test(s.text)), `${gap} ${width}`);
    }
  }
});

test("a file from another build is refused, not misread", async () => {
  const { engine, republish } = buildIndex(SITE);
  await engine.ready();
  republish();                      // the site was published again after the manifest was read
  await assert.rejects(engine.search("党费"), /search index changed/);
});

/* ---- ranking at scale (issue: spaced headings, partial matches, BM25, priors, synonyms) ---- */

const filler = (n) => "机关工作按照有关要求开展。".repeat(n);

test("spaced heading: 党　组 is the word 党组 in headings and text, typed with or without the space", async () => {
  const { engine } = buildIndex([
    { url: "regulations/dangzhang/", title: "中国共产党章程", type: 0, category: "党章", docs: [
      { anchor: "第九章-党-组", title: "第九章　党　组", text: "" },
      { anchor: "art-48", title: "第四十八条", context: "第九章　党　组", text: "第四十八条　在中央和地方国家机关成立党组。" },
    ] },
    { url: "study/wenda/", title: "学习问答", type: 1, docs: [
      { anchor: "wd-001", title: "什么是机关党建？", text: "党组织和党组都要抓好机关党建。" },
      { anchor: "wd-002", title: "怎样设置支部？", text: "由党 组 织决定。" },
    ] },
  ]);
  assert.deepEqual(S.terms("第九章 党 组"), ["第九章党组"]);
  assert.deepEqual(S.terms("党　组"), ["党组"]);
  assert.deepEqual(S.terms("预备期 一年"), ["预备期", "一年"]);
  for (const q of ["党组", "党 组", "党　组"]) {
    const r = urls(await engine.search(q));
    assert.deepEqual(r.slice(0, 2), ["regulations/dangzhang/#第九章-党-组", "regulations/dangzhang/#art-48"], q);
    assert.ok(r.includes("study/wenda/#wd-002"), q);          // 党 组 织 in text: the space splits nothing
  }
  assert.deepEqual(urls(await engine.search("第九章 党 组")), ["regulations/dangzhang/#第九章-党-组",
    "regulations/dangzhang/#art-48"]);
  const marks = S.highlight("第九章　党　组", ["党组"]).filter((s) => s.mark).map((s) => s.text);
  assert.deepEqual(marks, ["党　组"]);                      // the original text is marked, space and all
  const before = S.highlight("不得 问责 条例", ["问责"]).filter((s) => s.mark).map((s) => s.text);
  assert.deepEqual(before, ["问责"]);                       // never the space joined away after a match
});

test("partial matches: fewer than five exact results add items holding most of the query, labelled", async () => {
  const { engine } = buildIndex([
    { url: "regulations/jiaoyu/", title: "党员教育管理工作条例", type: 0, category: "条例", docs: [
      { anchor: "art-20", title: "第二十条", text: "第二十条　党员集中轮训，党员每年参加学习培训的时间一般累计不少于32学时。" },
      { anchor: "art-21", title: "第二十一条", text: "第二十一条　组织党员认真参加党内集中学习教育。" },
      { anchor: "art-22", title: "第二十二条", text: "第二十二条　开展党员教育培训，学时另行规定。" },
    ] },
    { url: "brands/a/", title: "品牌甲", type: 2, docs: [
      { anchor: "p-1", title: "做法", text: "党员学习。" },
    ] },
  ]);
  let r = await engine.search("党员教育培训 学时");
  assert.deepEqual(urls(r), ["regulations/jiaoyu/#art-22"]);     // exact first
  assert.equal(r.total, 1);
  assert.deepEqual(partialUrls(r), ["regulations/jiaoyu/#art-20"]); // then partial, never a weak one
  assert.ok(r.items.filter((h) => h.partial).every((h) => h.marks.length));
  r = await engine.search("党员培训学时");                          // no exact result at all: never empty
  assert.equal(r.total, 0);
  assert.deepEqual(partialUrls(r).slice(0, 2).sort(), ["regulations/jiaoyu/#art-20", "regulations/jiaoyu/#art-22"]);
  assert.ok(!partialUrls(r).includes("brands/a/#p-1"));
  // enough exact results: no partial matches
  r = await engine.search("党员");
  assert.equal(r.partial, 0);
});

test("BM25: repetitions count but saturate, long texts weigh less, rare terms weigh more", async () => {
  const page = (url, text) => ({ url, title: "某规定" + url.length, type: 0, category: "规定",
    docs: [{ anchor: "art-1", title: "第一条", text }] });
  const { engine } = buildIndex([
    page("regulations/a/", "党支部每月开展主题党日。" + filler(30)),                  // once, long
    page("regulations/bb/", "主题党日由党支部组织，主题党日应当有主题。"),              // twice, short
    page("regulations/ccc/", "党支部开展主题党日。"),                                   // once, short
    page("regulations/dddd/", "党支部党支部党支部开展谈心谈话。"),                     // common term only
    page("regulations/eeeee/", "谈心谈话，主题党日。"),
    page("regulations/ffffff/", "主题党日，主题党日，党支部。"),
    page("regulations/ggggggg/", "党支部，党支部，主题党日。"),
    ...["h", "i", "j", "k"].map((x) => page(`regulations/${x.repeat(8)}/`, "党支部按期换届。")),   // 党支部 is common
  ]);
  const r = urls(await engine.search("主题党日"));
  assert.deepEqual(r.slice(0, 2).sort(), ["regulations/bb/#art-1", "regulations/ffffff/#art-1"]);   // twice
  assert.ok(r.indexOf("regulations/ccc/#art-1") < r.indexOf("regulations/a/#art-1"));
  // 主题党日 is rarer than 党支部: its repetition counts for more
  const both = urls(await engine.search("党支部 主题党日"));
  assert.ok(both.indexOf("regulations/ffffff/#art-1") < both.indexOf("regulations/ggggggg/#art-1"), both.join(" "));
});

test("priors: 党章 > 准则 > 条例 > 细则, 有效 > 已修改 > 已废止, key articles slightly up", async () => {
  const text = "第一条　党员应当参加组织生活会。";
  const reg = (url, category, status, key) => ({ url, title: "法规" + url.length, type: 0, category, status,
    docs: [{ anchor: "art-1", title: "第一条", text, key }] });
  const { engine } = buildIndex([
    reg("regulations/a/", "细则", "有效"),
    reg("regulations/bb/", "条例", "已废止"),
    reg("regulations/ccc/", "条例", "有效"),
    reg("regulations/dddd/", "党章", "有效"),
    reg("regulations/eeeee/", "条例", "已修改"),
    reg("regulations/ffffff/", "准则", "有效"),
    reg("regulations/ggggggg/", "细则", "有效", true),
  ]);
  const r = urls(await engine.search("组织生活会"));
  assert.deepEqual(r, [
    "regulations/dddd/#art-1",      // 党章
    "regulations/ffffff/#art-1",    // 准则
    "regulations/ccc/#art-1",       // 条例
    "regulations/ggggggg/#art-1",   // 细则, key article: before a 条例 that is 已修改
    "regulations/eeeee/#art-1",     // 条例, 已修改
    "regulations/a/#art-1",         // 细则
    "regulations/bb/#art-1",        // 条例, 已废止
  ]);
});

test("priors: regulations of the Party centre > of central departments > local ones (党内法规制定条例)", async () => {
  const text = "第一条　党员应当参加组织生活会。";
  const reg = (url, category, issuer) => ({ url, title: "法规" + url.length, type: 0, category, issuer,
    docs: [{ anchor: "art-1", title: "第一条", text }] });
  const { engine } = buildIndex([
    reg("regulations/a/", "规定", 2),          // e.g. 中共示例市委
    reg("regulations/bb/", "规定", 1),         // e.g. 中央组织部
    reg("regulations/ccc/", "规定", 0),        // e.g. 中共中央办公厅
    reg("regulations/dddd/", "规定", 2),       // local, a second one
    reg("regulations/eeeee/", "条例", 0),
  ]);
  assert.deepEqual(urls(await engine.search("组织生活会")), [
    "regulations/eeeee/#art-1",     // 条例 of the centre
    "regulations/ccc/#art-1",       // 规定 of the centre
    "regulations/bb/#art-1",        // 规定 of a central department
    "regulations/a/#art-1",         // 规定, local (equal priors: in id order)
    "regulations/dddd/#art-1",
  ]);
});

test("synonyms from search.yml: a term also finds its group's other words, as exact results", async () => {
  const { engine } = buildIndex([
    { url: "regulations/dangzhang/", title: "中国共产党章程", type: 0, category: "党章", docs: [
      { anchor: "art-6", title: "第六条", text: "第六条　预备党员必须面向党旗进行入党宣誓。誓词如下：我志愿加入中国共产党。" },
    ] },
  ], { synonyms: [["入党誓词", "誓词"]] });
  const r = await engine.search("入党誓词");
  assert.deepEqual(urls(r), ["regulations/dangzhang/#art-6"]);
  assert.deepEqual(r.items[0].marks, ["誓词"]);
});

test("sources: central regulations reach the first screen past titles that only repeat the words", async () => {
  // what members meet at scale: local rules and brand practices titled with the very words,
  // and the central text that lays the rule down in one sentence of a long article
  const long = "第十六条　党支部应当运用“三会一课”制度，对党员进行经常性的教育管理。" +
    "党员应当按期参加党员大会、党小组会和上党课，进行学习交流，汇报思想、工作等情况。".repeat(3) +
    "党支部应当每月开展1次主题党日，组织党员集中学习、过组织生活、进行民主议事和开展志愿服务等。";
  const pages = [];
  const central = (url, status) => ({ url, title: "中国共产党党员教育管理工作条例", type: 0, category: "条例",
    status, issuer: 0, docs: [{ anchor: "art-16", title: "第十六条", context: "第四章　日常教育和管理", text: long }] });
  pages.push(central("regulations/a-central/"));
  pages.push(central("regulations/b-central/", "已废止"));
  for (let i = 0; i < 30; i++) {
    pages.push({ url: `regulations/local-${String(i).padStart(2, "0")}/`, title: `关于开展主题党日活动的规定（第${i}号）`,
      type: 0, category: "规定", issuer: 2, docs: [
        { anchor: "第二章", title: "第二章　开展主题党日活动", text: "开展主题党日活动。" },
        { anchor: "art-3", title: "第三条", context: "第二章　开展主题党日活动", text: "第三条　党支部应当开展主题党日活动。" },
      ] });
  }
  for (let i = 0; i < 30; i++) {
    pages.push({ url: `brands/b${String(i).padStart(2, "0")}/`, title: `品牌${i}号`, type: 2, docs: [
      { anchor: "practice-1", title: "开展主题党日活动", context: "主要做法", text: "每月开展主题党日活动。" }] });
  }
  const { engine } = buildIndex(pages, { chunkSize: 2 });
  const r = await engine.search("主题党日");
  const order = [...new Set(urls(r).map((u) => u.split("#")[0]))];
  assert.ok(order.length >= 5, order.join(" "));
  assert.match(order[0], /^regulations\/local-/);                  // the best match of all stays first
  assert.equal(order[1], "regulations/a-central/");                 // then the central text
  assert.ok(urls(r).includes("regulations/a-central/#art-16"));
  assert.ok(!order.includes("regulations/b-central/"), "a repealed regulation is not moved up");
  // the brand filter shows brands only: nothing is moved into it
  const brands = await engine.search("主题党日", { type: 2 });
  assert.ok(brands.items.length && brands.items.every((h) => h.doc.type === 2));
});

test("sources: the i-th central regulation stands on result page i + 2 at the lowest, others keep their order", async () => {
  const pages = [];
  const reg = (url, issuer, text, title) => ({ url, title: title || "规定" + url, type: 0, category: "规定", issuer,
    docs: [{ anchor: "art-1", title: "第一条", text }] });
  for (let i = 0; i < 12; i++) pages.push(reg(`regulations/l${String(i).padStart(2, "0")}/`, 2, "换届选举。", "关于按期进行换届选举的规定"));
  // same length: the issuer's level decides between the two
  pages.push(reg("regulations/x1/", 0, "第八条　机关基层党组织任期届满应当按期进行换届选举，书记、副书记选举产生后报上级党组织批准。"));
  pages.push(reg("regulations/x2/", 1, "第三条　机关基层党组织任期届满应当按期进行换届选举，选举结果报上级党组织审查批准后公布施行。"));
  const { engine } = buildIndex(pages, { chunkSize: 3 });
  const r = await engine.search("换届选举");
  const order = [...new Set(urls(r).map((u) => u.split("#")[0]))];
  assert.deepEqual(order.slice(0, 5), ["regulations/l00/", "regulations/x1/", "regulations/x2/", "regulations/l01/", "regulations/l02/"]);
  // a central page that ranks first on its own merits stays first; nothing else moves
  const few = buildIndex([reg("regulations/x1/", 0, "换届选举。", "关于按期进行换届选举的规定"), pages[0], pages[1]]).engine;
  assert.deepEqual([...new Set(urls(await few.search("换届选举")).map((u) => u.split("#")[0]))],
    ["regulations/x1/", "regulations/l00/", "regulations/l01/"]);
});
