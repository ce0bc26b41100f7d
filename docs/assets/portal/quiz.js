/* 党建学习门户 · 自测练习: practice quizzes, mock exams, 错题本, 学习记录 and the
   best scores on the section index. No framework, nothing loaded from outside the site.

   Part 1 is pure logic (answer checking, scoring, drawing a paper, the stored record
   and its migration, import validation and merging, the storage wrapper). It has no
   DOM access and also loads under Node (`module.exports`) for `node --test tests/js/`.
   Part 2 runs only in a browser and builds the interactive views from the page's
   `<script type="application/json" id="quiz-data">` and, for the exam and the 错题本,
   from `window.PORTAL_BANK` (assets/portal/bank.js).

   Stored record (localStorage, one key "portal.quiz.record"), version 1:
     { app: "dangjian-portal-quiz", version: 1, updated: ISO,
       questions: { <question id>: { right, wrong, streak, book, last: ISO,
                                     wrongAt?: ISO, given?: [the last wrong answer] } },
       quizzes:   { <quiz id>: { best: attempt|null, attempts: [attempt, … last 20] } } }
     attempt = { at: ISO, score, total, passed, exam, byType?: { 单选: [score, total] } }
   Keys are permanent ids, never positions. Unreadable data is set aside under
   "portal.quiz.record.aside.<ISO>" (kept for download on the 学习记录 page), never deleted.
   A mock exam in progress lives in sessionStorage "portal.quiz.exam.<exam id>" (seed,
   deadline, answers by question id) so a reload resumes it. Test hooks: a page script may
   set window.__PORTAL_TEST__ = {seconds: N} to shorten the exam clock, and
   window.__PORTAL_TEST__.now = function () { return ms; } to drive the countdown's clock
   (otherwise Date.now()). */
