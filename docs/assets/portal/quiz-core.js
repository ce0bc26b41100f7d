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
  /* Internal helpers the page scripts share (not part of the tested API). */
  Core.APP = APP;
  Core.VERSION = VERSION;
  Core.RECORD_KEY = RECORD_KEY;
  Core.ASIDE_PREFIX = ASIDE_PREFIX;
  Core.LIMITS = LIMITS;
  Core.TYPES = TYPES;
  Core.LETTERS = LETTERS;
  Core.ID = ID;
  Core.STRIP = STRIP;
  Core.MIGRATIONS = MIGRATIONS;
  Core.NOTICES = NOTICES;
  Core.isObject = isObject;
  Core.has = has;
  Core.isDate = isDate;
  Core.count = count;
  Core.later = later;
  Core.nowISO = nowISO;
  Core.normalise = normalise;
  Core.blankMatches = blankMatches;
  Core.check = check;
  Core.score = score;
  Core.passed = passed;
  Core.rng = rng;
  Core.draw = draw;
  Core.emptyRecord = emptyRecord;
  Core.clipGiven = clipGiven;
  Core.recordAnswer = recordAnswer;
  Core.better = better;
  Core.bestOf = bestOf;
  Core.recordAttempt = recordAttempt;
  Core.inBook = inBook;
  Core.capRecord = capRecord;
  Core.cleanQuestion = cleanQuestion;
  Core.cleanAttempt = cleanAttempt;
  Core.cleanQuiz = cleanQuiz;
  Core.sanitise = sanitise;
  Core.migrate = migrate;
  Core.exportText = exportText;
  Core.parseImport = parseImport;
  Core.mergeQuestion = mergeQuestion;
  Core.merge = merge;
  Core.isQuota = isQuota;
  Core.openStore = openStore;

})(typeof window !== "undefined" ? window : this);
