/* Site search in the header box: the query side of portal/search/index.py.

   The index is a set of scripts (search/manifest.js, search/s/<n>.js postings,
   search/d/<n>.js texts) that call window.__portalSearch.add(kind, n, data); they
   load by <script> injection, so search works under any sub-path and from file://.
   Nothing is loaded until the search box gets focus.

   A query is split into terms at spaces and punctuation (AND); a lone Chinese
   character between spaces joins its neighbours ("党 组" is 党组). A term is looked up
   by its bigrams (every other one, each character in one) and ASCII words, or by the
   words of its synonym group (search.yml); a document is a result only when each term
   (or a synonym) occurs in its text or titles as written, so 察看 finds 留党察看 and
   支部 finds 党支部. Spaces between two Chinese characters never split a word
   ("第九章　党　组"). One-character queries search titles only.

   Ranking: BM25 (idf, saturation, length) per term, plus a weight for a term in the
   item's own title, in its chapter/section heading, or in its page title; terms close
   together count more; times priors (type, regulation rank, issuer and status, key article).
   When fewer exact results than a screen holds, partial matches follow, labelled:
   items covering at least half of the query, ranked by coverage and proximity.

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
  var VERIFY_CHUNKS = 10;    // text files read to find a screen of exact results, at most
  var PARTIAL_CHUNKS = 8;    // text files read for partial matches, at most
  var B64 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var LENGTH_BASE = 1.3;     // document lengths in the manifest: round(log_1.3(1 + characters))
  var K1 = 1.2, B = 0.75;    // BM25: saturation of repetitions, weight of the document's length
  var TITLE_WEIGHT = 2.5;    // a term in the item's own title
  var HEADING_WEIGHT = 1.5;  // a term in the chapter/section heading the item sits in
  var PER_PAGE = 3;          // items of one page shown before the others' (the box folds the rest)
  var PAGE_WEIGHT = 0.8;     // a term in the title of the page the item is on
  var PROXIMITY = 0.2;       // several terms within a short stretch of text
  var PROXIMITY_PARTIAL = 1; // partial matches: pieces of the query close together count double
  var NEAR = 24;             // characters between the terms that still count as close
  var FEW = PAGE_SIZE;       // fewer exact results than a screen holds: partial matches fill it
  var PARTIAL_MIN = 0.5;     // share of the query (rarity-weighted bigrams) a partial match covers
  var PARTIAL_MAX = 300;     // partial candidates considered
  // priors: 党章 准则 条例 规定 办法 规则 细则 其他 (portal/search/index.py: CATEGORIES)
  var CATEGORY_PRIOR = [0.30, 0.22, 0.16, 0.11, 0.07, 0.04, 0.02, 0];
  var STATUS_PRIOR = [0, -0.12, -0.25, -0.05];          // 有效 已修改 已废止 尚未生效
  // issuer level (党内法规制定条例: 中央 > 部委 > 地方; index.py: issuer_level)
  var ISSUER_PRIOR = [0.15, 0.08, 0];                    // 党中央, 中央纪委/中央部门, other
  var TYPE_PRIOR = [0.1, 0.1, 0, -0.2, -0.1];           // 法规 学习资料 品牌 自测 其他
  var KEY_PRIOR = 0.08;                                  // an article the editors marked key
  // the sources: regulations of the Party centre and central departments (issuer level 0, 1),
  // not repealed. Their best pages are moved up to the first screen, the i-th of them to
  // result page i + 2 at the lowest, so titles that merely repeat the words (a local
  // implementing rule, a brand's practice) never hide what the central texts say.
  var SOURCE_PAGES = 3;
  var SOURCE_CHUNKS = 4;     // text files read to find them, at most

  /* ---------------------------------------------------------------- engine */

  // quotation marks and title marks join what they enclose: 问责条例自测 finds 《问责条例》自测
  var TRANSPARENT = /[《》〈〉“”‘’「」『』"]/g;

  /** NFKC, lower case, without quotation and title marks (portal/searchindex.py: normalize). */
  function normalize(s) {
    return String(s).normalize("NFKC").toLowerCase().replace(TRANSPARENT, "");
  }

  var SPACED = new RegExp("(?<=[" + HAN + "])\\s+(?=[" + HAN + "])", "gu");

  /** Whitespace between two Chinese characters removed: official texts space out short
      headings ("第九章　党　组"), which must still read as words (index.py: join_spaced). */
  function joinSpaced(s) {
    return s.replace(SPACED, "");
  }

  /** Normalised text (spaces between Chinese characters removed) with, for each of its
      UTF-16 units, the index in the original. */
  function normalizeMap(s) {
    var out = "", map = [], i = 0;
    for (var ch of String(s)) {
      var n = normalize(ch);
      for (var k = 0; k < n.length; k++) map.push(i);
      out += n;
      i += ch.length;
    }
    map.push(i);
    var text = "", kept = [], last = 0, match;
    SPACED.lastIndex = 0;
    while ((match = SPACED.exec(out))) {
      text += out.slice(last, match.index);
      kept = kept.concat(map.slice(last, match.index));
      last = match.index + match[0].length;
    }
    text += out.slice(last);
    kept = kept.concat(map.slice(last));
    return { text: text, map: kept };
  }

  function unique(list) {
    var seen = Object.create(null), out = [];
    list.forEach(function (x) { if (!seen[x]) { seen[x] = true; out.push(x); } });
    return out;
  }

  var LONE_HAN = new RegExp("^[" + HAN + "]$", "u");
  var ENDS_HAN = new RegExp("[" + HAN + "]$", "u");
  var STARTS_HAN = new RegExp("^[" + HAN + "]", "u");

  /**
   * Terms of a query: normalised, split at anything but Chinese characters, letters and
   * digits. A lone Chinese character between spaces belongs to its neighbours: "党 组"
   * (typed or copied from a spaced heading) is 党组; "预备期 一年" stays two terms.
   */
  function terms(query) {
    var parts = normalize(query).split(/\s+/).filter(Boolean), glued = [];
    parts.forEach(function (part) {
      var prev = glued[glued.length - 1];
      if (prev && ENDS_HAN.test(prev) && STARTS_HAN.test(part) &&
          (LONE_HAN.test(prev.split(SEPARATORS).pop()) || LONE_HAN.test(part.split(SEPARATORS)[0]))) {
        glued[glued.length - 1] = prev + part;
      } else {
        glued.push(part);
      }
    });
    return unique([].concat.apply([], glued.map(function (g) { return g.split(SEPARATORS); })).filter(Boolean));
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

  var SEGMENT = new RegExp("[" + HAN + "]+|[0-9a-z]+", "gu");

  /**
   * The tokens a term is looked up by: every other bigram of each Chinese run (and the
   * last), so that each character is in one, and its ASCII words. Fewer postings files to
   * read than all bigrams (a long term such as 党员教育管理工作条例 needs five, not nine);
   * results are still checked against the text as written. spans: the characters each
   * token covers, counted over the term's runs of two or more characters and its words.
   */
  function coverOf(term) {
    var toks = [], spans = [], pos = 0;
    (term.match(SEGMENT) || []).forEach(function (seg) {
      if (/^[0-9a-z]+$/.test(seg)) {
        toks.push(seg.slice(0, MAX_WORD));
        spans.push([pos, pos + 1]);
        pos += 1;
        return;
      }
      var cs = Array.from(seg);
      if (cs.length < 2) return;
      for (var i = 0; i + 1 < cs.length; i++) {
        if (i % 2 === 0 || i === cs.length - 2) {
          toks.push(cs[i] + cs[i + 1]);
          spans.push([pos + i, pos + i + 2]);
        }
      }
      pos += cs.length;
    });
    return { toks: toks, spans: spans, n: pos };
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
    var spans = merged.map(function (r) {      // up to the end of the last character matched
      var last = nm.map[r[1] - 1];                // (not a space joined away after it)
      return [nm.map[r[0]], last + (text.codePointAt(last) > 0xffff ? 2 : 1)];
    });
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
        m.synonyms = m.y || [];
        if (m.dm) {                   // per document: length class + 32 × key article
          m.docLengths = new Float64Array(m.dm.length);
          m.docKeys = new Uint8Array(m.dm.length);
          var total = 0;
          for (var i = 0; i < m.dm.length; i++) {
            var code = B64.indexOf(m.dm[i]);
            m.docLengths[i] = Math.pow(LENGTH_BASE, code & 31) - 1;
            m.docKeys[i] = code >> 5;
            total += m.docLengths[i];
          }
          m.avgLength = total / (m.dm.length || 1);
        }
        if (m.pm) m.pageCodes = Array.from(m.pm, function (c) { return B64.indexOf(c); });
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
   * Resolves to {terms, items, total, exact, counts (per type), more, partial}: items are
   * the exact results first, then (when fewer than FEW items match every term) partial
   * matches, marked `partial: true`.
   */
  Engine.prototype.search = function (query, options) {
    var self = this, opts = options || {}, qterms = terms(query);
    var limit = opts.limit || PAGE_SIZE, type = opts.type == null ? -1 : opts.type;
    if (!qterms.length) return Promise.resolve(empty(qterms));
    return this.ready().then(function (m) {
      var parsed = qterms.map(function (t) {
        var alts = unique([t].concat(synonymsOf(m.synonyms, t))).map(function (a) {
          return { text: a, tok: tokens(a), cov: coverOf(a) };
        });
        return { term: t, tok: tokens(t), alts: alts };
      });
      var indexed = parsed.filter(function (p) { return p.tok.all.length; });
      var titlesOnly = !indexed.length;
      var toks = titlesOnly
        ? unique([].concat.apply([], parsed.map(function (p) { return p.tok.lone; })))
        : unique([].concat.apply([], indexed.map(function (p) {
          return [].concat.apply([], p.alts.map(function (a) { return a.cov.toks; }));
        })));
      return self.postings(toks).then(function (post) {
        var cand = null;
        if (titlesOnly) {
          toks.forEach(function (t) {
            var ids = post["^" + t];
            cand = cand === null ? ids : intersect(cand, ids);
          });
        } else {
          indexed.forEach(function (p) {
            var any = [], inTitle = [];
            p.alts.forEach(function (a) {
              if (!a.cov.toks.length) return;
              var both = null, title = null;
              a.cov.toks.forEach(function (t) {
                both = both === null ? union(post[t], post["^" + t]) : intersect(both, union(post[t], post["^" + t]));
                title = title === null ? post["^" + t] : intersect(title, post["^" + t]);
              });
              any = union(any, both);
              inTitle = union(inTitle, title);
            });
            if (qterms.length > 1) any = union(any, self.expandPages(inTitle));
            p.ids = any;
            p.titleIds = inTitle;
            p.idf = idf(m.n, any.length);
            cand = cand === null ? any : intersect(cand, any);
          });
        }
        return self.rank(cand || [], parsed, post, {
          limit: limit, type: type, titlesOnly: titlesOnly,
          // candidates are results when each term is one token (党费) or, for titles, one character
          exact: parsed.every(function (p) {
            return p.alts.length === 1 && (titlesOnly ? p.tok.lone.length === 1 && p.tok.lone[0] === p.term
              : p.tok.all.length === 1 && p.tok.all[0] === p.term);
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

  /** Prior of a document: its type, its regulation's rank, issuer and status, a key article. */
  Engine.prototype.prior = function (id) {
    var m = this.manifest, p = TYPE_PRIOR[this.typeOf(id)] || 0;
    var code = m.pageCodes ? m.pageCodes[rangeOf(m.pageStarts, id)] : 63;
    if (code < 32) {
      p += CATEGORY_PRIOR[code >> 2] + STATUS_PRIOR[code & 3];
      if (m.pi) p += ISSUER_PRIOR[+m.pi[rangeOf(m.pageStarts, id)]] || 0;
    }
    if (m.docKeys && m.docKeys[id]) p += KEY_PRIOR;
    return p;
  };

  /** BM25 weight of `tf` occurrences in a document of `len` characters. */
  Engine.prototype.saturate = function (tf, len) {
    if (!tf) return 0;
    var avg = this.manifest.avgLength || len || 1;
    return tf * (K1 + 1) / (tf + K1 * (1 - B + B * len / avg));
  };

  Engine.prototype.docLength = function (id) {
    var m = this.manifest;
    return m.docLengths ? m.docLengths[id] : (m.avgLength || 1);
  };

  Engine.prototype.rank = function (cand, parsed, post, opts) {
    var self = this, m = this.manifest;
    var indexed = parsed.filter(function (p) { return p.tok.all.length; });
    var counts = m.t.map(function () { return 0; });
    cand.forEach(function (id) { counts[self.typeOf(id)]++; });
    var inType = function (id) { return opts.type < 0 || self.typeOf(id) === opts.type; };
    cand = cand.filter(inType);
    // order before reading any text: BM25 with one occurrence, titles, priors
    var key = cand.map(function (id) {
      var page = m.pageStarts[rangeOf(m.pageStarts, id)], score = 0, body = self.saturate(1, self.docLength(id));
      indexed.forEach(function (p) {
        var title = hasId(p.titleIds, id) ? TITLE_WEIGHT : page !== id && hasId(p.titleIds, page) ? PAGE_WEIGHT : 0;
        score += p.idf * (body + title);
      });
      return { id: id, score: score * (1 + self.prior(id)) };
    });
    key.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    var verified = [], seen = Object.create(null);

    var budget = VERIFY_CHUNKS * Math.ceil(opts.limit / PAGE_SIZE);
    var check = function (d) { return self.verify(d, parsed, opts.titlesOnly); };
    var pos = 0;
    return this.verifyAll(key, opts.limit, verified, check, seen, budget).then(function (n) {
      pos = n;
      return opts.titlesOnly ? [] : self.sources(key, check, seen);
    }).then(function (extra) {
      verified = verified.concat(extra).sort(byScore);
      var sources = sourcePages(verified.filter(function (h) { return self.isSource(h.doc.id); }));
      var all = pos >= key.length, items = screen(promote(verified, sources), opts.limit);
      var result = {
        terms: parsed.map(function (p) { return p.term; }),
        items: items,
        total: all ? verified.length : key.length,
        exact: all || opts.exact,
        counts: counts,
        more: verified.length > items.length || !all,
        titlesOnly: opts.titlesOnly,
        partial: 0
      };
      if (opts.titlesOnly || verified.length >= FEW || !indexed.length) return result;
      return self.partial(parsed, post, seen, inType, opts.limit - result.items.length).then(function (hits) {
        result.items = result.items.concat(hits);
        result.partial = hits.length;
        return result;
      });
    });
  };

  /** Whether a document is in a regulation of the centre or a central department, not repealed. */
  Engine.prototype.isSource = function (id) {
    var m = this.manifest;
    if (!m.pi || !m.pageCodes || this.typeOf(id) !== 0) return false;
    var p = rangeOf(m.pageStarts, id), code = m.pageCodes[p];
    return code < 32 && (code & 3) !== 2 && +m.pi[p] < 2;
  };

  /** Verified hits among the candidates in the central regulations that the ranked pass
      did not reach (`seen` holds what it verified). */
  Engine.prototype.sources = function (key, check, seen) {
    var self = this, mine = key.filter(function (k) { return self.isSource(k.id); }), hits = [];
    if (!mine.length) return Promise.resolve(hits);
    return this.verifyAll(mine, SOURCE_PAGES * PER_PAGE, hits, check, seen, SOURCE_CHUNKS).then(function () {
      return hits;
    });
  };

  /**
   * Verify candidates in ranked order, reading the text files of a few at a time, until
   * `limit` documents passed `check`; resolves to the number of candidates looked at.
   */
  Engine.prototype.verifyAll = function (key, limit, verified, check, seen, budget) {
    var self = this, m = this.manifest, pos = 0, shown = 0, perPage = Object.create(null);
    var read = Object.create(null), nread = 0;       // text files read: at most `budget`
    function step() {
      if (shown >= limit || pos >= key.length || nread >= budget) return Promise.resolve(pos);
      var batch = [], chunks = Object.create(null), nchunks = 0;
      while (pos < key.length && batch.length < limit * 2) {
        var c = rangeOf(m.chunkStarts, key[pos].id);
        if (!chunks[c]) {
          if ((nchunks >= MAX_CHUNKS || (!read[c] && nread >= budget)) && batch.length) break;
          chunks[c] = true;
          nchunks++;
          if (!read[c]) { read[c] = true; nread++; }
        }
        batch.push(key[pos++].id);
      }
      return Promise.all(batch.map(function (id) { return self.doc(id); })).then(function (docs) {
        docs.forEach(function (d) {
          var k = d.page + "#" + d.anchor;
          if (seen[k]) return;                 // a long section is stored in parts with one link: once
          var hit = check(d);
          if (!hit) return;
          seen[k] = true;
          verified.push(hit);
          perPage[d.page] = (perPage[d.page] || 0) + 1;
          if (perPage[d.page] <= PER_PAGE) shown++;       // a page's further items are folded away
        });
        return step();
      });
    }
    return step();
  };

  /** The normalised texts of a document that a query is matched against. */
  function haystacks(d, titlesOnly) {
    var title = joinSpaced(normalize(d.isPage ? d.pageTitle : d.title));
    var context = d.isPage ? "" : joinSpaced(normalize(d.context));
    var page = joinSpaced(normalize(d.pageTitle));
    var text = titlesOnly ? "" : joinSpaced(normalize(d.text));
    return { title: title, context: context, own: title + "\n" + context, page: page, text: text,
      all: title + "\n" + context + "\n" + page + "\n" + text };
  }

  /**
   * Whether every term (or one of its synonyms) occurs in the document, and its score:
   * per term idf × (BM25 of its occurrences in the text + a title weight when in the
   * document's own title or chapter heading, less when in its page's title), more when
   * the terms stand close together, times the document's prior.
   */
  Engine.prototype.verify = function (d, parsed, titlesOnly) {
    var h = haystacks(d, titlesOnly), len = h.text.length, score = 0, marks = [], found = [];
    for (var i = 0; i < parsed.length; i++) {
      var p = parsed[i], best = null, bestScore = -1;
      for (var j = 0; j < p.alts.length; j++) {
        var a = p.alts[j].text;
        if (h.all.indexOf(a) < 0) continue;
        if (titlesOnly && h.own.indexOf(a) < 0) continue;
        var title = h.title.indexOf(a) >= 0 ? TITLE_WEIGHT : h.context.indexOf(a) >= 0 ? HEADING_WEIGHT
          : h.page.indexOf(a) >= 0 ? PAGE_WEIGHT : 0;
        var s = (p.idf || 1) * (this.saturate(count(h.text, a), len) + title);
        if (s > bestScore) { bestScore = s; best = a; }
      }
      if (best === null) return null;
      score += bestScore;
      marks.push(best);
      found.push(best);
    }
    if (found.length > 1 && closeTogether(h.text, found)) score *= 1 + PROXIMITY;
    return { doc: d, score: score * (1 + this.prior(d.id)), marks: marks, partial: false };
  };

  /**
   * Partial matches: documents holding enough of the query's bigrams (weighted by how
   * rare each is), ranked by that coverage, the longest piece of each term found as
   * written, and how close the pieces stand; never a document already shown.
   */
  Engine.prototype.partial = function (parsed, post, seen, inType, limit) {
    var self = this, m = this.manifest;
    if (limit <= 0) return Promise.resolve([]);
    var units = [];                          // one per term alternative that has bigrams
    parsed.forEach(function (p, pi) {
      p.alts.forEach(function (a) {
        if (!a.cov.toks.length) return;
        // a bigram found nowhere (across two words: 员培 in 党员培训) cannot be covered: it weighs nothing
        var weights = a.cov.toks.map(function (t) {
          var df = union(post[t], post["^" + t]).length;
          return df ? idf(m.n, df) : 0;
        });
        units.push({ term: pi, alt: a, weights: weights, total: weights.reduce(sum, 0),
          rarest: Math.max.apply(null, weights) });
        if (!units[units.length - 1].total) units.pop();
      });
    });
    // a term weighs as much as it is rare: as its rarest bigram (a long term is not worth more)
    var terms = parsed.length, termWeight = [];
    parsed.forEach(function (p, pi) {
      termWeight[pi] = Math.max.apply(null, units.filter(function (u) { return u.term === pi; })
        .map(function (u) { return u.rarest; }).concat([0]));
    });
    var whole = termWeight.reduce(sum, 0);
    if (!whole) return Promise.resolve([]);
    // coverage per document: for each term, its best alternative's share of bigram weight
    var acc = new Map();
    units.forEach(function (u, ui) {
      u.alt.cov.toks.forEach(function (t, k) {
        union(post[t], post["^" + t]).forEach(function (id) {
          var row = acc.get(id);
          if (!row) { row = new Int32Array(units.length); acc.set(id, row); }
          if (k < 31) row[ui] |= 1 << k;
        });
      });
    });
    var key = [];
    acc.forEach(function (row, id) {
      if (!inType(id)) return;
      var best = new Float64Array(terms);
      units.forEach(function (u, ui) {
        best[u.term] = Math.max(best[u.term], charCover(u.weights, row[ui], u.alt.cov) * termWeight[u.term]);
      });
      var covered = best.reduce(sum, 0) / whole;
      if (covered < PARTIAL_MIN) return;
      key.push({ id: id, score: covered * covered * (1 + 0.3 * self.saturate(1, self.docLength(id))) * (1 + self.prior(id)) });
    });
    key.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    key = key.slice(0, PARTIAL_MAX);
    var hits = [];
    return this.verifyAll(key, limit, hits, function (d) {
      return self.verifyPartial(d, parsed, units, termWeight, whole);
    }, seen, PARTIAL_CHUNKS).then(function () {
      return screen(hits.sort(byScore), limit);
    });
  };

  /** Score of a partial match from its text: how much of each term it covers, in pieces
      as long as possible, and how close together those pieces stand. */
  Engine.prototype.verifyPartial = function (d, parsed, units, termWeight, whole) {
    var h = haystacks(d, false), best = [], pieces = [];
    units.forEach(function (u) {
      var cs = Array.from(u.alt.text), mask = 0;
      u.alt.cov.toks.forEach(function (t, k) { if (k < 31 && h.all.indexOf(t) >= 0) mask |= 1 << k; });
      var found = piecesOf(cs, h.all), inPieces = found.reduce(function (n, p) { return n + Array.from(p).length; }, 0);
      // half for the share of its characters covered, half for the share found in pieces as written
      var cover = 0.5 * charCover(u.weights, mask, u.alt.cov) + 0.5 * inPieces / cs.length;
      if (!(best[u.term] >= cover)) { best[u.term] = cover; pieces[u.term] = found; }
    });
    var covered = 0;
    termWeight.forEach(function (w, i) { covered += (best[i] || 0) * w; });
    covered /= whole;
    if (covered < PARTIAL_MIN / 2) return null;
    var marks = [].concat.apply([], pieces.filter(Boolean));
    if (!marks.length) return null;
    var gap = marks.length > 1 ? spread(h.all, marks) : covered >= 1 ? 0 : NEAR;
    var score = covered * covered * (1 + PROXIMITY_PARTIAL * NEAR / (NEAR + gap)) *
      (1 + 0.3 * this.saturate(1, h.text.length));
    return { doc: d, score: score * (1 + this.prior(d.id)), marks: marks, partial: true };
  };

  /** A term as the longest pieces (two characters or more) that occur in `hay`, left to right. */
  function piecesOf(cs, hay) {
    var out = [], i = 0;
    while (i < cs.length - 1) {
      var j = cs.length;
      while (j - i >= 2 && hay.indexOf(cs.slice(i, j).join("")) < 0) j--;
      if (j - i >= 2) { out.push(cs.slice(i, j).join("")); i = j; } else i++;
    }
    return out;
  }

  /**
   * How much of a term a document covers: each of its characters counts as much as the
   * rarest token of the term that holds it could, and is covered as much as the rarest
   * token found that holds it (党员权利 in "党员享有下列权利": 党员 and 权利 cover all four
   * characters). `mask`: tokens found (bit k: token k of `cov`).
   */
  function charCover(weights, mask, cov) {
    var possible = new Float64Array(cov.n), covered = new Float64Array(cov.n);
    cov.spans.forEach(function (span, k) {
      for (var c = span[0]; c < span[1]; c++) {
        possible[c] = Math.max(possible[c], weights[k]);
        if (k < 31 && mask & (1 << k)) covered[c] = Math.max(covered[c], weights[k]);
      }
    });
    var p = possible.reduce(sum, 0);
    return p ? covered.reduce(sum, 0) / p : 0;
  }

  /** The longest piece of `cs` (characters) that occurs in `hay` ("" when none). */
  function longestPiece(cs, hay) {
    for (var n = cs.length; n >= 2; n--) {
      for (var i = 0; i + n <= cs.length; i++) {
        var piece = cs.slice(i, i + n).join("");
        if (hay.indexOf(piece) >= 0) return piece;
      }
    }
    return "";
  }

  /** Whether one occurrence of each needle lies within a short window of the text. */
  function closeTogether(text, needles) {
    return spread(text, needles) <= NEAR;
  }

  /** Characters between the needles where one occurrence of each stands closest (Infinity
      when one is missing). */
  function spread(text, needles) {
    var occ = [];
    needles.forEach(function (n, i) {
      var at = text.indexOf(n), k = 0;
      while (at >= 0 && k++ < 50) { occ.push([at, i, n.length]); at = text.indexOf(n, at + 1); }
    });
    occ.sort(function (a, b) { return a[0] - b[0]; });
    var have = Object.create(null), distinct = 0, lo = 0, width = Infinity;
    for (var hi = 0; hi < occ.length; hi++) {
      if (!have[occ[hi][1]]++) distinct++;
      while (distinct === needles.length) {
        width = Math.min(width, occ[hi][0] + occ[hi][2] - occ[lo][0]);
        if (!--have[occ[lo][1]]) distinct--;
        lo++;
      }
    }
    var span = needles.reduce(function (n, s) { return n + s.length; }, 0);
    return Math.max(0, width - span);
  }

  /** The ranked hits of one screen: `limit` items in view, where the box shows PER_PAGE
      items of a page and folds its further ones away (they come along, not counted). */
  function screen(hits, limit) {
    var perPage = Object.create(null), shown = 0, out = [];
    hits.forEach(function (h) {
      var n = perPage[h.doc.page] || 0;
      if (n >= PER_PAGE ? true : shown < limit) {
        if (n < PER_PAGE) shown++;
        perPage[h.doc.page] = n + 1;
        out.push(h);
      }
    });
    return out;
  }

  /** The pages of the best source hits (score order), SOURCE_PAGES at most. */
  function sourcePages(hits) {
    var pages = [];
    hits.forEach(function (h) {
      if (pages.length < SOURCE_PAGES && pages.indexOf(h.doc.page) < 0) pages.push(h.doc.page);
    });
    return pages;
  }

  /**
   * Hits in score order with the source pages moved up: the i-th of `pages` stands on
   * result page i + 2 at the lowest (the best match of all keeps the first place). A moved
   * page's hits come together; everything else keeps its order.
   */
  function promote(hits, pages) {
    var at = Object.create(null), n = 0;
    hits.forEach(function (h) { if (!(h.doc.page in at)) at[h.doc.page] = n++; });
    var moved = Object.create(null), slots = [];
    pages.forEach(function (p, i) {
      if (at[p] > i + 1) { moved[p] = true; slots.push({ page: p, at: i + 1 }); }
    });
    if (!slots.length) return hits;
    var out = [], started = Object.create(null), distinct = 0;
    function emit(p) {
      hits.forEach(function (h) { if (h.doc.page === p) out.push(h); });
      distinct++;
    }
    hits.forEach(function (h) {
      var p = h.doc.page;
      if (moved[p]) return;
      if (!started[p]) {
        while (slots.length && slots[0].at <= distinct) emit(slots.shift().page);
        started[p] = true;
        distinct++;
      }
      out.push(h);
    });
    while (slots.length) emit(slots.shift().page);
    return out;
  }

  function byScore(a, b) {
    return b.score - a.score || a.doc.id - b.doc.id;
  }

  function sum(a, b) { return a + b; }

  /** BM25's inverse document frequency. */
  function idf(n, df) {
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Other words of the editors' synonym groups (search.yml) for a query term. */
  function synonymsOf(groups, term) {
    var out = [];
    (groups || []).forEach(function (g) {
      if (g.indexOf(term) >= 0) g.forEach(function (w) { if (w !== term) out.push(w); });
    });
    return out;
  }

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
    normalize: normalize, normalizeMap: normalizeMap, joinSpaced: joinSpaced, terms: terms, coverOf: coverOf, tokens: tokens, fnv1a: fnv1a,
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
          partial: r.partial,
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
        return { total: r.total, exact: r.exact, counts: r.counts, partial: r.partial, results: r.items.map(function (h) {
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
      partial: "部分匹配",
      partialNote: "以下为部分匹配的结果：只包含查询词的一部分，或查询词没有连在一起",
      onlyPartial: "没有完全符合的结果，以下 {n} 个为部分匹配",
      alsoPartial: "；另列 {n} 个部分匹配的结果",
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
        var k = (hit.partial ? "p" : "e") + hit.doc.page, g = byPage[k];
        if (!g) { g = byPage[k] = []; groups.push(g); }
        g.push(hit);
      });
      groups.forEach(function (group, gi) {
        if (group[0].partial && (gi === 0 || !groups[gi - 1][0].partial)) {
          list.appendChild(el("li", "md-search-result__item portal-search__partial-note", TEXT.partialNote));
        }
        var li = el("li", "md-search-result__item" + (group[0].partial ? " portal-search__item--partial" : ""));
        var more = null;
        group.forEach(function (hit, i) {
          var d = hit.doc;
          var a = el("a", "md-search-result__link");
          a.href = pageHref(d.url, d.anchor);
          var art = el("article", "md-search-result__article md-typeset");
          art.setAttribute("data-md-score", String(group.length - i));
          if (i === 0) {
            art.appendChild(el("div", "md-search-result__icon md-icon"));
            var h1 = marked("h1", null, d.pageTitle, hit.marks || result.terms);
            h1.insertBefore(el("span", "portal-search__type portal-search__type--" + d.type, types[d.type]),
              h1.firstChild);
            art.appendChild(h1);
          }
          if (!d.isPage) {
            var where = d.context && d.context !== d.title ? d.context + " › " + d.title : d.title;
            if (where) art.appendChild(marked("h2", null, where, hit.marks || result.terms));
          }
          if (hit.partial) art.appendChild(el("p", "portal-search__partial", TEXT.partial));
          if (!result.titlesOnly && d.text) {
            art.appendChild(marked("p", "portal-search__snippet", d.text, hit.marks || result.terms, 96));
          }
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
      var text = !n ? (result.partial ? TEXT.onlyPartial.replace("{n}", String(result.partial)) : TEXT.none)
        : n === 1 && result.exact ? TEXT.one
        : (result.exact ? TEXT.many : TEXT.about).replace("{n}", String(n));
      if (n && result.partial) text += TEXT.alsoPartial.replace("{n}", String(result.partial));
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