(function (global) {
  "use strict";

  /* ===================== Part 1: pure logic ===================== */

  var APP = "dangjian-portal-quiz";
  var VERSION = 1;
  var RECORD_KEY = "portal.quiz.record";
  var ASIDE_PREFIX = "portal.quiz.record.aside.";
  var LIMITS = { attempts: 20, quizzes: 500, questions: 5000, given: 10, text: 200 };
  var TYPES = ["单选", "多选", "判断", "填空"];
  var LETTERS = "ABCDEFGH";
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var STRIP;
  try { STRIP = new RegExp("[\\s\\p{P}\\p{Cf}]", "gu"); }
  catch (e) { STRIP = /[\s!-\/:-@\[-`{-~\u00a0-\u00bf\u2000-\u206f\u3000-\u303f\ufe10-\ufe6f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/g; }

  /* Upmigrations: MIGRATIONS[v] turns a version-v record into version v + 1. */
  var MIGRATIONS = {};

  var NOTICES = {
    unavailable: "浏览器不允许本站保存数据（可能处于无痕或隐私浏览模式）。可以正常练习，但成绩和错题不会保存。",
    corrupt: "本机保存的学习记录无法读取，已原样另存为备份（可在“学习记录”页下载），并重新开始记录。",
    partial: "本机学习记录中有 {n} 条内容无法识别，已忽略；原记录已另存为备份（可在“学习记录”页下载）。",
    corruptKept: "本机保存的学习记录无法读取，也无法另存备份。原记录保持不动，本页的练习结果暂不保存。",
    newer: "本机的学习记录是由更新版本的门户保存的，请刷新页面。在此之前本页不会修改该记录，练习结果暂不保存。",
    quota: "浏览器的存储空间已满，本次结果未能保存。请到“学习记录”页导出备份，或清理浏览器数据后再试。",
    saveFailed: "学习记录未能保存（浏览器拒绝写入）。"
  };

  function isObject(x) { return x !== null && typeof x === "object" && !Array.isArray(x); }
  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }
  function isDate(s) { return typeof s === "string" && s.length <= 40 && !isNaN(Date.parse(s)); }
  function count(n) { return typeof n === "number" && isFinite(n) && n >= 0 ? Math.min(Math.floor(n), 1e6) : null; }
  function later(a, b) { return Date.parse(a) > Date.parse(b); }
  function nowISO() { return new Date().toISOString(); }

  /* Text of a 填空 answer for comparison: full-width → half-width (NFKC), case,
     spaces and punctuation ignored. */
  function normalise(text) {
    var s = String(text == null ? "" : text);
    if (s.normalize) s = s.normalize("NFKC");
    return s.toLowerCase().replace(STRIP, "");
  }

  function blankMatches(expected, given) {
    var g = normalise(given);
    return String(expected).split(/[|｜]/).some(function (alt) {
      var e = normalise(alt);
      if (e) return e === g;
      var raw = alt.trim();   // an answer made only of punctuation: compare it as written
      return raw !== "" && raw === String(given == null ? "" : given).trim();
    });
  }

  /* Check one response (letters, ["对"], or one string per blank). */
  function check(q, response) {
    var r = Array.isArray(response) ? response : [];
    if (q.type === "填空") {
      var blanks = q.answer.map(function (ans, i) { return blankMatches(ans, r[i]); });
      var answered = r.some(function (x) { return String(x == null ? "" : x).trim() !== ""; });
      return { answered: answered, correct: answered && blanks.every(Boolean), blanks: blanks };
    }
    var given = r.filter(function (x, i) { return typeof x === "string" && x && r.indexOf(x) === i; }).sort();
    var expected = q.answer.slice().sort();
    return { answered: given.length > 0, correct: given.length > 0 && given.join("|") === expected.join("|"), blanks: null };
  }

  /* Score a set of questions: all-or-nothing per question (多选 and 填空 included). */
  function score(questions, responses) {
    var out = { score: 0, total: 0, right: 0, wrong: 0, unanswered: 0, count: questions.length, byType: {}, results: {} };
    questions.forEach(function (q) {
      var res = check(q, responses[q.id]);
      var points = q.score || 1;
      var t = out.byType[q.type] || (out.byType[q.type] = { count: 0, right: 0, score: 0, total: 0 });
      t.count++; t.total += points; out.total += points;
      if (res.correct) { t.right++; t.score += points; out.right++; out.score += points; }
      else if (res.answered) out.wrong++;
      else out.unanswered++;
      out.results[q.id] = res;
    });
    out.percent = out.total ? Math.floor(out.score * 100 / out.total) : 0;
    return out;
  }

  function passed(score, total, pass) { return total > 0 && score * 100 >= pass * total; }

  /* Seeded PRNG (mulberry32) so a paper can be reproduced from its seed. */
  function rng(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /* Draw a paper from the bank by the exam's rules. Pools are sorted by id first,
     so the same seed gives the same paper whatever the bank's file order. */
  function draw(bank, rules, seed) {
    var random = rng(seed), used = {}, paper = [], short = [];
    var quizzes = bank.quizzes || {};
    rules.forEach(function (rule, i) {
      var tags = rule.tags || [];
      var pool = bank.questions.filter(function (q) {
        if (q.type !== rule.type || used[q.id]) return false;
        if (!tags.length) return true;
        var own = (quizzes[q.quiz] && quizzes[q.quiz].tags) || [];
        return tags.some(function (t) { return own.indexOf(t) !== -1; });
      }).sort(function (a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; });
      for (var j = pool.length - 1; j > 0; j--) {
        var k = Math.floor(random() * (j + 1));
        var tmp = pool[j]; pool[j] = pool[k]; pool[k] = tmp;
      }
      var picked = pool.slice(0, rule.count);
      picked.forEach(function (q) {
        used[q.id] = true;
        var copy = {};
        for (var key in q) if (has(q, key)) copy[key] = q[key];
        copy.score = rule.score || 1;
        copy.rule = i;
        paper.push(copy);
      });
      if (picked.length < rule.count) short.push({ rule: i, type: rule.type, wanted: rule.count, got: picked.length });
    });
    return { questions: paper, short: short };
  }

  /* ---------- the record ---------- */

  function emptyRecord(now) {
    return { app: APP, version: VERSION, updated: now || nowISO(), questions: {}, quizzes: {} };
  }

  function clipGiven(given) {
    return (Array.isArray(given) ? given : []).slice(0, LIMITS.given).map(function (x) {
      return String(x == null ? "" : x).slice(0, LIMITS.text);
    });
  }

  /* One answer to one question. Wrong → into the 错题本; right twice in a row → out. */
  function recordAnswer(rec, qid, correct, given, now) {
    now = now || nowISO();
    var e = has(rec.questions, qid) ? rec.questions[qid] : (rec.questions[qid] = { right: 0, wrong: 0, streak: 0, book: false, last: now });
    if (correct) {
      e.right++; e.streak++;
      if (e.book && e.streak >= 2) e.book = false;
    } else {
      e.wrong++; e.streak = 0; e.book = true; e.wrongAt = now; e.given = clipGiven(given);
    }
    e.last = now;
    rec.updated = now;
    capRecord(rec);
    return e;
  }

  function better(a, b) {   // is attempt a a better result than b?
    if (!b) return true;
    var x = a.score * b.total, y = b.score * a.total;
    return x > y || (x === y && later(b.at, a.at));   // a tie goes to the earlier date
  }

  function bestOf(a) { return { at: a.at, score: a.score, total: a.total, passed: a.passed, exam: a.exam }; }

  /* A finished run of a whole quiz or exam: keeps the last LIMITS.attempts and the best. */
  function recordAttempt(rec, quizId, attempt) {
    var a = cleanAttempt(attempt);
    if (!a) return null;
    var e = has(rec.quizzes, quizId) ? rec.quizzes[quizId] : (rec.quizzes[quizId] = { best: null, attempts: [] });
    e.attempts.push(a);
    if (e.attempts.length > LIMITS.attempts) e.attempts.splice(0, e.attempts.length - LIMITS.attempts);
    if (better(a, e.best)) e.best = bestOf(a);
    rec.updated = a.at;
    capRecord(rec);
    return a;
  }

  function inBook(rec) {
    return Object.keys(rec.questions).filter(function (id) { return rec.questions[id].book; });
  }

  /* Keep the record bounded: drop the oldest non-book questions first, then the
     quizzes attempted longest ago. */
  function capRecord(rec) {
    var ids = Object.keys(rec.questions);
    if (ids.length > LIMITS.questions) {
      ids.sort(function (a, b) {
        var x = rec.questions[a], y = rec.questions[b];
        if (x.book !== y.book) return x.book ? 1 : -1;
        return Date.parse(x.last) - Date.parse(y.last);
      });
      ids.slice(0, ids.length - LIMITS.questions).forEach(function (id) { delete rec.questions[id]; });
    }
    var quizIds = Object.keys(rec.quizzes);
    if (quizIds.length > LIMITS.quizzes) {
      var lastAt = function (id) {
        var at = rec.quizzes[id].attempts.map(function (a) { return Date.parse(a.at); });
        return at.length ? Math.max.apply(null, at) : 0;
      };
      quizIds.sort(function (a, b) { return lastAt(a) - lastAt(b); });
      quizIds.slice(0, quizIds.length - LIMITS.quizzes).forEach(function (id) { delete rec.quizzes[id]; });
    }
    return rec;
  }

  /* ---------- validation, migration, import, merge ---------- */

  function cleanQuestion(e) {
    if (!isObject(e) || !isDate(e.last) || typeof e.book !== "boolean") return null;
    var right = count(e.right), wrong = count(e.wrong), streak = count(e.streak);
    if (right === null || wrong === null || streak === null) return null;
    var out = { right: right, wrong: wrong, streak: streak, book: e.book, last: e.last };
    if (isDate(e.wrongAt)) out.wrongAt = e.wrongAt;
    if (Array.isArray(e.given)) out.given = clipGiven(e.given.filter(function (x) { return typeof x === "string"; }));
    return out;
  }

  function cleanAttempt(a) {
    if (!isObject(a) || !isDate(a.at)) return null;
    var s = count(a.score), t = count(a.total);
    if (s === null || t === null || t === 0 || s > t) return null;
    var out = { at: a.at, score: s, total: t, passed: a.passed === true, exam: a.exam === true };
    if (isObject(a.byType)) {
      var by = {};
      TYPES.forEach(function (type) {
        var v = a.byType[type];
        if (Array.isArray(v) && v.length === 2 && count(v[0]) !== null && count(v[1]) !== null && v[0] <= v[1]) {
          by[type] = [count(v[0]), count(v[1])];
        }
      });
      if (Object.keys(by).length) out.byType = by;
    }
    return out;
  }

  function cleanQuiz(e) {
    if (!isObject(e)) return null;
    var attempts = (Array.isArray(e.attempts) ? e.attempts : []).map(cleanAttempt).filter(Boolean)
      .sort(function (a, b) { return Date.parse(a.at) - Date.parse(b.at); }).slice(-LIMITS.attempts);
    var best = e.best == null ? null : cleanAttempt(e.best);
    if (e.best != null && !best) return null;
    attempts.forEach(function (a) { if (better(a, best)) best = a; });
    if (!best && !attempts.length) return null;
    return { best: best && bestOf(best), attempts: attempts };
  }

  /* Copy only what is understood; count what had to be dropped. */
  function sanitise(data) {
    var rec = emptyRecord(isDate(data.updated) ? data.updated : undefined), dropped = 0;
    var qs = isObject(data.questions) ? data.questions : {};
    var quizzes = isObject(data.quizzes) ? data.quizzes : {};
    if (data.questions !== undefined && !isObject(data.questions)) dropped++;
    if (data.quizzes !== undefined && !isObject(data.quizzes)) dropped++;
    Object.keys(qs).forEach(function (id) {
      var e = id.length <= 100 && ID.test(id) ? cleanQuestion(qs[id]) : null;
      if (e) rec.questions[id] = e; else dropped++;
    });
    Object.keys(quizzes).forEach(function (id) {
      var e = id.length <= 100 && ID.test(id) ? cleanQuiz(quizzes[id]) : null;
      if (e) rec.quizzes[id] = e; else dropped++;
    });
    capRecord(rec);
    return { record: rec, dropped: dropped };
  }

  /* Bring stored or imported data to the current version.
     status: "ok" | "migrated" | "newer" (written by a later version) | "invalid" (foreign or broken). */
  function migrate(data, steps) {
    steps = steps || MIGRATIONS;
    if (!isObject(data) || data.app !== APP || typeof data.version !== "number" ||
        data.version % 1 !== 0 || data.version < 0) return { status: "invalid" };
    if (data.version > VERSION) return { status: "newer", version: data.version };
    var d = data, from = data.version;
    while (d.version < VERSION) {
      var step = steps[d.version];
      if (!step) return { status: "invalid" };
      d = step(d);
      if (!isObject(d) || typeof d.version !== "number" || d.version <= from) return { status: "invalid" };
      from = d.version;
    }
    var clean = sanitise(d);
    return { status: data.version < VERSION ? "migrated" : "ok", record: clean.record, dropped: clean.dropped };
  }

  function exportText(rec, now) {
    var out = { app: APP, version: VERSION, exported: now || nowISO(),
      note: "党建学习门户的学习记录，可在“学习记录”页导入", updated: rec.updated,
      questions: rec.questions, quizzes: rec.quizzes };
    return JSON.stringify(out, null, 1);
  }

  /* Read an exported file. Returns {ok, record, dropped} or {ok: false, message}. */
  function parseImport(text) {
    var data;
    try { data = JSON.parse(String(text).replace(/^\ufeff/, "")); }
    catch (e) { return { ok: false, message: "无法导入：文件不是有效的 JSON 格式，可能已损坏或不完整。" }; }
    var m = migrate(data);
    if (m.status === "newer") return { ok: false, message: "无法导入：该文件由更新版本的门户导出，请刷新页面后再试。" };
    if (m.status === "invalid") return { ok: false, message: "无法导入：这不是本门户导出的学习记录文件。" };
    return { ok: true, record: m.record, dropped: m.dropped };
  }

  function mergeQuestion(x, y) {
    var newer = later(x.last, y.last) ? x : y;   // the later answer decides the 错题本 state
    var out = { right: Math.max(x.right, y.right), wrong: Math.max(x.wrong, y.wrong), streak: newer.streak,
      book: newer.book, last: newer.last };
    var w = x.wrongAt && (!y.wrongAt || later(x.wrongAt, y.wrongAt)) ? x : (y.wrongAt ? y : null);
    if (w) { out.wrongAt = w.wrongAt; if (w.given) out.given = w.given.slice(); }
    return out;
  }

  /* Merge two records (e.g. phone and computer). Idempotent: merging a record into
     itself, or importing the same file twice, changes nothing. Counts take the larger
     side (not the sum, which would double on a second import). */
  function merge(a, b) {
    var out = emptyRecord(later(a.updated, b.updated) ? a.updated : b.updated);
    [a, b].forEach(function (rec) {
      Object.keys(rec.questions).forEach(function (id) {
        var e = rec.questions[id];
        out.questions[id] = has(out.questions, id) ? mergeQuestion(out.questions[id], e) : JSON.parse(JSON.stringify(e));
      });
      Object.keys(rec.quizzes).forEach(function (id) {
        var e = rec.quizzes[id];
        var cur = has(out.quizzes, id) ? out.quizzes[id] : (out.quizzes[id] = { best: null, attempts: [] });
        var seen = {};
        cur.attempts.forEach(function (x) { seen[x.at + "|" + x.score + "|" + x.total] = true; });
        e.attempts.forEach(function (x) {
          if (!seen[x.at + "|" + x.score + "|" + x.total]) cur.attempts.push(JSON.parse(JSON.stringify(x)));
        });
        cur.attempts.sort(function (p, q) { return Date.parse(p.at) - Date.parse(q.at); });
        if (cur.attempts.length > LIMITS.attempts) cur.attempts.splice(0, cur.attempts.length - LIMITS.attempts);
        if (e.best && better(e.best, cur.best)) cur.best = bestOf(e.best);
      });
    });
    return capRecord(out);
  }

  /* ---------- storage ---------- */

  function isQuota(e) {
    return !!e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22 || e.code === 1014);
  }

  /* The record in `storage` (a localStorage-like object, or null when unavailable).
     Never throws. store.mode: "local" (saved), "memory" (storage unusable or the
     stored data could not be set aside) or "readonly" (stored by a newer version). */
  function openStore(storage, clock) {
    clock = clock || nowISO;
    var store = { record: emptyRecord(clock()), mode: "local", notices: [], onNotice: null };
    var told = {}, lastWritten = null;

    function notice(key, n) {
      if (told[key]) return;
      told[key] = true;
      var item = { key: key, text: NOTICES[key].replace("{n}", n) };
      store.notices.push(item);
      if (store.onNotice) store.onNotice(item);
    }

    function read() {   // may throw when storage access is refused
      var raw = storage.getItem(RECORD_KEY);
      if (raw === null || raw === undefined) return { status: "empty" };
      var data;
      try { data = JSON.parse(raw); } catch (e) { return { status: "bad", raw: raw }; }
      var m = migrate(data);
      if (m.status === "invalid") return { status: "bad", raw: raw };
      if (m.status === "newer") return { status: "newer", raw: raw };
      return { status: "ok", raw: raw, record: m.record, dropped: m.dropped, migrated: m.status === "migrated" };
    }

    function setAside(raw) {
      try {
        var key = ASIDE_PREFIX + clock(), n = 1;
        while (storage.getItem(key) !== null) key = ASIDE_PREFIX + clock() + "-" + (++n);
        storage.setItem(key, raw);
        return true;
      } catch (e) { return false; }
    }

    function write() {
      var text = JSON.stringify(store.record);
      try { storage.setItem(RECORD_KEY, text); lastWritten = text; return true; }
      catch (e) { notice(isQuota(e) ? "quota" : "saveFailed"); return false; }
    }

    /* Handle what is stored now; false when this page must not write. */
    function adopt(got, merging) {
      if (got.status === "empty") return true;
      if (got.status === "newer") { store.mode = "readonly"; notice("newer"); return false; }
      if (got.status === "bad") {
        if (!setAside(got.raw)) { store.mode = "memory"; notice("corruptKept"); return false; }
        notice("corrupt");
        return true;
      }
      if (got.dropped || got.migrated) {   // keep the original before rewriting it
        if (!setAside(got.raw)) { store.mode = "memory"; notice("corruptKept"); return false; }
        if (got.dropped) notice("partial", got.dropped);
      }
      store.record = merging ? merge(got.record, store.record) : got.record;
      return true;
    }

    store.save = function () {
      if (store.mode !== "local") return false;
      try {
        var raw = storage.getItem(RECORD_KEY);
        if (raw !== null && raw !== lastWritten && !adopt(read(), true)) return false;   // another tab wrote meanwhile
      } catch (e) { store.mode = "memory"; notice("unavailable"); return false; }
      return write();
    };

    store.asides = function () {
      var out = [];
      if (!storage) return out;
      try {
        for (var i = 0; i < storage.length; i++) {
          var key = storage.key(i);
          if (key && key.indexOf(ASIDE_PREFIX) === 0) out.push({ key: key, at: key.slice(ASIDE_PREFIX.length), text: storage.getItem(key) });
        }
      } catch (e) { /* storage went away: nothing to list */ }
      return out.sort(function (a, b) { return a.key < b.key ? -1 : 1; });
    };

    store.removeAside = function (key) {
      if (key.indexOf(ASIDE_PREFIX) !== 0) return false;
      try { storage.removeItem(key); return true; } catch (e) { return false; }
    };

    if (!storage) { store.mode = "memory"; notice("unavailable"); return store; }
    try {
      var got = read();
      if (adopt(got, false) && got.status !== "empty" && (got.status === "bad" || got.dropped || got.migrated)) write();
      if (got.status === "ok" && !got.dropped && !got.migrated) lastWritten = got.raw;
    } catch (e) { store.mode = "memory"; notice("unavailable"); }
    return store;
  }

  var Core = {
    APP: APP, VERSION: VERSION, RECORD_KEY: RECORD_KEY, ASIDE_PREFIX: ASIDE_PREFIX, LIMITS: LIMITS,
    MIGRATIONS: MIGRATIONS, NOTICES: NOTICES,
    normalise: normalise, check: check, score: score, passed: passed, rng: rng, draw: draw,
    emptyRecord: emptyRecord, recordAnswer: recordAnswer, recordAttempt: recordAttempt, inBook: inBook,
    sanitise: sanitise, migrate: migrate, exportText: exportText, parseImport: parseImport, merge: merge,
    openStore: openStore, isQuota: isQuota
  };

  if (typeof module !== "undefined" && module.exports) module.exports = Core;
  if (typeof document === "undefined") return;
  global.PortalQuiz = Core;

  /* ===================== Part 2: pages ===================== */

  /* Milliseconds since the epoch for the exam's countdown: Date.now(), unless a test set a clock. */
  function clockNow() {
    var test = global.__PORTAL_TEST__;
    return test && typeof test.now === "function" ? Number(test.now()) : Date.now();
  }

  var CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
  var NUMERALS = "一二三四五六七八九十";

  /* Build an element. `html` is used only for stems and 解析, which the build renders
     with the portal's safe Markdown (raw HTML in content shown as text); every other
     string goes in as text. */
  function h(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") node.textContent = v;
      else if (k === "html") node.innerHTML = v;
      else if (k === "class") node.className = v;
      else if (k.indexOf("on") === 0) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function dateCN(iso) {
    var d = new Date(iso);
    return isNaN(d) ? "" : d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日";
  }

  function pct(s, t) { return t ? Math.floor(s * 100 / t) : 0; }
  function blankMark(i, many) { return many ? (CIRCLED[i] || String(i + 1)) + " " : ""; }

  function answerText(q) {
    if (q.type === "单选" || q.type === "多选") {
      return q.answer.map(function (l) { return l + ". " + (q.options[LETTERS.indexOf(l)] || ""); }).join("；");
    }
    if (q.type === "判断") return q.answer[0];
    var many = q.answer.length > 1;
    return q.answer.map(function (a, i) {
      var alts = a.split("|").map(function (x) { return x.trim(); }).filter(Boolean);
      return blankMark(i, many) + alts[0] + (alts.length > 1 ? "（或：" + alts.slice(1).join("、") + "）" : "");
    }).join("　");
  }

  function responseText(q, r) {
    r = r || [];
    if (q.type === "填空") {
      var many = q.answer.length > 1;
      return q.answer.map(function (a, i) { return blankMark(i, many) + (String(r[i] || "").trim() || "（空）"); }).join("　");
    }
    return r.length ? r.slice().sort().join("、") : "（未作答）";
  }

  function params() {
    var out = {};
    location.search.replace(/^\?/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var i = pair.indexOf("="), k = i < 0 ? pair : pair.slice(0, i);
      try { out[decodeURIComponent(k)] = i < 0 ? "" : decodeURIComponent(pair.slice(i + 1).replace(/\+/g, " ")); }
      catch (e) { /* malformed escape: ignore the parameter */ }
    });
    return out;
  }

  function browserStorage() {
    try {
      var s = global.localStorage;
      s.getItem(RECORD_KEY);
      return s;
    } catch (e) { return null; }
  }

  /* Page-wide context: data, store, notices and the screen-reader announcer. */
  function context(app) {
    var data = {};
    var script = document.getElementById("quiz-data");
    if (script) { try { data = JSON.parse(script.textContent); } catch (e) { data = {}; } }
    var notices = h("div", { class: "quiz-notices" });
    var live = h("p", { class: "quiz-sr", role: "status", "aria-live": "polite" });
    app.parentNode.insertBefore(notices, app);
    app.parentNode.insertBefore(live, app);
    var ctx = { app: app, data: data, base: app.getAttribute("data-base") || "", live: live, noticeBox: notices };
    ctx.notice = function (text, kind) {
      notices.appendChild(h("p", { class: "quiz-notice" + (kind ? " quiz-notice--" + kind : ""), role: "alert" }, [text]));
    };
    ctx.announce = function (text) {
      live.textContent = "";
      setTimeout(function () { live.textContent = text; }, 50);
    };
    ctx.store = openStore(browserStorage());
    ctx.store.notices.forEach(function (n) { ctx.notice(n.text); });
    ctx.store.onNotice = function (n) { ctx.notice(n.text); };
    ctx.save = function () { return ctx.store.save(); };
    ctx.url = function (rootRelative) { return ctx.base + rootRelative; };
    return ctx;
  }

  /* ---------- one question ---------- */

  /* A question card. mode "practice": a 提交答案 button checks it at once;
     mode "exam": answers are only collected (onChange) until the paper is submitted. */
  function questionCard(ctx, q, number, mode, articles) {
    var id = "q-" + q.id;
    var name = id + "-answer";
    var inputs = [];
    var card = h("article", { class: "quiz-q", id: id, "data-qid": q.id, tabindex: "-1" });
    var legend = h("legend", { class: "quiz-q__legend" }, [
      h("span", { class: "quiz-q__no", text: "第" + number + "题" }),
      h("span", { class: "quiz-q__type", text: q.type + (mode === "exam" ? "（" + q.score + "分）" : "") }),
      h("span", { class: "quiz-q__stem", html: q.stem })
    ]);
    var fieldset = h("fieldset", { class: "quiz-q__field" }, [legend]);
    var api = { q: q, node: card, onChange: null, onCheck: null };

    if (q.type === "填空") {
      q.answer.forEach(function (a, i) {
        var input = h("input", { type: "text", class: "quiz-fill__input", autocomplete: "off", autocapitalize: "off",
          spellcheck: "false", enterkeyhint: mode === "practice" && i === q.answer.length - 1 ? "done" : "next" });
        input.addEventListener("input", function () { if (api.onChange) api.onChange(); });
        input.addEventListener("keydown", function (ev) {
          if (ev.key !== "Enter") return;
          ev.preventDefault();
          if (i < inputs.length - 1) inputs[i + 1].focus();
          else if (mode === "practice") submit();
        });
        inputs.push(input);
        var status = h("span", { class: "quiz-fill__status" });
        fieldset.appendChild(h("label", { class: "quiz-fill" }, [
          h("span", { class: "quiz-fill__label", text: "第" + (i + 1) + "空" }), input, status]));
      });
    } else {
      var choices = q.type === "判断" ? [["对", "对"], ["错", "错"]] :
        q.options.map(function (text, i) { return [LETTERS[i], text]; });
      choices.forEach(function (c) {
        var input = h("input", { type: q.type === "多选" ? "checkbox" : "radio", name: name, value: c[0] });
        input.addEventListener("change", function () { if (api.onChange) api.onChange(); });
        inputs.push(input);
        fieldset.appendChild(h("label", { class: "quiz-opt", "data-value": c[0] }, [
          input,
          q.type === "判断" ? null : h("span", { class: "quiz-opt__key", text: c[0] }),
          h("span", { class: "quiz-opt__text", text: c[1] }),
          h("span", { class: "quiz-opt__mark" })
        ]));
      });
    }
    card.appendChild(fieldset);

    var hint = h("p", { class: "quiz-q__hint" });
    var feedback = h("div", { class: "quiz-fb", hidden: true, tabindex: "-1" });
    var actions = null;
    if (mode === "practice") {
      actions = h("div", { class: "quiz-q__actions" }, [
        h("button", { type: "button", class: "md-button quiz-q__submit", text: "提交答案", onclick: submit }), hint]);
      card.appendChild(actions);
    }
    card.appendChild(feedback);

    function submit() { if (api.onCheck) api.onCheck(api); }

    api.response = function () {
      if (q.type === "填空") return inputs.map(function (i) { return i.value; });
      return inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
    };
    api.answered = function () { return check(q, api.response()).answered; };
    api.hint = function (text) { hint.textContent = text; };
    api.focus = function () { card.focus(); };
    api.focusFeedback = function () { feedback.focus({ preventScroll: true }); };
    api.setResponse = function (r) {
      if (!Array.isArray(r)) return;
      inputs.forEach(function (input, n) {
        if (q.type === "填空") input.value = typeof r[n] === "string" ? r[n].slice(0, LIMITS.text) : "";
        else input.checked = r.indexOf(input.value) !== -1;
      });
    };
    api.lock = function () {
      inputs.forEach(function (i) { i.disabled = true; });
      if (actions) actions.hidden = true;
    };

    /* Show the outcome: marks on options/blanks, the answer, 解析, 出处 and the article
       text on demand. */
    api.reveal = function (res, response) {
      card.classList.add(res.correct ? "quiz-q--right" : res.answered ? "quiz-q--wrong" : "quiz-q--skipped");
      if (q.type === "填空") {
        Array.prototype.forEach.call(card.querySelectorAll(".quiz-fill__status"), function (s, i) {
          s.textContent = res.blanks[i] ? "✓ 正确" : "✗";
          s.className = "quiz-fill__status " + (res.blanks[i] ? "is-right" : "is-wrong");
        });
      } else {
        Array.prototype.forEach.call(card.querySelectorAll(".quiz-opt"), function (label) {
          var v = label.getAttribute("data-value"), mark = label.querySelector(".quiz-opt__mark");
          var right = q.answer.indexOf(v) !== -1, chosen = (response || []).indexOf(v) !== -1;
          if (right) label.classList.add("is-answer");
          if (chosen && !right) label.classList.add("is-wrong");
          mark.textContent = right ? "✓ 正确答案" : chosen ? "✗ 你的选择" : "";
        });
      }
      feedback.textContent = "";
      var verdict = res.correct ? "✓ 回答正确" : res.answered ? "✗ 回答错误" : "— 未作答";
      feedback.appendChild(h("p", { class: "quiz-fb__verdict" }, [verdict]));
      if (!res.correct || q.type === "填空") {
        feedback.appendChild(h("p", { class: "quiz-fb__answer" }, [h("strong", { text: "正确答案：" }), answerText(q)]));
        if (res.answered && !res.correct) {
          feedback.appendChild(h("p", { class: "quiz-fb__given" }, [h("strong", { text: "你的答案：" }), responseText(q, response)]));
        }
      }
      if (q.explanation) {
        feedback.appendChild(h("div", { class: "quiz-fb__expl" }, [
          h("p", { class: "quiz-fb__label" }, [h("strong", { text: "解析" })]),
          h("div", { html: q.explanation })
        ]));
      }
      var art = q.source && articles ? articles[q.source] : null;
      if (art) {
        feedback.appendChild(h("p", { class: "quiz-fb__src" }, [
          h("strong", { text: "出处：" }), h("a", { href: ctx.url(art.url), text: art.title })
        ]));
        var text = h("blockquote", { class: "quiz-fb__article" }, art.text.map(function (p) { return h("p", { text: p }); }));
        feedback.appendChild(h("details", { class: "quiz-details quiz-fb__more" }, [h("summary", { text: "查看条文原文" }), text]));
      }
      feedback.hidden = false;
    };
    return api;
  }

  /* ---------- practice ---------- */

  /* A practice run over `set`. meta: {quizId, pass, full, note, title}. Checking a
     question records it at once (错题本); finishing a full run records the score. */
  function practice(ctx, root, set, meta, articles, all) {
    root.textContent = "";
    var responses = {}, checked = {}, done = false;
    var progress = h("p", { class: "quiz-progress" });
    var head = h("div", { class: "quiz-bar quiz-bar--practice", tabindex: "-1" }, [progress]);
    if (meta.note) {
      head.insertBefore(h("p", { class: "quiz-subset" }, [meta.note + "　",
        h("button", { type: "button", class: "quiz-link", text: "练习全部题目", onclick: function () {
          if (history.replaceState && meta.quizId) history.replaceState(null, "", location.pathname);
          practice(ctx, root, all, { quizId: meta.quizId, pass: meta.pass, full: !!meta.quizId, title: meta.title }, articles, all);
          head.focus();
        } })]), progress);
    }
    var list = h("ol", { class: "quiz-list" });
    var finish = h("button", { type: "button", class: "md-button md-button--primary", text: "结束练习，查看成绩" });
    var result = h("section", { class: "quiz-result", tabindex: "-1", hidden: true, "aria-labelledby": "quiz-result-title" });
    var cards = set.map(function (q, i) {
      var c = questionCard(ctx, q, i + 1, "practice", articles);
      c.onCheck = onCheck;
      list.appendChild(h("li", { class: "quiz-list__item" }, [c.node]));
      return c;
    });
    root.appendChild(head);
    root.appendChild(list);
    root.appendChild(h("div", { class: "quiz-actions" }, [finish]));
    root.appendChild(result);
    finish.addEventListener("click", end);
    update();

    function update() {
      var n = Object.keys(checked).length, right = Object.keys(checked).filter(function (k) { return checked[k].correct; }).length;
      progress.textContent = "共 " + set.length + " 题 · 已答 " + n + " 题 · 答对 " + right + " 题";
    }

    function onCheck(card) {
      var q = card.q, r = card.response(), res = check(q, r);
      if (!res.answered) {
        card.hint(q.type === "填空" ? "请先填写答案。" : "请先选择答案。");
        ctx.announce(q.type === "填空" ? "请先填写答案。" : "请先选择答案。");
        return;
      }
      responses[q.id] = r; checked[q.id] = res;
      var hadFocus = card.node.contains(document.activeElement);
      card.lock();
      card.reveal(res, r);
      if (hadFocus) card.focusFeedback();   // the button just went away: keep keyboard users in place
      recordAnswer(ctx.store.record, q.id, res.correct, r);
      ctx.save();
      var n = cards.indexOf(card) + 1;
      ctx.announce("第" + n + "题" + (res.correct ? "回答正确。" : "回答错误，正确答案：" + answerText(q) + "。"));
      update();
      if (Object.keys(checked).length === set.length) end();
    }

    function end() {
      if (done) return;
      done = true;
      finish.hidden = true;
      cards.forEach(function (c) {
        if (!checked[c.q.id]) { c.lock(); c.reveal({ answered: false, correct: false, blanks: c.q.answer.map(function () { return false; }) }, []); }
      });
      var s = score(set, responses);
      var ok = passed(s.score, s.total, meta.pass);
      if (meta.full) {
        recordAttempt(ctx.store.record, meta.quizId, { at: nowISO(), score: s.score, total: s.total, passed: ok, exam: false });
        ctx.save();
      }
      var missed = set.filter(function (q) { return !s.results[q.id].correct; });
      var summary = "得分 " + s.score + " / " + s.total + " 分（" + s.percent + "%），及格线 " + meta.pass + "%，" + (ok ? "及格" : "未及格") + "。";
      result.textContent = "";
      result.appendChild(h("h2", { id: "quiz-result-title", class: "quiz-result__title", text: meta.full ? "练习成绩" : "本轮成绩" }));
      result.appendChild(h("p", { class: "quiz-result__score " + (ok ? "is-pass" : "is-fail") }, [summary]));
      result.appendChild(h("p", { class: "quiz-result__counts", text: "答对 " + s.right + " 题，答错 " + s.wrong + " 题，未答 " + s.unanswered + " 题。" }));
      var actions = h("p", { class: "quiz-result__actions" });
      if (missed.length) {
        actions.appendChild(h("button", { type: "button", class: "md-button md-button--primary", text: "只练错题（" + missed.length + " 道）", onclick: function () {
          practice(ctx, root, missed, { quizId: meta.quizId, pass: meta.pass, full: false, title: meta.title,
            note: "只练上一轮答错和未答的 " + missed.length + " 道题。" }, articles, all);
          root.querySelector(".quiz-bar").focus();
        } }));
      }
      actions.appendChild(h("button", { type: "button", class: "md-button", text: "重新练习全部", onclick: function () {
        practice(ctx, root, all, { quizId: meta.quizId, pass: meta.pass, full: !!meta.quizId, title: meta.title }, articles, all);
        root.querySelector(".quiz-bar").focus();
      } }));
      actions.appendChild(h("a", { class: "md-button", href: ctx.url("quizzes/cuotiben/"), text: "错题本" }));
      result.appendChild(actions);
      result.hidden = false;
      ctx.announce("练习结束。" + summary);
      result.focus();
    }
  }

  function initPractice(ctx) {
    var d = ctx.data, quiz = d.quiz || {}, all = d.questions || [];
    var only = (params().only || "").split(",").map(function (s) { return s.trim(); }).filter(Boolean);
    var set = all, note = null;
    if (only.length) {
      set = all.filter(function (q) { return only.indexOf(q.id) !== -1; });
      if (!set.length) {
        ctx.notice("链接中指定的题目不在本题库中（可能已被删除），下面是全部题目。");
        set = all;
      } else {
        note = "只练习指定的 " + set.length + " 道题" + (set.length < only.length ? "（另有 " + (only.length - set.length) + " 道已不在本题库中）" : "") + "。";
      }
    }
    var statics = document.querySelector("[data-quiz-static]");
    if (statics) statics.parentNode.removeChild(statics);
    practice(ctx, ctx.app, set, { quizId: d.id, pass: quiz.pass || 60, full: set === all, note: note, title: quiz.title },
      d.articles || {}, all);
  }

  /* ---------- mock exam ---------- */

  function fmtClock(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000)), m = Math.floor(s / 60);
    return (m < 10 ? "0" : "") + m + ":" + (s % 60 < 10 ? "0" : "") + (s % 60);
  }

  function initExam(ctx) {
    var exam = ctx.data, bank = global.PORTAL_BANK;
    if (!bank || !Array.isArray(bank.questions)) {
      ctx.notice("题库数据未能加载，无法抽题。请刷新页面重试。");
      return;
    }
    var sessionKey = "portal.quiz.exam." + exam.id;
    intro();

    /* The exam in progress in this tab (seed, deadline, answers by question id), kept in
       sessionStorage so that a reload or a phone discarding the tab does not lose it. */
    function session(value) {
      try {
        var s = global.sessionStorage;
        if (value === null) { s.removeItem(sessionKey); return null; }
        if (value) { s.setItem(sessionKey, JSON.stringify(value)); return null; }
        var v = JSON.parse(s.getItem(sessionKey) || "null");
        return isObject(v) && typeof v.seed === "number" && typeof v.deadline === "number" &&
          typeof v.seconds === "number" && isObject(v.responses) ? v : null;
      } catch (e) { return null; }
    }

    function intro() {
      ctx.app.textContent = "";
      var minutes = exam.timeLimit, saved = session();
      var box = h("div", { class: "quiz-intro-box" }, [
        h("p", { text: minutes ? "点击“开始考试”后从全部题库随机抽题并开始计时，限时 " + minutes + " 分钟，时间到自动交卷。" :
          "点击“开始考试”后从全部题库随机抽题。" }),
        h("p", { text: "可以用答题卡跳到任意一题；交卷后显示各题型得分，并逐题给出答案与解析。" })]);
      if (saved) {
        var left = saved.deadline ? saved.deadline - clockNow() : 1;
        box.appendChild(h("p", { class: "quiz-resume" }, [
          left > 0 ? "本页有一场未交卷的考试" + (saved.deadline ? "，还剩 " + fmtClock(left) : "") + "。" : "本页有一场未交卷的考试，时间已到，继续后将自动交卷。",
          h("button", { type: "button", class: "md-button md-button--primary quiz-resume__go", text: "继续未完成的考试",
            onclick: function () { start(saved); } })]));
      }
      box.appendChild(h("button", { type: "button", class: "md-button" + (saved ? "" : " md-button--primary") + " quiz-start",
        text: saved ? "放弃并重新开始" : "开始考试", onclick: function () { start(null); } }));
      ctx.app.appendChild(box);
    }

    function start(saved) {
      var p = params();
      var seed = saved ? saved.seed >>> 0 : /^\d{1,10}$/.test(p.seed || "") ? Number(p.seed) >>> 0 :
        Math.floor(Math.random() * 4294967296) >>> 0;
      var drawn = draw(bank, exam.rules || [], seed);
      var paper = drawn.questions;
      var test = global.__PORTAL_TEST__ || {};
      var seconds = saved ? saved.seconds : test.seconds > 0 ? test.seconds : exam.timeLimit ? exam.timeLimit * 60 : 0;
      var deadline = saved ? saved.deadline : seconds ? clockNow() + seconds * 1000 : 0;
      var timer = null, submitted = false, warned = {};
      ctx.app.textContent = "";
      drawn.short.forEach(function (s) {
        ctx.notice("题库中符合条件的" + s.type + "题不够，本次只抽到 " + s.got + " 道（规则要求 " + s.wanted + " 道）。");
      });
      if (!paper.length) { ctx.notice("题库中没有可抽的题目。"); return; }

      var clock = h("span", { class: "quiz-timer", role: "timer", "aria-label": "剩余时间" });
      var cardToggle = h("button", { type: "button", class: "quiz-bar__btn", "aria-expanded": "false", "aria-controls": "quiz-sheet" });
      var submitBtn = h("button", { type: "button", class: "md-button md-button--primary quiz-bar__submit", text: "交卷" });
      var sheet = h("nav", { class: "quiz-sheet", id: "quiz-sheet", "aria-label": "答题卡", hidden: true });
      var confirmBox = h("div", { class: "quiz-confirm", hidden: true });
      var bar = h("div", { class: "quiz-bar quiz-bar--exam" }, [
        h("div", { class: "quiz-bar__row" }, [deadline ? clock : null, cardToggle, submitBtn]), confirmBox, sheet]);
      ctx.app.appendChild(bar);

      var cards = [], cells = [], sections = h("div", { class: "quiz-paper-live" });
      (exam.rules || []).forEach(function (rule, r) {
        var qs = paper.filter(function (q) { return q.rule === r; });
        if (!qs.length) return;
        var list = h("ol", { class: "quiz-list", start: String(cards.length + 1) });
        sections.appendChild(h("section", { class: "quiz-section" }, [
          h("h2", { class: "quiz-section__title", text: NUMERALS[r] + "、" + rule.type + "题（每题 " + rule.score + " 分，共 " + qs.length + " 题）" }),
          list]));
        qs.forEach(function (q) {
          var n = cards.length + 1;
          var c = questionCard(ctx, q, n, "exam", bank.articles || {});
          var cell = h("button", { type: "button", class: "quiz-sheet__cell", text: String(n), "aria-label": "第" + n + "题，未作答",
            onclick: function () { jump(c); } });
          c.onChange = function () { mark(c, cell, n); persist(); };
          if (saved && saved.responses[q.id]) c.setResponse(saved.responses[q.id]);
          cards.push(c); cells.push(cell);
          list.appendChild(h("li", { class: "quiz-list__item" }, [c.node]));
        });
      });
      cells.forEach(function (cell, i) { sheet.appendChild(cell); mark(cards[i], cell, i + 1); });
      ctx.app.appendChild(sections);
      var result = h("section", { class: "quiz-result", tabindex: "-1", hidden: true, "aria-labelledby": "quiz-result-title" });
      ctx.app.appendChild(result);
      updateToggle();
      persist();
      cardToggle.addEventListener("click", function () { setSheet(sheet.hidden); });
      submitBtn.addEventListener("click", function () { submit(false); });
      if (deadline) { tick(); timer = setInterval(tick, 250); }
      ctx.announce((saved ? "继续考试" : "考试开始") + "，共 " + paper.length + " 题" + (seconds ? "，限时 " + Math.round(seconds / 60) + " 分钟。" : "。"));
      cards[0].focus();

      function persist() {
        var responses = {};
        cards.forEach(function (c) { if (c.answered()) responses[c.q.id] = c.response(); });
        session({ seed: seed, deadline: deadline, seconds: seconds, responses: responses });
      }
      function answeredCount() { return cards.filter(function (c) { return c.answered(); }).length; }
      function updateToggle() { cardToggle.textContent = "答题卡 " + answeredCount() + "/" + cards.length; }
      function setSheet(open) { sheet.hidden = !open; cardToggle.setAttribute("aria-expanded", open ? "true" : "false"); }
      function mark(c, cell, n) {
        var done = c.answered();
        cell.classList.toggle("is-answered", done);
        cell.setAttribute("aria-label", "第" + n + "题，" + (done ? "已作答" : "未作答"));
        updateToggle();
      }
      function jump(c) {
        setSheet(false);
        c.node.scrollIntoView({ block: "start" });
        c.focus();
      }
      function tick() {
        var left = deadline - clockNow();
        clock.textContent = "剩余 " + fmtClock(left);
        clock.classList.toggle("is-urgent", left <= 60000);
        [[300000, "还剩 5 分钟。"], [60000, "还剩 1 分钟。"]].forEach(function (w) {
          if (left <= w[0] && seconds * 1000 > w[0] && !warned[w[0]]) { warned[w[0]] = true; ctx.announce(w[1]); }
        });
        if (left <= 0) submit(true);
      }

      function submit(auto) {
        if (submitted) return;
        var missing = cards.length - answeredCount();
        if (!auto && missing > 0 && confirmBox.hidden) {
          confirmBox.textContent = "";
          confirmBox.appendChild(h("p", { text: "还有 " + missing + " 题未作答，确定交卷吗？" }));
          confirmBox.appendChild(h("button", { type: "button", class: "md-button md-button--primary", text: "确定交卷", onclick: function () { confirmBox.hidden = true; finish(false); } }));
          confirmBox.appendChild(h("button", { type: "button", class: "md-button", text: "继续作答", onclick: function () { confirmBox.hidden = true; submitBtn.focus(); } }));
          confirmBox.hidden = false;
          confirmBox.querySelector("button").focus();
          return;
        }
        finish(auto);
      }

      function finish(auto) {
        if (submitted) return;
        submitted = true;
        session(null);
        if (timer) clearInterval(timer);
        confirmBox.hidden = true;
        submitBtn.hidden = true;
        bar.classList.add("is-done");   // no longer sticky: the card becomes the review's overview
        setSheet(true);
        var responses = {};
        cards.forEach(function (c) { responses[c.q.id] = c.response(); });
        var s = score(paper, responses);
        var ok = passed(s.score, s.total, exam.quiz.pass);
        var now = nowISO(), byType = {};
        Object.keys(s.byType).forEach(function (t) { byType[t] = [s.byType[t].score, s.byType[t].total]; });
        cards.forEach(function (c, i) {
          var res = s.results[c.q.id];
          c.lock();
          c.reveal(res, responses[c.q.id]);
          if (res.answered) recordAnswer(ctx.store.record, c.q.id, res.correct, responses[c.q.id], now);
          cells[i].classList.add(res.correct ? "is-right" : "is-wrong");
          cells[i].textContent = (i + 1) + (res.correct ? "✓" : "✗");
          cells[i].setAttribute("aria-label", "第" + (i + 1) + "题，" + (res.correct ? "答对" : res.answered ? "答错" : "未作答"));
        });
        recordAttempt(ctx.store.record, exam.id, { at: now, score: s.score, total: s.total, passed: ok, exam: true, byType: byType });
        ctx.save();
        if (deadline) clock.textContent = auto ? "时间到" : "已交卷";
        var summary = "得分 " + s.score + " / " + s.total + " 分（" + s.percent + "%），及格线 " + exam.quiz.pass + "%，" + (ok ? "及格" : "未及格") + "。";
        var rows = (exam.rules || []).map(function (rule) { return rule.type; }).filter(function (t, i, arr) { return arr.indexOf(t) === i && s.byType[t]; })
          .map(function (t) {
            var b = s.byType[t];
            return h("tr", null, [h("th", { scope: "row", text: t + "题" }), h("td", { text: String(b.count) }), h("td", { text: String(b.right) }),
              h("td", { text: b.score + " / " + b.total })]);
          });
        result.textContent = "";
        result.appendChild(h("h2", { id: "quiz-result-title", class: "quiz-result__title", text: auto ? "时间到，已自动交卷" : "考试成绩" }));
        result.appendChild(h("p", { class: "quiz-result__score " + (ok ? "is-pass" : "is-fail") }, [summary]));
        result.appendChild(h("table", { class: "quiz-table quiz-result__table" }, [
          h("caption", { text: "各题型得分" }),
          h("thead", null, [h("tr", null, ["题型", "题数", "答对", "得分"].map(function (t) { return h("th", { scope: "col", text: t }); }))]),
          h("tbody", null, rows)]));
        result.appendChild(h("p", { class: "quiz-result__counts", text: "答对 " + s.right + " 题，答错 " + s.wrong + " 题，未答 " + s.unanswered + " 题。下面逐题列出答案与解析；答错的题已收入错题本。" }));
        result.appendChild(h("p", { class: "quiz-result__actions" }, [
          h("button", { type: "button", class: "md-button md-button--primary", text: "再考一次（重新抽题）", onclick: function () { ctx.app.textContent = ""; start(null); } }),
          h("a", { class: "md-button", href: ctx.url("quizzes/cuotiben/"), text: "错题本" }),
          h("button", { type: "button", class: "md-button", text: "打印成绩与解析", onclick: function () { global.print(); } })
        ]));
        ctx.app.insertBefore(result, sections);
        result.hidden = false;
        ctx.announce((auto ? "时间到，已自动交卷。" : "已交卷。") + summary);
        result.focus();
      }
    }
  }

  /* ---------- 错题本 ---------- */

  function initMistakes(ctx) {
    var bank = global.PORTAL_BANK;
    if (!bank || !Array.isArray(bank.questions)) { ctx.notice("题库数据未能加载，请刷新页面重试。"); return; }
    list();

    function list() {
      var rec = ctx.store.record, app = ctx.app;
      app.textContent = "";
      var ids = inBook(rec), byId = {};
      bank.questions.forEach(function (q) { byId[q.id] = q; });
      var known = bank.questions.filter(function (q) { return ids.indexOf(q.id) !== -1; });   // bank order
      var gone = ids.length - known.length;
      if (!known.length) {
        app.appendChild(h("p", { class: "quiz-empty", text: "错题本是空的。练习或考试中答错的题会自动收进来，连续答对两次后移出。" }));
        if (gone) app.appendChild(h("p", { class: "quiz-muted", text: "另有 " + gone + " 道错题已从题库中删除，不再显示。" }));
        return;
      }
      app.appendChild(h("p", { class: "quiz-book-summary" }, [
        "错题本中共有 " + known.length + " 道题。" + (gone ? "（另有 " + gone + " 道已从题库中删除。）" : ""),
        h("button", { type: "button", class: "md-button md-button--primary", text: "练习全部错题", onclick: function () { drill(known); } })
      ]));
      var order = [];
      known.forEach(function (q) { if (order.indexOf(q.quiz) === -1) order.push(q.quiz); });
      order.forEach(function (quizId) {
        var meta = bank.quizzes[quizId] || { title: quizId, url: "quizzes/" + quizId + "/" };
        var qs = known.filter(function (q) { return q.quiz === quizId; });
        var ul = h("ol", { class: "quiz-book" });
        qs.forEach(function (q) {
          var e = rec.questions[q.id];
          var key = h("div", { class: "quiz-book__key" });
          var details = h("details", { class: "quiz-details quiz-book__details" }, [h("summary", { text: "查看答案与解析" }), key]);
          details.addEventListener("toggle", function () {
            if (!details.open || key.firstChild) return;
            key.appendChild(h("p", null, [h("strong", { text: "正确答案：" }), answerText(q)]));
            if (q.explanation) key.appendChild(h("div", { class: "quiz-fb__expl", html: q.explanation }));
            var art = q.source && bank.articles ? bank.articles[q.source] : null;
            if (art) key.appendChild(h("p", null, [h("strong", { text: "出处：" }), h("a", { href: ctx.url(art.url), text: art.title })]));
          });
          ul.appendChild(h("li", { class: "quiz-book__item", "data-qid": q.id }, [
            h("p", { class: "quiz-book__stem" }, [h("span", { class: "quiz-q__type", text: q.type }), " ", h("span", { html: q.stem })]),
            h("p", { class: "quiz-book__meta", text: "答错 " + e.wrong + " 次" + (e.wrongAt ? " · 最近答错：" + dateCN(e.wrongAt) : "") +
              (e.given ? " · 上次的答案：" + responseText(q, e.given) : "") + (e.streak ? " · 已连续答对 " + e.streak + " 次" : "") }),
            details]));
        });
        var href = ctx.url(meta.url) + "?only=" + qs.map(function (q) { return q.id; }).join(",");
        app.appendChild(h("section", { class: "quiz-book__group" }, [
          h("h2", { class: "quiz-book__title" }, [h("a", { href: ctx.url(meta.url), text: meta.title })]),
          h("p", null, [h("a", { class: "md-button", href: href, text: "在题库中练习这 " + qs.length + " 道题" })]),
          ul]));
      });
    }

    function drill(qs) {
      var box = h("div", { class: "quiz-drill" });
      ctx.app.textContent = "";
      ctx.app.appendChild(h("p", null, [h("button", { type: "button", class: "quiz-link", text: "← 返回错题本", onclick: list })]));
      ctx.app.appendChild(box);
      practice(ctx, box, qs, { quizId: null, pass: 60, full: false, title: "错题本" }, bank.articles || {}, qs);
      box.querySelector(".quiz-bar").focus();
    }
  }

  /* ---------- 学习记录 ---------- */

  function download(name, text) {
    var blob = new Blob([text], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var a = h("a", { href: url, download: name, hidden: true });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.parentNode.removeChild(a); }, 1000);
  }

  function stamp() {
    var d = new Date();
    return d.getFullYear() + String(d.getMonth() + 1).padStart(2, "0") + String(d.getDate()).padStart(2, "0");
  }

  function initRecord(ctx) {
    var metas = ctx.data.quizzes || {};
    var status = h("p", { class: "quiz-io__status", role: "status", "aria-live": "polite" });
    render();

    function render() {
      var rec = ctx.store.record, app = ctx.app;
      app.textContent = "";
      var qids = Object.keys(rec.questions), right = 0, wrong = 0;
      qids.forEach(function (id) { right += rec.questions[id].right; wrong += rec.questions[id].wrong; });
      app.appendChild(h("h2", { id: "overview", text: "概况" }));
      app.appendChild(h("p", { class: "quiz-overview" }, [
        "已作答 " + qids.length + " 道题（累计答对 " + right + " 次、答错 " + wrong + " 次），错题本中有 ",
        h("a", { href: ctx.url("quizzes/cuotiben/"), text: inBook(rec).length + " 道题" }), "。"]));

      app.appendChild(h("h2", { id: "scores", text: "各题库成绩" }));
      var ids = Object.keys(metas).concat(Object.keys(rec.quizzes).filter(function (id) { return !has(metas, id); }));
      app.appendChild(h("ul", { class: "quiz-cards quiz-scores" }, ids.map(function (id) {
        var m = metas[id], e = rec.quizzes[id], best = e && e.best, last = e && e.attempts[e.attempts.length - 1];
        return h("li", { class: "quiz-card", "data-quiz": id }, [
          h("span", { class: "quiz-card__title" }, [m ? h("a", { href: ctx.url(m.url), text: m.title }) : id + "（已删除的题库）",
            m && m.exam ? h("span", { class: "quiz-tag", text: "模拟考试" }) : null]),
          h("span", { class: "quiz-card__best quiz-best" + (best ? "" : " is-none"), text: best ? "最好成绩：" + best.score + " / " + best.total + " 分（" +
            pct(best.score, best.total) + "%）" + (best.passed ? "，及格" : "，未及格") + " · " + dateCN(best.at) : "尚未完成" }),
          h("span", { class: "quiz-card__meta", text: e ? "共完成 " + e.attempts.length + " 次" + (last ? " · 最近一次：" +
            pct(last.score, last.total) + "%（" + dateCN(last.at) + "）" : "") : "" })]);
      })));
      if (!ids.length) app.appendChild(h("p", { class: "quiz-empty", text: "还没有题库。" }));

      var recent = [];
      Object.keys(rec.quizzes).forEach(function (id) { rec.quizzes[id].attempts.forEach(function (a) { recent.push([id, a]); }); });
      recent.sort(function (x, y) { return Date.parse(y[1].at) - Date.parse(x[1].at); });
      if (recent.length) {
        app.appendChild(h("h2", { id: "recent", text: "最近练习" }));
        app.appendChild(h("ol", { class: "quiz-recent" }, recent.slice(0, 10).map(function (x) {
          var m = metas[x[0]], a = x[1];
          return h("li", { text: dateCN(a.at) + "　" + (m ? m.title : x[0]) + "　" + a.score + " / " + a.total + "（" + pct(a.score, a.total) + "%）" + (a.passed ? " 及格" : " 未及格") });
        })));
      }

      app.appendChild(h("h2", { id: "transfer", text: "导出与导入" }));
      var file = h("input", { type: "file", accept: ".json,application/json", class: "quiz-io__file", id: "quiz-import-file" });
      file.addEventListener("change", function () {
        var f = file.files && file.files[0];
        if (!f) return;
        var reader = new FileReader();
        reader.onload = function () { doImport(String(reader.result)); file.value = ""; };
        reader.onerror = function () { say("无法读取所选文件。"); };
        reader.readAsText(f);
      });
      var paste = h("textarea", { class: "quiz-io__paste", rows: "4", "aria-label": "粘贴记录文件的内容" });
      app.appendChild(h("div", { class: "quiz-io" }, [
        h("p", { text: "导出的文件包含错题本和全部成绩。导入时与本机记录合并：同一道题以较近一次作答为准，成绩取两边的全部记录，不会重复计算。" }),
        h("p", { class: "quiz-io__row" }, [
          h("button", { type: "button", class: "md-button md-button--primary", text: "导出学习记录", onclick: function () {
            download("学习记录-" + stamp() + ".json", exportText(ctx.store.record));
            say("已导出学习记录文件（" + Object.keys(ctx.store.record.questions).length + " 道题的记录）。");
          } }),
          h("label", { class: "md-button quiz-io__pick", for: "quiz-import-file" }, ["导入记录文件", file])]),
        h("details", { class: "quiz-details quiz-io__more" }, [h("summary", { text: "无法选择文件？粘贴文件内容导入" }), paste,
          h("button", { type: "button", class: "md-button", text: "导入粘贴的内容", onclick: function () { doImport(paste.value); } })]),
        status]));

      var asides = ctx.store.asides();
      if (asides.length) {
        app.appendChild(h("h2", { id: "backups", text: "另存的旧记录" }));
        app.appendChild(h("p", { text: "下面是曾经无法读取而另存的记录（原样保留）。可以下载后交给管理员查看；确认不需要后再删除。" }));
        app.appendChild(h("ul", { class: "quiz-asides" }, asides.map(function (a) {
          return h("li", null, [dateCN(a.at) + " 另存（" + (a.text || "").length + " 字符）　",
            h("button", { type: "button", class: "quiz-link", text: "下载", onclick: function () { download("学习记录备份-" + a.at.replace(/[^0-9]/g, "").slice(0, 14) + ".json", a.text || ""); } }),
            "　",
            h("button", { type: "button", class: "quiz-link", text: "删除", onclick: function () { ctx.store.removeAside(a.key); render(); say("已删除一份另存的记录。"); } })]);
        })));
      }
      if (ctx.store.mode !== "local") {
        app.appendChild(h("p", { class: "quiz-notice", text: "提示：本页目前无法把记录保存到浏览器，导入的记录只在本次打开期间有效，请及时导出。" }));
      }
    }

    function say(text) { status.textContent = text; }

    function doImport(text) {
      var got = parseImport(text);
      if (!got.ok) { say(got.message); return; }
      ctx.store.record = merge(ctx.store.record, got.record);
      var saved = ctx.save();
      render();
      say("已导入：" + Object.keys(got.record.questions).length + " 道题的记录、" + Object.keys(got.record.quizzes).length + " 个题库的成绩" +
        (got.dropped ? "（" + got.dropped + " 条无法识别的内容已忽略）" : "") + "。" + (saved ? "" : "但未能保存到浏览器，请留意上方提示。"));
    }
  }

  /* ---------- section index: the reader's best scores ---------- */

  function initIndex(ctx) {
    var rec = ctx.store.record;
    Array.prototype.forEach.call(document.querySelectorAll("[data-quiz-best]"), function (node) {
      var e = rec.quizzes[node.getAttribute("data-quiz-best")];
      if (!e || !e.best) return;
      node.textContent = "我的最好成绩：" + e.best.score + " / " + e.best.total + " 分（" + pct(e.best.score, e.best.total) + "%）· " + dateCN(e.best.at);
      node.hidden = false;
    });
    var count = document.querySelector("[data-quiz-book-count]");
    var n = inBook(rec).length;
    if (count && n) { count.textContent = "（现有 " + n + " 道）"; count.hidden = false; }
  }

  function bindPrint() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-quiz-print]"), function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { global.print(); });
    });
  }

  function boot() {
    bindPrint();
    var app = document.querySelector("[data-quiz-app]");
    if (!app) return;
    var ctx = context(app);
    var run = { practice: initPractice, exam: initExam, mistakes: initMistakes, record: initRecord, index: initIndex }[app.getAttribute("data-quiz-app")];
    if (run) run(ctx);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})(typeof window !== "undefined" ? window : this);
