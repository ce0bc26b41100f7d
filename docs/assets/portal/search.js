/* Site search in the header box: the query side of portal/searchindex.py.

   The index is a set of scripts (search/manifest.js, search/s/<n>.js postings,
   search/d/<n>.js texts) that call window.__portalSearch.add(kind, n, data); they
   load by <script> injection, so search works under any sub-path and from file://.
   Nothing is loaded until the search box gets focus.

   A query is split into terms at spaces and punctuation (AND). Each term becomes
   the tokens the index was built from (overlapping bigrams of Chinese characters,
   ASCII words); a document is a candidate when it has every token of every term,
   and a result only when each term is an exact substring of its text or titles,
   so 察看 finds 留党察看 and 支部 finds 党支部. One-character queries search titles
   only. Ranking: matches in a section's own title, then in the page title, then
   type (法规 > 学习资料 > 品牌 > 自测), then occurrences.

   Content is never parsed as HTML: results are built with createElement and
   textContent. The engine (top half) has no DOM and is tested in Node. */
(function (global) {
  "use strict";

  var HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
  var HAN_RUN = new RegExp("[" + HAN + "]+", "gu");
  var WORD = /[0-9a-z]+/g;
  var SEPARATORS = new RegExp("[^0-9a-z" + HAN + "]+", "u");
  var TERMINAL = "0123456789abcdefghijklmnopqrstuv";
  var CONTINUE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&(";
  var MAX_WORD = 24;
  var PAGE_SIZE = 10;        // results verified and shown per step ("显示更多结果" adds as many)
  var MAX_CHUNKS = 3;        // text files fetched per step at most (README: 检索引擎的选择)

  /* ---------------------------------------------------------------- engine */

  // quotation marks and title marks join what they enclose: 问责条例自测 finds 《问责条例》自测
  var TRANSPARENT = /[《》〈〉“”‘’「」『』"]/g;

  /** NFKC, lower case, without quotation and title marks (portal/searchindex.py: normalize). */
  function normalize(s) {
    return String(s).normalize("NFKC").toLowerCase().replace(TRANSPARENT, "");
  }

  /** Normalised text with, for each of its UTF-16 units, the index in the original. */
  function normalizeMap(s) {
    var out = "", map = [], i = 0;
    for (var ch of String(s)) {
      var n = normalize(ch);
      for (var k = 0; k < n.length; k++) map.push(i);
      out += n;
      i += ch.length;
    }
    map.push(i);
    return { text: out, map: map };
  }

  function unique(list) {
    var seen = Object.create(null), out = [];
    list.forEach(function (x) { if (!seen[x]) { seen[x] = true; out.push(x); } });
    return out;
  }

  /** Terms of a query: normalised, split at anything but Chinese characters, letters and digits. */
  function terms(query) {
    return unique(normalize(query).split(SEPARATORS).filter(Boolean));
  }

  /** Index tokens of one term (bigrams, words) and its lone Chinese characters. */
  function tokens(term) {
    var all = [], lone = [];
    (term.match(HAN_RUN) || []).forEach(function (run) {
      var cs = Array.from(run);
      if (cs.length === 1) lone.push(cs[0]);
      for (var i = 0; i + 1 < cs.length; i++) all.push(cs[i] + cs[i + 1]);
    });
    (term.match(WORD) || []).forEach(function (w) { all.push(w.slice(0, MAX_WORD)); });
    return { all: unique(all), lone: unique(lone) };
  }

  /** 32-bit FNV-1a over UTF-16 code units (portal/searchindex.py: fnv1a). */
  function fnv1a(s) {
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  /** Delta-coded base-32 varints → ascending ids. */
  function decode(data) {
    var out = [], n = 0, prev = 0;
    for (var i = 0; i < (data || "").length; i++) {
      var d = CONTINUE.indexOf(data[i]);
      if (d >= 0) { n = n * 32 + d; continue; }
      prev += n * 32 + TERMINAL.indexOf(data[i]);
      out.push(prev);
      n = 0;
    }
    return out;
  }

  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else { out.push(a[i]); i++; j++; }
    }
    return out;
  }

  function union(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
      else if (i >= a.length || b[j] < a[i]) out.push(b[j++]);
      else { out.push(a[i]); i++; j++; }
    }
    return out;
  }

  /** Index of the last start <= id in an ascending list of starts. */
  function rangeOf(starts, id) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= id) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function count(haystack, needle) {
    var n = 0, at = haystack.indexOf(needle);
    while (at >= 0) { n++; at = haystack.indexOf(needle, at + needle.length); }
    return n;
  }

  /** Text around the first match, as [{text, mark}] segments (plain strings, never HTML). */
  function highlight(text, queryTerms, width) {
    text = String(text || "");
    var limit = width || Infinity;
    var nm = normalizeMap(text), hay = nm.text;
    var ranges = [];
    queryTerms.forEach(function (t) {
      var at = hay.indexOf(t);
      while (at >= 0) { ranges.push([at, at + t.length]); at = hay.indexOf(t, at + t.length); }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push(r.slice());
    });
    var spans = merged.map(function (r) { return [nm.map[r[0]], nm.map[r[1]]]; });
    var start = 0, end = text.length;
    if (text.length > limit) {
      var first = spans.length ? spans[0][0] : 0;
      start = Math.max(0, Math.min(first - Math.floor(limit / 4), text.length - limit));
      end = Math.min(text.length, start + limit);
      spans.forEach(function (sp) {       // never cut a match in two
        if (sp[0] < start && sp[1] > start) start = sp[0];
        if (sp[0] < end && sp[1] > end) end = sp[1];
      });
    }
    var out = [], pos = start;
    if (start > 0) out.push({ text: "…", mark: false });
    spans.forEach(function (s) {
      var a = Math.max(s[0], start), b = Math.min(s[1], end);
      if (b <= a) return;
      if (a > pos) out.push({ text: text.slice(pos, a), mark: false });
      out.push({ text: text.slice(a, b), mark: true });
      pos = b;
    });
    if (pos < end) out.push({ text: text.slice(pos, end), mark: false });
    if (end < text.length) out.push({ text: "…", mark: false });
    return out;
  }

  /**
   * The search engine over an index reached through `load(path)`, which returns a
   * promise of the data a file registered ("search/manifest.js" …). Every file carries
   * the index version (data.v); a file from another build (the site was published
   * again since the manifest was read) is refused rather than misread.
   */
  function Engine(load) {
    this.load = load;
    this.files = Object.create(null);
    this.manifest = null;
  }

  Engine.prototype.file = function (path) {
    if (!this.files[path]) {
      var self = this;
      this.files[path] = this.load(path).then(function (data) {
        if (data.v !== self.manifest.v) throw new Error("search index changed: " + path);
        return data;
      }).catch(function (err) {
        delete self.files[path];
        throw err;
      });
    }
    return this.files[path];
  };

  Engine.prototype.ready = function () {
    var self = this;
    if (!this.manifestPromise) {
      this.manifestPromise = this.load("search/manifest.js").then(function (m) {
        m.pageStarts = decode(m.p);
        m.chunkStarts = decode(m.c);
        self.manifest = m;
        return m;
      }, function (err) {
        self.manifestPromise = null;
        throw err;
      });
    }
    return this.manifestPromise;
  };

  Engine.prototype.shard = function (n) {
    return this.file("search/s/" + n + ".js?v=" + this.manifest.v);
  };

  Engine.prototype.chunk = function (n) {
    return this.file("search/d/" + n + ".js?v=" + this.manifest.v);
  };

  Engine.prototype.typeOf = function (id) {
    return rangeOf(this.manifest.ts, id);
  };

  /** Postings of the given tokens: {token: ids, "^" + token: ids}. */
  Engine.prototype.postings = function (toks) {
    var self = this, m = this.manifest;
    var shards = unique(toks.map(function (t) { return fnv1a(t) % m.s; }));
    return Promise.all(shards.map(function (n) { return self.shard(n); })).then(function (data) {
      var byShard = Object.create(null), out = Object.create(null);
      shards.forEach(function (n, i) { byShard[n] = data[i]; });
      toks.forEach(function (t) {
        var shard = byShard[fnv1a(t) % m.s];
        out[t] = decode(shard.t[t]);
        out["^" + t] = decode(shard.t["^" + t]);
      });
      return out;
    });
  };

  /** Document `id` with its page, from its text chunk (loads it). */
  Engine.prototype.doc = function (id) {
    var m = this.manifest, c = rangeOf(m.chunkStarts, id), self = this;
    return this.chunk(c).then(function (chunk) {
      var d = chunk.d[id - m.chunkStarts[c]];
      var pageNo = rangeOf(m.pageStarts, id), page = chunk.p[String(pageNo)];
      return {
        id: id, page: pageNo, url: page[0], pageTitle: page[1], anchor: d[0], title: d[1],
        context: d[2], text: d[3], type: self.typeOf(id), isPage: m.pageStarts[pageNo] === id
      };
    });
  };

  /**
   * Search. options: {type: index into manifest.t or -1, limit: results wanted}.
   * Resolves to {terms, items, total, exact, counts (per type), more}.
   */
  Engine.prototype.search = function (query, options) {
    var self = this, opts = options || {}, qterms = terms(query);
    var limit = opts.limit || PAGE_SIZE, type = opts.type == null ? -1 : opts.type;
    if (!qterms.length) return Promise.resolve(empty(qterms));
    return this.ready().then(function (m) {
      var parsed = qterms.map(function (t) { return { term: t, tok: tokens(t) }; });
      var indexed = parsed.filter(function (p) { return p.tok.all.length; });
      var titlesOnly = !indexed.length;
      var toks = titlesOnly
        ? unique([].concat.apply([], parsed.map(function (p) { return p.tok.lone; })))
        : unique([].concat.apply([], indexed.map(function (p) { return p.tok.all; })));
      return self.postings(toks).then(function (post) {
        var cand = null, titleHits = [];
        if (titlesOnly) {
          toks.forEach(function (t) {
            var ids = post["^" + t];
            cand = cand === null ? ids : intersect(cand, ids);
          });
        } else {
          indexed.forEach(function (p) {
            var any = null, inTitle = null;
            p.tok.all.forEach(function (t) {
              var both = union(post[t], post["^" + t]);
              any = any === null ? both : intersect(any, both);
              inTitle = inTitle === null ? post["^" + t] : intersect(inTitle, post["^" + t]);
            });
            if (qterms.length > 1) any = union(any, self.expandPages(inTitle));
            titleHits.push(inTitle);
            cand = cand === null ? any : intersect(cand, any);
          });
        }
        return self.rank(cand || [], titleHits, parsed, {
          limit: limit, type: type, titlesOnly: titlesOnly,
          // candidates are results when each term is one token (党费) or, for titles, one character
          exact: parsed.every(function (p) {
            return titlesOnly ? p.tok.lone.length === 1 && p.tok.lone[0] === p.term
              : p.tok.all.length === 1 && p.tok.all[0] === p.term;
          })
        });
      });
    });
  };

  /** All documents of the pages whose page document is in `ids`. */
  Engine.prototype.expandPages = function (ids) {
    var m = this.manifest, out = [];
    ids.forEach(function (id) {
      var p = rangeOf(m.pageStarts, id);
      if (m.pageStarts[p] !== id) return;
      var end = p + 1 < m.pageStarts.length ? m.pageStarts[p + 1] : m.n;
      for (var i = id; i < end; i++) out.push(i);
    });
    return out;
  };

  Engine.prototype.rank = function (cand, titleHits, parsed, opts) {
    var self = this, m = this.manifest;
    var counts = m.t.map(function () { return 0; });
    cand.forEach(function (id) { counts[self.typeOf(id)]++; });
    if (opts.type >= 0) {
      cand = cand.filter(function (id) { return self.typeOf(id) === opts.type; });
    }
    // order before reading any text: title score, type, document order
    var key = cand.map(function (id) {
      var page = m.pageStarts[rangeOf(m.pageStarts, id)], score = 0;
      titleHits.forEach(function (ids) {
        score += hasId(ids, id) ? 2 : page !== id && hasId(ids, page) ? 1 : 0;
      });
      return { id: id, score: score, type: self.typeOf(id) };
    });
    key.sort(function (a, b) {
      return b.score - a.score || a.type - b.type || a.id - b.id;
    });
    var qterms = parsed.map(function (p) { return p.term; });
    var verified = [], pos = 0, seen = Object.create(null);

    function step() {
      if (verified.length >= opts.limit || pos >= key.length) return Promise.resolve();
      var batch = [], chunks = Object.create(null), nchunks = 0;
      while (pos < key.length && batch.length < opts.limit * 2) {
        var c = rangeOf(m.chunkStarts, key[pos].id);
        if (!chunks[c]) {
          if (nchunks >= MAX_CHUNKS && batch.length) break;
          chunks[c] = true;
          nchunks++;
        }
        batch.push(key[pos++].id);
      }
      return Promise.all(batch.map(function (id) { return self.doc(id); })).then(function (docs) {
        docs.forEach(function (d) {
          var hit = self.verify(d, qterms, opts.titlesOnly), key = d.page + "#" + d.anchor;
          // a long section is stored in parts with one link: show it once
          if (hit && !seen[key]) { seen[key] = true; verified.push(hit); }
        });
        return step();
      });
    }

    return step().then(function () {
      verified.sort(function (a, b) {
        return b.score - a.score || a.doc.type - b.doc.type || b.occurrences - a.occurrences ||
          a.titleLength - b.titleLength || a.doc.id - b.doc.id;
      });
      var all = pos >= key.length;
      return {
        terms: qterms,
        items: verified.slice(0, opts.limit),
        total: all ? verified.length : key.length,
        exact: all || opts.exact,
        counts: counts,
        more: verified.length > opts.limit || !all,
        titlesOnly: opts.titlesOnly
      };
    });
  };

  /**
   * Whether every term occurs in the document, and its scores: per term 2 when in the
   * document's own title (a page's is the page title), else 1 when in its page's title;
   * occurrences in the text.
   */
  Engine.prototype.verify = function (d, qterms, titlesOnly) {
    var ownTitle = d.isPage ? d.pageTitle : d.title;
    var own = normalize(ownTitle + "\n" + (d.isPage ? "" : d.context));
    var page = normalize(d.pageTitle);
    var text = titlesOnly ? "" : normalize(d.text);
    var hay = own + "\n" + page + "\n" + text;
    var score = 0, occurrences = 0;
    for (var i = 0; i < qterms.length; i++) {
      var t = qterms[i];
      if (hay.indexOf(t) < 0) return null;
      score += own.indexOf(t) >= 0 ? 2 : page.indexOf(t) >= 0 ? 1 : 0;
      occurrences += count(text, t);
    }
    if (titlesOnly && !qterms.every(function (t) { return own.indexOf(t) >= 0; })) return null;
    return { doc: d, score: score, occurrences: occurrences, titleLength: ownTitle.length };
  };

  function hasId(sorted, id) {
    var lo = 0, hi = sorted.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] === id) return true;
      if (sorted[mid] < id) lo = mid + 1; else hi = mid - 1;
    }
    return false;
  }

  function empty(qterms) {
    return { terms: qterms, items: [], total: 0, exact: true, counts: [], more: false, titlesOnly: false };
  }

  /** An element with a class and plain text (textContent: never parsed as HTML). */
  function element(doc, tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  /** An element holding `text` with the query terms in <mark>, built node by node. */
  function markedElement(doc, tag, cls, text, qterms, width) {
    var e = element(doc, tag, cls);
    highlight(text, qterms, width).forEach(function (seg) {
      e.appendChild(seg.mark ? element(doc, "mark", null, seg.text) : doc.createTextNode(seg.text));
    });
    return e;
  }

  var api = {
    normalize: normalize, normalizeMap: normalizeMap, terms: terms, tokens: tokens, fnv1a: fnv1a,
    decode: decode, intersect: intersect, union: union, highlight: highlight, markedElement: markedElement,
    Engine: Engine
  };

  if (typeof module === "object" && module.exports) {
    module.exports = api;
    if (typeof require === "function" && require.main === module) cli(process.argv.slice(2));
    return;
  }

  /**
   * Node: `node search.js SITE_DIR QUERY…` prints, per query, one JSON line with the
   * ranked results and the bytes of index files read (each query starts cold, like a
   * browser's first query). Used by tests and portal/searchindex.py.
   */
  function cli(args) {
    var fs = require("fs"), path = require("path"), vm = require("vm");
    var site = args[0];
    (async function () {
      for (var q of args.slice(1)) {
        var bytes = 0, files = 0;
        var engine = new Engine(function (p) {
          var code = fs.readFileSync(path.join(site, p.split("?")[0]), "utf8");
          var data;
          bytes += Buffer.byteLength(code);
          files++;
          vm.runInNewContext(code, { window: { __portalSearch: { add: function (k, n, d) { data = d; } } } });
          return Promise.resolve(data);
        });
        var started = process.hrtime.bigint();
        var r = await engine.search(q, {});
        var ms = Number(process.hrtime.bigint() - started) / 1e6;
        process.stdout.write(JSON.stringify({
          query: q, bytes: bytes, files: files, total: r.total, exact: r.exact, counts: r.counts, ms: ms,
          results: r.items.map(function (h) { return h.doc.url + (h.doc.anchor ? "#" + h.doc.anchor : ""); })
        }) + "\n");
      }
    })().catch(function (err) { console.error(err); process.exitCode = 1; });
  }

  /* -------------------------------------------------------- browser side */

  var script = document.currentScript;
  var registry = Object.create(null);
  var waiting = Object.create(null);
  global.__portalSearch = {
    add: function (kind, n, data) {
      var key = kind + n;
      registry[key] = data;
      if (waiting[key]) waiting[key](data);
    }
  };

  var base = (function () {
    var src = script && script.src;
    if (src && /assets\/portal\/search\.js(\?.*)?$/.test(src)) {
      return src.replace(/assets\/portal\/search\.js(\?.*)?$/, "");
    }
    return new URL(".", location.href).href;
  })();

  function keyOf(path) {
    var m = /^search\/(?:(s|d)\/(\d+)|manifest)\.js/.exec(path);
    return m[1] ? m[1] + m[2] : "m0";
  }

  /** Load one index file by <script> injection (works from file:// and any sub-path). */
  function loadScript(path) {
    var key = keyOf(path);
    if (registry[key]) return Promise.resolve(registry[key]);
    return new Promise(function (resolve, reject) {
      var el = document.createElement("script");
      waiting[key] = resolve;
      // the manifest is read fresh on every page view: it names the version of all other files
      el.src = base + path + (key === "m0" ? "?t=" + Date.now() : "");
      el.async = true;
      el.onload = function () {
        el.remove();
        if (registry[key]) resolve(registry[key]);
        else reject(new Error("search index file registered nothing: " + path));
      };
      el.onerror = function () {
        el.remove();
        delete waiting[key];
        reject(new Error("search index file failed to load: " + path));
      };
      document.head.appendChild(el);
    });
  }

  function pageHref(url, anchor) {
    var path = url;
    if (location.protocol === "file:" && (path === "" || /\/$/.test(path))) path += "index.html";
    return base + path + (anchor ? "#" + anchor : "");
  }

  function el(tag, cls, text) {
    return element(document, tag, cls, text);
  }

  function marked(tag, cls, text, qterms, width) {
    return markedElement(document, tag, cls, text, qterms, width);
  }

  function setup() {
    var root = document.querySelector("[data-portal-search]");
    var toggle = document.getElementById("__search");
    if (!root || !toggle) return;
    var input = root.querySelector(".md-search__input");
    var form = root.querySelector(".md-search__form");
    var meta = root.querySelector(".md-search-result__meta");
    var list = root.querySelector(".md-search-result__list");
    var filters = root.querySelector(".portal-search__filters");
    var engine = new Engine(loadScript);
    // for tests and the curious: the ranked result links of a query, as the box computes them
    global.__portalSearch.search = function (q, options) {
      return engine.search(q, options).then(function (r) {
        return { total: r.total, exact: r.exact, counts: r.counts, results: r.items.map(function (h) {
          return h.doc.url + (h.doc.anchor ? "#" + h.doc.anchor : "");
        }) };
      });
    };
    var state = { query: "", type: -1, limit: PAGE_SIZE, seq: 0, result: null };
    var TEXT = {
      placeholder: meta.textContent.trim() || "输入关键词，如：党费、三会一课",
      loading: "正在加载搜索索引…",
      failed: "搜索索引加载失败或已更新，请刷新页面后重试。",
      none: "没有找到符合条件的结果",
      one: "找到 1 个结果",
      many: "找到 {n} 个结果",
      about: "找到约 {n} 个结果",
      titles: "单个字只在标题中查找：",
      more: "显示更多结果",
      inPage: "在该页上还有 {n} 个符合条件的结果",
      all: "全部"
    };

    function setToggle(value) {
      if (toggle.checked !== value) toggle.click();
    }

    function say(text) {
      meta.textContent = text;
    }

    function renderFilters(result) {
      filters.textContent = "";
      var types = engine.manifest ? engine.manifest.t : [];
      var total = result.counts.reduce(function (a, b) { return a + b; }, 0);
      var shown = result.counts.filter(function (n) { return n > 0; }).length;
      filters.hidden = !total || shown < 2 && state.type < 0;
      if (filters.hidden) return;
      [-1].concat(types.map(function (_, i) { return i; })).forEach(function (t) {
        var n = t < 0 ? total : result.counts[t];
        if (t >= 0 && !n) return;
        var b = el("button", "portal-search__chip", (t < 0 ? TEXT.all : types[t]) + " " + n);
        b.type = "button";
        b.setAttribute("aria-pressed", String(state.type === t));
        b.setAttribute("data-type", String(t));
        b.addEventListener("click", function () {
          state.type = t;
          state.limit = PAGE_SIZE;
          run(true);
          input.focus();
        });
        filters.appendChild(b);
      });
    }

    function renderItems(result) {
      list.textContent = "";
      var types = engine.manifest.t, groups = [], byPage = Object.create(null);
      result.items.forEach(function (hit) {
        var g = byPage[hit.doc.page];
        if (!g) { g = byPage[hit.doc.page] = []; groups.push(g); }
        g.push(hit);
      });
      groups.forEach(function (group) {
        var li = el("li", "md-search-result__item");
        var more = null;
        group.forEach(function (hit, i) {
          var d = hit.doc;
          var a = el("a", "md-search-result__link");
          a.href = pageHref(d.url, d.anchor);
          var art = el("article", "md-search-result__article md-typeset");
          art.setAttribute("data-md-score", String(group.length - i));
          if (i === 0) {
            art.appendChild(el("div", "md-search-result__icon md-icon"));
            var h1 = marked("h1", null, d.pageTitle, result.terms);
            h1.insertBefore(el("span", "portal-search__type portal-search__type--" + d.type, types[d.type]),
              h1.firstChild);
            art.appendChild(h1);
          }
          if (!d.isPage) {
            var where = d.context && d.context !== d.title ? d.context + " › " + d.title : d.title;
            if (where) art.appendChild(marked("h2", null, where, result.terms));
          }
          if (!result.titlesOnly && d.text) art.appendChild(marked("p", "portal-search__snippet", d.text, result.terms, 96));
          a.appendChild(art);
          if (i < 3) {
            li.appendChild(a);
          } else {
            if (!more) {
              more = el("details", "md-search-result__more");
              var summary = el("summary");
              summary.appendChild(el("div", null, TEXT.inPage.replace("{n}", String(group.length - 3))));
              more.appendChild(summary);
              li.appendChild(more);
            }
            more.appendChild(a);
          }
        });
        list.appendChild(li);
      });
      if (result.more) {
        var li = el("li", "md-search-result__item portal-search__more");
        var b = el("button", "md-button portal-search__more-button", TEXT.more);
        b.type = "button";
        b.addEventListener("click", function () {
          state.limit += PAGE_SIZE;
          run(true);
        });
        li.appendChild(b);
        list.appendChild(li);
      }
    }

    function render(result) {
      state.result = result;
      renderFilters(result);
      renderItems(result);
      var n = result.total;
      var text = !n ? TEXT.none : n === 1 && result.exact ? TEXT.one
        : (result.exact ? TEXT.many : TEXT.about).replace("{n}", String(n));
      say(result.titlesOnly && n ? TEXT.titles + text : text);
    }

    function run(force) {
      var q = input.value;
      if (!force && q === state.query) return;
      if (q !== state.query) { state.type = -1; state.limit = PAGE_SIZE; }
      state.query = q;
      var seq = ++state.seq;
      if (!terms(q).length) {
        list.textContent = "";
        filters.textContent = "";
        filters.hidden = true;
        say(TEXT.placeholder);
        return;
      }
      if (!engine.manifest) say(TEXT.loading);
      engine.search(q, { type: state.type, limit: state.limit }).then(function (result) {
        if (seq === state.seq) render(result);
      }, function () {
        if (seq === state.seq) say(TEXT.failed);
      });
    }

    var timer = 0;
    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(function () { run(false); }, 120);
    }

    input.addEventListener("focus", function () {
      // after the current click: a tap on the header's label toggles the checkbox itself
      setTimeout(function () { setToggle(true); }, 0);
      engine.ready().catch(function () { say(TEXT.failed); });
      run(false);
    });
    input.addEventListener("input", function (e) {
      if (!e.isComposing) schedule();
    });
    input.addEventListener("compositionend", schedule);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { run(false); input.focus(); }, 0);
    });
    root.addEventListener("click", function (e) {
      if (e.target instanceof Element && e.target.closest("a[href]")) setToggle(false);
    });
    var label = document.querySelector("header [for=__search]");
    if (label) label.addEventListener("click", function () { input.focus(); });

    function editable(node) {
      return node && (node.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName));
    }

    window.addEventListener("keydown", function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || e.keyCode === 229) return;
      var active = document.activeElement;
      if (!toggle.checked) {
        if ((e.key === "/" || e.key === "s" || e.key === "f") && !editable(active)) {
          e.preventDefault();
          input.focus();
          input.select();
        }
        return;
      }
      if (e.key === "Enter" && active === input) {
        e.preventDefault();
        var first = list.querySelector("a[href]");
        if (first) first.click();
      } else if (e.key === "Escape") {
        setToggle(false);
        input.blur();
      } else if (e.key === "ArrowUp" || e.key === "ArrowDown") {
        var els = [input].concat(Array.prototype.slice.call(
          list.querySelectorAll(":not(details) > a[href], summary, details[open] > a[href], .portal-search__more-button")));
        var i = Math.max(0, els.indexOf(active));
        els[(i + els.length + (e.key === "ArrowUp" ? -1 : 1)) % els.length].focus();
        e.preventDefault();
      }
    });

    toggle.addEventListener("change", function () {
      list.hidden = !toggle.checked;
      if (!toggle.checked && document.activeElement === input) input.blur();
    });
    list.hidden = !toggle.checked;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})(typeof window !== "undefined" ? window : this);
