/* 党建学习门户 · 学习台账 (tai-zhang/): the branch secretary opens the members' exported
   学习记录 files and gets the members × weeks ledger, per quarter, as a table, .csv,
   .xlsx and a printable A4 台账. Everything happens in this browser: the files are read
   here, nothing is sent anywhere and nothing is stored.

   Part 1 is pure logic and also loads under Node (`module.exports`) for
   `node --test tests/js/`. It mirrors portal/ledger/aggregate.py and table.py rule for
   rule (read the rules there); both are run on tests/fixtures/ledger/ against the same
   expected results. Change one, change the other.
   Part 2 runs only in the browser: the page's plan JSON (<script id="ledger-data">),
   the file picker, drag-and-drop and folder input, the table, the quarter and branch
   filters, the downloads (.xlsx by the vendored write-excel-file, window.writeXlsxFile)
   and printing. */
(function (global) {
  "use strict";

  /* ===================== Part 1: pure logic ===================== */

  var APP = "dangjian-portal-quiz";
  var VERSION = 1;
  var MAX_CHARS = 20000000;
  var DAY = 86400000;
  var QUARTER_CN = "一二三四";
  var ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
  var SPACES = /[ \t\n\r\f\v]+/g;

  var MESSAGES = {
    "damaged": "文件已损坏或不完整（不是有效的 JSON），未读入。",
    "not-record": "不是本门户导出的学习记录文件，未读入。",
    "newer": "由更新版本的门户导出（记录格式第 {v} 版），本页读不懂，未读入。请使用最新版本的门户。",
    "too-big": "文件过大，不像学习记录文件，未读入。",
    "duplicate": "与“{other}”内容完全相同，只计一次。",
    "unnamed": "文件中没有姓名（旧版导出或未填写），按文件名“{name}”列出，不与其他文件合并。",
    "bad-attempts": "有 {n} 条成绩无法识别，已忽略。",
    "unknown-quiz": "记录中的题库“{quiz}”在门户中已不存在，它的 {n} 次成绩未计入。",
    "plan-changed": "导出时的学习计划与当前计划不同，成绩已按当前计划的周次和日期重新对应。",
    "merged": "{who}的 {n} 个文件已合并（{files}）：每周取最好成绩和最近日期。",
    "same-name": "“{name}”在{branches}各有记录，按不同的人分开列出。"
  };

  function msg(key, kw) {
    var text = MESSAGES[key];
    Object.keys(kw || {}).forEach(function (k) { text = text.split("{" + k + "}").join(String(kw[k])); });
    return text;
  }

  function isObject(x) { return x !== null && typeof x === "object" && !Array.isArray(x); }
  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }

  /* Code point order, as Python compares strings (UTF-16 order differs above U+FFFF). */
  function cmp(a, b) {
    if (a === b) return 0;
    var x = Array.from(a), y = Array.from(b), n = Math.min(x.length, y.length);
    for (var i = 0; i < n; i++) {
      if (x[i] !== y[i]) return x[i].codePointAt(0) < y[i].codePointAt(0) ? -1 : 1;
    }
    return x.length < y.length ? -1 : 1;
  }

  function cleanText(value) {
    if (typeof value !== "string") return "";
    return value.normalize("NFKC").replace(SPACES, " ").replace(/^ +| +$/g, "");
  }

  function pad(n, w) { return String(n).padStart(w, "0"); }
  function isoDay(t) { return pad(t.getUTCFullYear(), 4) + "-" + pad(t.getUTCMonth() + 1, 2) + "-" + pad(t.getUTCDate(), 2); }

  /* [epoch seconds, China date "YYYY-MM-DD"] of a strict ISO date-time, or null. */
  function instant(text) {
    if (typeof text !== "string" || text.length > 40) return null;
    var m = ISO.exec(text);
    if (!m) return null;
    var y = +m[1], mo = +m[2], d = +m[3], hh = +m[4], mi = +m[5], ss = m[6] ? +m[6] : 0, zone = m[7];
    if (y < 1900 || mo < 1 || mo > 12 || hh > 23 || mi > 59 || ss > 59) return null;
    var off = 0;
    if (zone !== "Z") {
      var oh = +zone.slice(1, 3), om = +zone.slice(4, 6);
      if (oh > 23 || om > 59) return null;
      off = (zone[0] === "+" ? 1 : -1) * (oh * 60 + om);
    }
    var t = new Date(0);
    t.setUTCFullYear(y, mo - 1, d);
    if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
    t.setUTCHours(hh, mi, ss, 0);
    var ms = t.getTime() - off * 60000;
    var china = new Date(ms + 8 * 3600000);
    if (china.getUTCFullYear() > 9999) return null;
    return [Math.round(ms / 1000), isoDay(china)];
  }

  function count(n) {
    return typeof n === "number" && isFinite(n) && n >= 0 ? Math.min(Math.floor(n), 1000000) : null;
  }

  function attempt(a) {
    if (!isObject(a)) return null;
    var when = instant(a.at), s = count(a.score), t = count(a.total);
    if (when === null || s === null || t === null || t === 0 || s > t) return null;
    return { at: a.at, t: when[0], day: when[1], score: s, total: t, passed: a.passed === true };
  }

  function better(a, b) {
    var x = a.score * b.total, y = b.score * a.total;
    return x > y || (x === y && a.t < b.t);
  }

  function dayNumber(iso) { return Math.round(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY); }
  function fromDayNumber(n) { return isoDay(new Date(n * DAY)); }

  function quarterOf(monday) {
    var th = fromDayNumber(dayNumber(monday) + 3);
    return th.slice(0, 4) + "-Q" + (Math.floor((+th.slice(5, 7) - 1) / 3) + 1);
  }

  function quarterLabel(key) { return key.slice(0, 4) + "年第" + QUARTER_CN[+key.slice(-1) - 1] + "季度"; }

  function planWeeks(plan) {
    var start = dayNumber(plan.start);
    return plan.weeks.map(function (w, i) {
      var monday = fromDayNumber(start + 7 * i);
      return { n: i + 1, monday: monday, sunday: fromDayNumber(start + 7 * i + 6), quarter: quarterOf(monday),
        quiz: w.quiz || null, regulation: w.regulation };
    });
  }

  function read(name, text, seen) {
    if (text === null || text.length > MAX_CHARS) return { aside: { file: name, reason: "too-big", message: msg("too-big") } };
    if (seen.has(text)) return { aside: { file: name, reason: "duplicate", message: msg("duplicate", { other: seen.get(text) }) } };
    seen.set(text, name);
    var data;
    try { data = JSON.parse(text.charAt(0) === "\ufeff" ? text.slice(1) : text); }
    catch (e) { return { aside: { file: name, reason: "damaged", message: msg("damaged") } }; }
    var v = isObject(data) ? data.version : null;
    if (!isObject(data) || data.app !== APP || typeof v !== "number" || !isFinite(v) || v % 1 !== 0 || v < 1) {
      return { aside: { file: name, reason: "not-record", message: msg("not-record") } };
    }
    if (v > VERSION) return { aside: { file: name, reason: "newer", message: msg("newer", { v: v }) } };
    return { data: data };
  }

  function stats(cells, weeks, indexes, today) {
    var due = indexes.filter(function (i) { return weeks[i].quiz && weeks[i].sunday < today; });
    var done = due.filter(function (i) { return cells[i] !== null; }).length;
    return { due: due.length, done: done, missed: due.length - done, rate: due.length ? Math.floor(done * 100 / due.length) : null };
  }

  function weekStats(members, i, quiz) {
    var n = members.length;
    if (quiz === false) return { members: n, tested: 0, passed: 0, completion: null, average: null };
    var tested = members.map(function (m) { return m.cells[i]; }).filter(function (c) { return c !== null; });
    var k = tested.length, total = 0, passed = 0;
    tested.forEach(function (c) { total += c.percent; if (c.passed) passed++; });
    return { members: n, tested: k, passed: passed, completion: n ? Math.floor(k * 100 / n) : null,
      average: k ? Math.floor((2 * total * 10 + k) / (2 * k)) / 10 : null };
  }

  /* plan: {id, start, weeks: [{quiz, regulation}], quizzes: {id: title}}; files: [[name, text]]; today: "YYYY-MM-DD". */
  function aggregate(plan, files, today) {
    var weeks = planWeeks(plan), known = plan.quizzes || {}, byQuiz = {}, start = plan.start;
    weeks.forEach(function (w, i) { if (w.quiz) (byQuiz[w.quiz] = byQuiz[w.quiz] || []).push(i); });
    var setAside = [], notes = [], seen = new Map(), members = Object.create(null), list = [];

    files.forEach(function (file, order) {
      var name = file[0], got = read(name, file[1], seen);
      if (got.aside) { setAside.push(got.aside); return; }
      var data = got.data;
      var member = isObject(data.member) ? data.member : {};
      var who = cleanText(member.name), branch = cleanText(member.branch), key;
      if (who) key = branch + "\u0000" + who;
      else {
        who = name.replace(/\\/g, "/").split("/").pop().replace(/\.json$/i, "") || name;
        key = "\u0001" + order;
        notes.push({ file: name, reason: "unnamed", message: msg("unnamed", { name: who }) });
      }
      var m = members[key];
      if (!m) {
        m = members[key] = { name: who, branch: branch, anonymous: key.charAt(0) === "\u0001", order: order, files: [],
          exported: null, attempts: {}, quizOrder: [] };
        list.push(m);
      }
      m.files.push(name);
      var stamp = instant(data.exported);
      if (stamp && (m.exported === null || stamp[1] > m.exported)) m.exported = stamp[1];
      if (typeof data.plan === "string" && plan.id && data.plan !== plan.id) {
        notes.push({ file: name, reason: "plan-changed", message: msg("plan-changed") });
      }
      var quizzes = isObject(data.quizzes) ? data.quizzes : {}, bad = 0;
      Object.keys(quizzes).sort(cmp).forEach(function (qid) {
        var entry = quizzes[qid], raw = [], good = [];
        if (isObject(entry)) {
          raw = Array.isArray(entry.attempts) ? entry.attempts.slice() : [];
          if (entry.best !== null && entry.best !== undefined) raw.push(entry.best);
        }
        raw.forEach(function (a) { var x = attempt(a); if (x === null) bad++; else good.push(x); });
        if (!has(known, qid)) {
          if (good.length) {
            var keys = {};
            good.forEach(function (a) { keys[a.at + "|" + a.score + "|" + a.total] = true; });
            notes.push({ file: name, reason: "unknown-quiz", message: msg("unknown-quiz", { quiz: qid, n: Object.keys(keys).length }) });
          }
          return;
        }
        if (!has(m.attempts, qid)) { m.attempts[qid] = { keys: {}, list: [] }; m.quizOrder.push(qid); }
        var bucket = m.attempts[qid];
        good.forEach(function (a) {
          var k = a.at + "|" + a.score + "|" + a.total;
          if (!has(bucket.keys, k)) { bucket.keys[k] = true; bucket.list.push(a); }
        });
      });
      if (bad) notes.push({ file: name, reason: "bad-attempts", message: msg("bad-attempts", { n: bad }) });
    });

    var ordered = list.slice().sort(function (a, b) {
      return cmp(a.branch, b.branch) || cmp(a.name, b.name) || a.order - b.order;
    });
    var outMembers = ordered.map(function (m) {
      var cells = weeks.map(function () { return null; });
      var placed = weeks.map(function () { return []; });
      m.quizOrder.forEach(function (qid) {
        var slots = byQuiz[qid];
        if (!slots) return;
        m.attempts[qid].list.forEach(function (a) {
          if (a.day < start) return;
          var target = slots[0];
          slots.forEach(function (i) { if (weeks[i].monday <= a.day) target = i; });
          placed[target].push(a);
        });
      });
      placed.forEach(function (got, i) {
        if (!got.length) return;
        var best = got[0], latest = got[0].t, first = got[0].day;
        got.slice(1).forEach(function (a) {
          if (better(a, best)) best = a;
          if (a.t > latest) latest = a.t;
          if (a.day < first) first = a.day;
        });
        var date = null;
        for (var j = 0; j < got.length; j++) if (got[j].t === latest) { date = got[j].day; break; }
        cells[i] = { score: best.score, total: best.total, percent: Math.floor(best.score * 100 / best.total),
          passed: best.passed, date: date, attempts: got.length, late: first > weeks[i].sunday };
      });
      return { name: m.name, branch: m.branch, anonymous: m.anonymous, files: m.files, exported: m.exported, cells: cells };
    });

    var quarters = [];
    weeks.forEach(function (w, i) {
      if (!quarters.length || quarters[quarters.length - 1].key !== w.quarter) {
        quarters.push({ key: w.quarter, label: quarterLabel(w.quarter), weeks: [] });
      }
      quarters[quarters.length - 1].weeks.push(i);
    });
    var everything = weeks.map(function (w, i) { return i; });
    outMembers.forEach(function (m) {
      m.total = stats(m.cells, weeks, everything, today);
      m.quarters = {};
      quarters.forEach(function (q) { m.quarters[q.key] = stats(m.cells, weeks, q.weeks, today); });
    });
    weeks.forEach(function (w, i) {
      var s = weekStats(outMembers, i, !!w.quiz);
      Object.keys(s).forEach(function (k) { w[k] = s[k]; });
    });

    ordered.forEach(function (m) {
      if (m.files.length > 1) {
        var who = m.name + (m.branch ? "（" + m.branch + "）" : "");
        notes.push({ member: who, reason: "merged", message: msg("merged", { who: who, n: m.files.length, files: m.files.join("、") }) });
      }
    });
    var branches = {}, names = [];
    ordered.forEach(function (m) {
      if (m.anonymous) return;
      if (!has(branches, m.name)) { branches[m.name] = []; names.push(m.name); }
      branches[m.name].push(m.branch || "（未填支部）");
    });
    names.sort(cmp).forEach(function (who) {
      if (branches[who].length > 1) {
        notes.push({ member: who, reason: "same-name", message: msg("same-name", { name: who, branches: branches[who].join("、") }) });
      }
    });

    return { plan: { id: plan.id === undefined ? null : plan.id, start: start, today: today }, weeks: weeks, quarters: quarters,
      members: outMembers, setAside: setAside, notes: notes, files: files.length, read: files.length - setAside.length };
  }

  /* ---------- the ledger as rows (portal/ledger/table.py) ---------- */

  function dayCN(iso) { return (+iso.slice(5, 7)) + "月" + (+iso.slice(8, 10)) + "日"; }
  function weekHead(w) { return "第" + w.n + "周（" + dayCN(w.monday) + "—" + dayCN(w.sunday) + "）"; }

  function cellText(cell, week, today) {
    if (cell === null && !week.quiz) return "无自测";
    if (cell === null) return week.sunday < today ? "未测" : "";
    var text = cell.percent + "% " + (cell.passed ? "及格" : "未及格") + " " + dayCN(cell.date);
    return cell.late ? text + "（补测）" : text;
  }

  function rateText(s) { return s.rate === null ? "—" : s.rate + "%"; }

  function weekFoot(w) {
    if (!w.quiz) return "无自测";
    if (!w.members) return "";
    return w.tested + "/" + w.members + "人 平均" + (w.average === null ? "—" : String(w.average) + "%");
  }

  function sheetRows(ledger, quarter) {
    var today = ledger.plan.today, weeks = ledger.weeks;
    var idx = [];
    weeks.forEach(function (w, i) { if (!quarter || w.quarter === quarter) idx.push(i); });
    var rows = [["支部", "姓名"].concat(idx.map(function (i) { return weekHead(weeks[i]); }), ["应学周数", "已完成", "缺学", "完成率"])];
    ledger.members.forEach(function (m) {
      var s = quarter ? m.quarters[quarter] : m.total;
      rows.push([m.branch, m.name].concat(idx.map(function (i) { return cellText(m.cells[i], weeks[i], today); }),
        [s.due, s.done, s.missed, rateText(s)]));
    });
    rows.push(["", "各周完成情况"].concat(idx.map(function (i) { return weekFoot(weeks[i]); }), ["", "", "", ""]));
    return rows;
  }

  function summaryRows(ledger) {
    var qs = ledger.quarters;
    var rows = [["支部", "姓名"].concat(qs.map(function (q) { return q.label; }), ["应学周数", "已完成", "缺学", "完成率", "记录文件"])];
    ledger.members.forEach(function (m) {
      var t = m.total;
      rows.push([m.branch, m.name].concat(qs.map(function (q) { return m.quarters[q.key].done + "/" + m.quarters[q.key].due; }),
        [t.due, t.done, t.missed, rateText(t), m.files.join("、")]));
    });
    return rows;
  }

  function csvText(rows) {
    function field(v) {
      var s = String(v);
      if ("=+-@\t\r".indexOf(s.charAt(0)) !== -1 && s !== "") s = "'" + s;
      return /[,"\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    }
    return "\ufeff" + rows.map(function (row) { return row.map(field).join(",") + "\r\n"; }).join("");
  }

  /* Display width in characters (CJK counts double), for the .xlsx column widths. */
  function width(v) {
    var n = 0;
    Array.from(String(v)).forEach(function (c) { n += c.codePointAt(0) > 0x2e80 ? 2 : 1; });
    return n;
  }

  function columnWidths(rows) {
    var out = [];
    for (var c = 0; c < rows[0].length; c++) {
      var widest = 0;
      for (var r = 1; r < rows.length; r++) widest = Math.max(widest, width(rows[r][c] === undefined ? "" : rows[r][c]));
      out.push(Math.min(Math.max(widest, Math.min(width(rows[0][c]), 16), 6) + 2, 60));
    }
    return out;
  }

  /* The ledger of one branch ("" = members without one; null = everyone): members
     filtered, each week's figures recomputed over them. */
  function forBranch(ledger, branch) {
    if (branch === null || branch === undefined) return ledger;
    var members = ledger.members.filter(function (m) { return m.branch === branch; });
    var weeks = ledger.weeks.map(function (w, i) {
      var out = {}, s = weekStats(members, i, !!w.quiz);
      Object.keys(w).forEach(function (k) { out[k] = w[k]; });
      Object.keys(s).forEach(function (k) { out[k] = s[k]; });
      return out;
    });
    var copy = {};
    Object.keys(ledger).forEach(function (k) { copy[k] = ledger[k]; });
    copy.members = members;
    copy.weeks = weeks;
    return copy;
  }

  var Ledger = {
    APP: APP, VERSION: VERSION, MESSAGES: MESSAGES, instant: instant, cleanText: cleanText, quarterOf: quarterOf,
    quarterLabel: quarterLabel, planWeeks: planWeeks, aggregate: aggregate, weekStats: weekStats, stats: stats,
    sheetRows: sheetRows, summaryRows: summaryRows, csvText: csvText, cellText: cellText, weekHead: weekHead,
    rateText: rateText, columnWidths: columnWidths, cmp: cmp, forBranch: forBranch, dayCN: dayCN
  };
  if (typeof module !== "undefined" && module.exports) module.exports = Ledger;
  if (typeof document === "undefined") return;
  global.PortalLedger = Ledger;

  /* ===================== Part 2: the page ===================== */

  var READ_LIMIT = MAX_CHARS * 4;     // bytes: a bigger file is set aside unread
  var PAGE = 200;                      // table rows drawn at a time (thousands of rows take long to lay out)

  function h(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") node.textContent = v;
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

  function todayISO() {
    var fixed = global.__PORTAL_TEST__ && global.__PORTAL_TEST__.today;   // test hook: a page script may fix the date
    if (typeof fixed === "string" && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
    var d = new Date();   // the secretary's own calendar date
    return pad(d.getFullYear(), 4) + "-" + pad(d.getMonth() + 1, 2) + "-" + pad(d.getDate(), 2);
  }

  function dateLong(iso) { return (+iso.slice(0, 4)) + "年" + dayCN(iso); }

  function save(name, blob) {
    var url = URL.createObjectURL(blob);
    var a = h("a", { href: url, download: name, hidden: true });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); if (a.parentNode) a.parentNode.removeChild(a); }, 1000);
  }

  function safeName(s) { return String(s).replace(/[\\/:*?"<>|\s]+/g, "_"); }

  /* Every file under a dropped folder (DataTransfer entries), with its path. */
  function walk(entry, path, out) {
    return new Promise(function (resolve) {
      if (entry.isFile) {
        entry.file(function (f) { out.push({ file: f, name: path + entry.name }); resolve(); }, function () { resolve(); });
        return;
      }
      if (!entry.isDirectory) { resolve(); return; }
      var reader = entry.createReader(), all = [];
      (function more() {
        reader.readEntries(function (batch) {
          if (!batch.length) {
            Promise.all(all.map(function (e) { return walk(e, path + entry.name + "/", out); })).then(function () { resolve(); });
            return;
          }
          all = all.concat(Array.prototype.slice.call(batch));
          more();
        }, function () { resolve(); });
      })();
    });
  }

  function init(app) {
    var plan;
    try { plan = JSON.parse(document.getElementById("ledger-data").textContent); } catch (e) { return; }
    var loaded = [], names = {}, skipped = 0, ledger = null, quarter = "", branch = null, limit = PAGE;
    var titles = plan.weeks;

    var status = h("p", { class: "ledger-status", role: "status", "aria-live": "polite" });
    var pick = h("input", { type: "file", multiple: true, accept: ".json,application/json", id: "ledger-files", class: "ledger-file" });
    var folder = h("input", { type: "file", multiple: true, id: "ledger-folder", class: "ledger-file" });
    var canFolder = "webkitdirectory" in folder;
    if (canFolder) folder.setAttribute("webkitdirectory", "");
    var drop = h("div", { class: "ledger-drop" }, [
      h("p", { class: "ledger-drop__text", text: "把党员交来的学习记录文件（.json）或整个文件夹拖到这里，或者：" }),
      h("p", { class: "ledger-drop__buttons" }, [
        h("label", { class: "md-button md-button--primary ledger-pick", for: "ledger-files" }, ["选择记录文件（可多选）", pick]),
        canFolder ? h("label", { class: "md-button ledger-pick", for: "ledger-folder" }, ["选择文件夹", folder]) : null,
        h("button", { type: "button", class: "md-button ledger-clear", text: "清空", hidden: true, onclick: clear })])]);
    var view = h("div", { class: "ledger-view" });
    app.appendChild(drop);
    app.appendChild(status);
    app.appendChild(view);

    pick.addEventListener("change", function () { addFiles(Array.prototype.map.call(pick.files, function (f) { return { file: f, name: f.name }; }), false); pick.value = ""; });
    folder.addEventListener("change", function () {
      addFiles(Array.prototype.map.call(folder.files, function (f) { return { file: f, name: f.webkitRelativePath || f.name }; }), true);
      folder.value = "";
    });
    ["dragenter", "dragover"].forEach(function (type) {
      drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.add("is-over"); });
    });
    drop.addEventListener("dragleave", function () { drop.classList.remove("is-over"); });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      drop.classList.remove("is-over");
      var items = e.dataTransfer && e.dataTransfer.items, out = [], waits = [], dir = false;
      if (items && items.length && items[0].webkitGetAsEntry) {
        Array.prototype.forEach.call(items, function (it) {
          var entry = it.webkitGetAsEntry && it.webkitGetAsEntry();
          if (entry && entry.isDirectory) dir = true;
          if (entry) waits.push(walk(entry, "", out));
        });
        if (!waits.length) addFiles(Array.prototype.map.call(e.dataTransfer.files, function (f) { return { file: f, name: f.name }; }), false);
        else Promise.all(waits).then(function () { addFiles(out, dir); });
      } else {
        addFiles(Array.prototype.map.call(e.dataTransfer.files, function (f) { return { file: f, name: f.name }; }), false);
      }
    });

    function clear() {
      loaded = []; names = {}; skipped = 0; ledger = null;
      view.textContent = "";
      drop.querySelector(".ledger-clear").hidden = true;
      status.textContent = "已清空。";
    }

    /* Read the chosen files (a folder's non-.json files are counted, not read) and sum up again. */
    function addFiles(list, fromFolder) {
      if (!list.length) return;
      var started = Date.now();
      status.textContent = "正在读取 " + list.length + " 个文件……";
      var wanted = list.filter(function (x) {
        if (fromFolder && !/\.json$/i.test(x.name)) { skipped++; return false; }
        return true;
      });
      Promise.all(wanted.map(function (x) {
        if (x.file.size > READ_LIMIT) return Promise.resolve([x.name, null]);
        return x.file.text().then(function (t) { return [x.name, t]; }, function () { return [x.name, ""]; });
      })).then(function (read) {
        read.forEach(function (pair) {
          var name = pair[0], n = 2;
          while (has(names, name)) name = pair[0] + "（" + (n++) + "）";   // the same name from two folders stays two files
          names[name] = true;
          loaded.push([name, pair[1]]);
        });
        ledger = aggregate(plan, loaded, todayISO());
        render();
        drop.querySelector(".ledger-clear").hidden = false;
        var secs = ((Date.now() - started) / 1000).toFixed(1);
        status.textContent = "已读入 " + ledger.read + " 个文件（共选择 " + ledger.files + " 个），" + ledger.members.length + " 人" +
          (ledger.setAside.length ? "；" + ledger.setAside.length + " 个文件未读入，原因见下方" : "") +
          (skipped ? "；文件夹中另有 " + skipped + " 个不是 .json 的文件，未读取" : "") + "。用时 " + secs + " 秒。";
      });
    }

    function render() {
      view.textContent = "";
      var branches = [];
      ledger.members.forEach(function (m) { if (branches.indexOf(m.branch) === -1) branches.push(m.branch); });
      if (branch !== null && branches.indexOf(branch) === -1) branch = null;
      if (quarter && !ledger.quarters.some(function (q) { return q.key === quarter; })) quarter = "";
      var shown = forBranch(ledger, branch);

      var qSel = h("select", { id: "ledger-quarter", onchange: function () { quarter = qSel.value; render(); } },
        [h("option", { value: "", text: "全部周次" })].concat(ledger.quarters.map(function (q) {
          return h("option", { value: q.key, text: q.label + "（第" + (q.weeks[0] + 1) + "—" + (q.weeks[q.weeks.length - 1] + 1) + "周）" });
        })));
      qSel.value = quarter;
      var bSel = h("select", { id: "ledger-branch", onchange: function () { branch = bSel.value === "*" ? null : bSel.value; limit = PAGE; render(); } },
        [h("option", { value: "*", text: "全部支部" })].concat(branches.map(function (b) { return h("option", { value: b, text: b || "（未填支部）" }); })));
      bSel.value = branch === null ? "*" : branch;
      var title = h("input", { type: "text", id: "ledger-title", value: branch || (branches.length === 1 ? branches[0] : "") });
      view.appendChild(h("div", { class: "ledger-controls" }, [
        h("p", null, [h("label", { for: "ledger-quarter", text: "季度" }), qSel]),
        h("p", null, [h("label", { for: "ledger-branch", text: "支部" }), bSel]),
        h("p", null, [h("label", { for: "ledger-title", text: "台账抬头（支部名称）" }), title]),
        h("p", { class: "ledger-actions" }, [
          h("button", { type: "button", class: "md-button md-button--primary", text: "下载 Excel", onclick: function () { downloadXlsx(shown, title.value); } }),
          h("button", { type: "button", class: "md-button", text: "下载 CSV", onclick: function () { downloadCsv(shown, title.value); } }),
          h("button", { type: "button", class: "md-button", text: "打印台账", onclick: function () { global.print(); } })])]));

      var idx = [];
      shown.weeks.forEach(function (w, i) { if (!quarter || w.quarter === quarter) idx.push(i); });
      var period = idx.length ? dateLong(shown.weeks[idx[0]].monday) + "—" + dateLong(shown.weeks[idx[idx.length - 1]].sunday) : "";
      var qLabel = quarter ? ledger.quarters.filter(function (q) { return q.key === quarter; })[0].label : "学习计划全部周次";
      var head = h("div", { class: "ledger-print-head" }, [
        h("p", { class: "ledger-print-title" }, [h("span", { class: "ledger-print-branch", text: title.value || "＿＿＿＿党支部" }), "学习台账"]),
        h("p", { class: "ledger-print-meta", text: "统计期间：" + qLabel + "（" + period + "）　统计日期：" + dateLong(ledger.plan.today) +
          "　人数：" + shown.members.length })]);
      title.addEventListener("input", function () { head.querySelector(".ledger-print-branch").textContent = title.value || "＿＿＿＿党支部"; });
      view.appendChild(head);

      view.appendChild(table(shown, idx, qLabel));
      view.appendChild(h("div", { class: "ledger-sign" }, [
        h("p", { text: "支部书记（签字）：＿＿＿＿＿＿＿＿　　　日期：＿＿＿＿年＿＿月＿＿日" })]));
      view.appendChild(lists());
    }

    function table(shown, idx, qLabel) {
      var today = shown.plan.today;
      var headRow = h("tr", null, [h("th", { scope: "col", text: "支部" }), h("th", { scope: "col", text: "姓名" })]
        .concat(idx.map(function (i) {
          var w = shown.weeks[i], t = titles[i] || {};
          return h("th", { scope: "col", class: "ledger-week", title: (t.regTitle ? "《" + t.regTitle + "》" : "") + (t.quizTitle ? " · " + t.quizTitle : "") },
            ["第" + w.n + "周", h("span", { class: "ledger-week__dates", text: dayCN(w.monday) + "—" + dayCN(w.sunday) })]);
        }), [h("th", { scope: "col", text: "已完成/应学" }), h("th", { scope: "col", text: "缺学" }), h("th", { scope: "col", text: "完成率" })]));
      var body = document.createDocumentFragment();
      shown.members.slice(0, limit).forEach(function (m) {
        var s = quarter ? m.quarters[quarter] : m.total;
        var tr = h("tr", { "data-member": m.name });
        tr.appendChild(h("td", { class: "ledger-branch", text: m.branch || "—" }));
        tr.appendChild(h("th", { scope: "row", class: "ledger-name", text: m.name, title: m.files.join("、") }));
        idx.forEach(function (i) { tr.appendChild(cell(m.cells[i], shown.weeks[i], today)); });
        tr.appendChild(h("td", { class: "ledger-num", text: s.done + "/" + s.due }));
        tr.appendChild(h("td", { class: "ledger-num", text: String(s.missed) }));
        tr.appendChild(h("td", { class: "ledger-num", text: rateText(s) }));
        body.appendChild(tr);
      });
      var tbody = h("tbody");
      tbody.appendChild(body);
      var foot = h("tr", { class: "ledger-foot" }, [h("td"), h("th", { scope: "row", text: "本周完成 / 平均分" })]
        .concat(idx.map(function (i) {
          var w = shown.weeks[i];
          return h("td", { class: "ledger-foot__week", text: !w.quiz ? "无自测" : w.members ? w.tested + "/" + w.members + "人（" + w.completion + "%）" +
            (w.average === null ? "" : " 平均" + w.average + "%") : "" });
        }), [h("td"), h("td"), h("td")]));
      var caption = h("caption", { text: qLabel + "：每人每周的自测情况（✓ 已测，✗ 未测；百分数为最好成绩的得分率）" });
      var rest = shown.members.length - Math.min(limit, shown.members.length);
      return h("div", null, [
        h("div", { class: "ledger-wrap", role: "region", "aria-label": "学习台账表格（可左右滚动）", tabindex: "0" }, [
          h("table", { class: "ledger-table" }, [caption, h("thead", null, [headRow]), tbody, h("tfoot", null, [foot])])]),
        rest ? h("p", { class: "ledger-more" }, [
          "表中列出前 " + limit + " 人，还有 " + rest + " 人（下载的 Excel 和 CSV 包含全部人员；可按支部筛选）。",
          h("button", { type: "button", class: "md-button", text: "再显示 " + Math.min(rest, PAGE) + " 人", onclick: function () { limit += PAGE; render(); } }),
          h("button", { type: "button", class: "md-button", text: "全部显示（人数多时较慢）", onclick: function () { limit = Infinity; render(); } })]) : null]);
    }

    function cell(c, w, today) {
      if (c === null) {
        if (!w.quiz) return h("td", { class: "ledger-cell is-none", text: "无自测" });
        if (w.sunday < today) return h("td", { class: "ledger-cell is-missed" }, [h("span", { class: "ledger-mark", "aria-hidden": "true", text: "✗" }), " 未测"]);
        return h("td", { class: "ledger-cell is-open", text: "—", title: "本周尚未结束" });
      }
      return h("td", { class: "ledger-cell is-done" + (c.passed ? "" : " is-failed"), title: c.score + " / " + c.total + " 分，共测 " + c.attempts + " 次" }, [
        h("span", { class: "ledger-mark", "aria-hidden": "true", text: "✓" }), " " + c.percent + "% ",
        h("span", { class: "ledger-pass", text: c.passed ? "及格" : "未及格" }),
        h("span", { class: "ledger-date", text: dayCN(c.date) + (c.late ? "（补测）" : "") })]);
    }

    function lists() {
      var box = h("div", { class: "ledger-lists" });
      box.appendChild(h("h2", { id: "set-aside", text: "未读入的文件（" + ledger.setAside.length + "）" }));
      box.appendChild(ledger.setAside.length ? h("ul", { class: "ledger-aside" }, ledger.setAside.map(function (x) {
        return h("li", { "data-reason": x.reason }, [h("strong", { text: x.file }), "：" + x.message]);
      })) : h("p", { text: "没有。所有文件都已读入。" }));
      box.appendChild(h("h2", { id: "notes", text: "合并与说明（" + ledger.notes.length + "）" }));
      if (!ledger.notes.length) box.appendChild(h("p", { text: "没有需要说明的情况。" }));
      /* One list per kind of note; a long one (a changed plan touches every file) folded. */
      var kinds = [];
      ledger.notes.forEach(function (x) { if (kinds.indexOf(x.reason) === -1) kinds.push(x.reason); });
      kinds.forEach(function (reason) {
        var items = ledger.notes.filter(function (x) { return x.reason === reason; });
        var ul = h("ul", { class: "ledger-notes" }, items.map(function (x) {
          return h("li", { "data-reason": x.reason }, [h("strong", { text: x.file || x.member }), "：" + x.message]);
        }));
        box.appendChild(items.length > 10 ? h("details", { class: "ledger-fold" }, [
          h("summary", { text: items[0].message.split("：")[0].replace(/[，。].*$/, "") + "……（共 " + items.length + " 条）" }), ul]) : ul);
      });
      return box;
    }

    function stampName(shown, title, ext) {
      var q = quarter ? ledger.quarters.filter(function (x) { return x.key === quarter; })[0].label : "全部";
      return ["学习台账", title, q, ledger.plan.today.replace(/-/g, "")].filter(Boolean).map(safeName).join("-") + ext;
    }

    function downloadCsv(shown, title) {
      save(stampName(shown, title, ".csv"), new Blob([csvText(sheetRows(shown, quarter || null))], { type: "text/csv;charset=utf-8" }));
      status.textContent = "已下载 CSV 文件。";
    }

    function downloadXlsx(shown, title) {
      if (typeof global.PortalXlsx !== "function") { status.textContent = "Excel 组件未能加载，请刷新页面后再试，或下载 CSV。"; return; }
      function sheet(name, rows) {
        return { sheet: name, data: rows.map(function (row, r) {
          return row.map(function (v) {
            return r === 0 ? { value: String(v), fontWeight: "bold", wrap: true, alignVertical: "top" } : { value: v };
          });
        }), columns: columnWidths(rows).map(function (w) { return { width: w }; }), stickyRowsCount: 1, stickyColumnsCount: 2, orientation: "landscape" };
      }
      var sheets = [sheet("汇总", summaryRows(shown))].concat(ledger.quarters.map(function (q) { return sheet(q.label, sheetRows(shown, q.key)); }));
      status.textContent = "正在生成 Excel 文件……";
      global.PortalXlsx(sheets, { fontFamily: "等线", fontSize: 11 }).then(function (blob) {
        save(stampName(shown, title, ".xlsx"), blob);
        status.textContent = "已下载 Excel 文件（汇总表和每季度一张表）。";
      }, function () { status.textContent = "Excel 文件未能生成，请下载 CSV。"; });
    }
  }

  function boot() {
    var app = document.querySelector("[data-ledger-app]");
    if (app) init(app);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})(typeof window !== "undefined" ? window : this);
