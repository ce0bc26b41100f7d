/* 党建学习门户 · 学习计划、首页“本周学习”、学习问答. No framework, nothing loaded
   from outside the site.

   Part 1 is pure logic and also loads under Node (`module.exports`) for
   `node --test tests/js/`: which week of the plan a day falls in (the same rule as
   portal/study/plan.py: week N runs Monday–Sunday from start + 7 × (N − 1) days; the
   two are checked against each other on a table of dates), and reading the best
   score of a quiz from the reader's quiz record.

   Part 2 runs in the browser, on the reader's LOCAL date (their clock and time zone;
   in China that is UTC+8):
   - plan page (plan/): marks the current week's row, adds 本周, shows each week's best
     score; without JavaScript the full table is all there is.
   - home page: re-renders the 本周学习 card from the JSON the build put beside it
     (the build renders it for the build date, labelled so, as the no-JS fallback).
   - Q&A pages (study/<id>/): opens the item a link (#<item id>) targets; 全部展开/收起.

   The quiz record (localStorage "portal.quiz.record", written by quiz.js) is only
   read, never written, and read defensively: anything unexpected counts as no score. */
(function (global) {
  "use strict";

  /* ===================== Part 1: pure logic ===================== */

  var RECORD_KEY = "portal.quiz.record";
  var DAY = 86400000;
  var WEEKDAYS = "日一二三四五六";   // index = day of week, 0 = Sunday

  function isObject(x) { return x !== null && typeof x === "object" && !Array.isArray(x); }
  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }

  /* "2026-09-07" → {y, m, d}, or null when it is not a real date. */
  function parseDate(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text));
    if (!m) return null;
    var y = +m[1], mo = +m[2], d = +m[3];
    var back = new Date(Date.UTC(y, mo - 1, d));
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
    return { y: y, m: mo, d: d };
  }

  /* Days since 1970-01-01 of a calendar date (no time zone involved). */
  function dayNumber(date) { return Math.round(Date.UTC(date.y, date.m - 1, date.d) / DAY); }

  function fromDayNumber(n) {
    var t = new Date(n * DAY);
    return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
  }

  /* The calendar date of a moment where the reader is (their time zone). */
  function localDate(moment) { return { y: moment.getFullYear(), m: moment.getMonth() + 1, d: moment.getDate() }; }

  /* {state, index}: "before" (index 0), "during" (index of the current week),
     "after" (index of the last week) or "empty" (index null). */
  function weekOf(start, count, today) {
    var s = typeof start === "string" ? parseDate(start) : start;
    if (!s || !today || !(count > 0)) return { state: "empty", index: null };
    var k = Math.floor((dayNumber(today) - dayNumber(s)) / 7);
    if (k < 0) return { state: "before", index: 0 };
    if (k >= count) return { state: "after", index: count - 1 };
    return { state: "during", index: k };
  }

  function dateCN(date) { return date.y + "年" + date.m + "月" + date.d + "日"; }
  function weekdayCN(date) { return "星期" + WEEKDAYS[(((dayNumber(date) + 4) % 7) + 7) % 7]; }   // 1970-01-01 was a Thursday

  /* Sunday of the plan's last week. */
  function planEnd(start, count) { return fromDayNumber(dayNumber(parseDate(start)) + 7 * count - 1); }

  /* The parsed quiz record, or null. */
  function parseRecord(raw) {
    if (typeof raw !== "string") return null;
    try { var rec = JSON.parse(raw); return isObject(rec) ? rec : null; } catch (e) { return null; }
  }

  /* {score, total, passed} of a quiz's best attempt, or null. */
  function bestOf(record, quizId) {
    if (!isObject(record) || !isObject(record.quizzes) || typeof quizId !== "string" || !has(record.quizzes, quizId)) return null;
    var entry = record.quizzes[quizId];
    var best = isObject(entry) ? entry.best : null;
    if (!isObject(best)) return null;
    var score = best.score, total = best.total;
    if (typeof score !== "number" || typeof total !== "number" || !isFinite(score) || !isFinite(total)) return null;
    if (total <= 0 || score < 0 || score > total) return null;
    return { score: score, total: total, passed: best.passed === true };
  }

  function points(n) { return String(Math.round(n * 10) / 10); }

  function scoreText(best) {
    if (!best) return "尚未自测";
    return (best.passed ? "已完成" : "未及格") + " · 最好成绩 " + points(best.score) + "/" + points(best.total) + " 分";
  }

  /* The home card's line about this week's quiz. */
  function cardScoreText(best) {
    if (!best) return "本周自测尚未完成";
    return (best.passed ? "自测已完成" : "自测未及格") + "，最好成绩 " + points(best.score) + "/" + points(best.total) + " 分";
  }

  var api = { parseDate: parseDate, dayNumber: dayNumber, fromDayNumber: fromDayNumber, localDate: localDate,
              weekOf: weekOf, dateCN: dateCN, weekdayCN: weekdayCN, planEnd: planEnd, parseRecord: parseRecord,
              bestOf: bestOf, scoreText: scoreText, cardScoreText: cardScoreText, RECORD_KEY: RECORD_KEY };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  /* ===================== Part 2: the browser ===================== */

  function readRecord() {
    try { return parseRecord(global.localStorage.getItem(RECORD_KEY)); } catch (e) { return null; }
  }

  function todayLine(date) { return "今天是" + dateCN(date) + "（" + weekdayCN(date) + "）"; }

  function initPlan(doc, today, record) {
    var table = doc.querySelector("[data-plan]");
    if (!table) return;
    var start = table.getAttribute("data-plan-start");
    var count = parseInt(table.getAttribute("data-plan-weeks"), 10);
    var status = weekOf(start, count, today);
    if (status.index === null) return;
    var current = status.state === "during" ? status.index : -1;
    var begun = status.state === "before" ? 0 : status.state === "after" ? count : current + 1;   // weeks begun so far
    Array.prototype.forEach.call(table.querySelectorAll("tr[data-week]"), function (row) {
      var i = parseInt(row.getAttribute("data-week"), 10) - 1;
      row.classList.toggle("plan-week--past", i < begun && i !== current);
      row.classList.toggle("plan-week--current", i === current);
      if (i === current) row.setAttribute("aria-current", "date"); else row.removeAttribute("aria-current");
      var badge = row.querySelector("[data-plan-now]");
      if (badge) badge.hidden = i !== current;
      var cell = row.querySelector("[data-plan-quiz]");
      if (!cell) return;
      var best = bestOf(record, cell.getAttribute("data-plan-quiz"));
      cell.textContent = scoreText(best);
      cell.className = "plan-score plan-score--" + (best ? (best.passed ? "passed" : "failed") : "none");
      cell.hidden = !best && i >= begun;           // “尚未自测” only for weeks that have begun
      row.classList.toggle("plan-week--done", !!(best && best.passed));
    });
    var line = doc.querySelector("[data-plan-today]");
    if (!line) return;
    var text = line.querySelector("[data-plan-today-text]");
    var link = line.querySelector("[data-plan-today-link]");
    if (status.state === "during") {
      text.textContent = todayLine(today) + "，本周是第" + (current + 1) + "周。";
      link.href = "#week-" + (current + 1);
      link.textContent = "跳到本周";
      link.hidden = false;
    } else if (status.state === "before") {
      text.textContent = todayLine(today) + "，学习计划尚未开始，第1周从" + dateCN(parseDate(start)) + "开始。";
      link.href = "#week-1";
      link.textContent = "查看第1周";
      link.hidden = false;
    } else {
      text.textContent = todayLine(today) + "，本期学习计划已于" + dateCN(planEnd(start, count)) + "结束。";
      link.hidden = true;
    }
    line.hidden = false;
  }

  function initHome(doc, today, record) {
    var card = doc.querySelector("[data-home-week]");
    var json = card && card.querySelector("script[data-week-data]");
    if (!json) return;
    var data;
    try { data = JSON.parse(json.textContent); } catch (e) { return; }
    if (!isObject(data) || !Array.isArray(data.weeks)) return;
    var status = weekOf(data.start, data.weeks.length, today);
    var week = status.index === null ? null : data.weeks[status.index];
    if (!isObject(week)) return;
    function slot(name) { return card.querySelector('[data-week-slot="' + name + '"]'); }

    slot("when").textContent =
      status.state === "before" ? "学习计划将于" + dateCN(parseDate(data.start)) + "开始 · 第1周预告" :
      status.state === "after" ? "本期学习计划已于" + dateCN(planEnd(data.start, data.weeks.length)) + "结束 · 最后一周回顾" :
      "第" + week.n + "周 · " + week.dates;
    slot("basis").textContent = todayLine(today);
    var reg = slot("reg");
    reg.textContent = week.reg.title;
    reg.href = week.reg.url;
    var focus = slot("focus");
    while (focus.firstChild) focus.removeChild(focus.firstChild);
    (week.focus || []).forEach(function (f, i) {
      if (i) focus.appendChild(doc.createTextNode("、"));
      var a = doc.createElement("a");
      a.href = f.url;
      a.textContent = f.label;
      focus.appendChild(a);
    });
    slot("focus-line").hidden = !(week.focus && week.focus.length);
    slot("note").textContent = week.note || "";
    slot("note").hidden = !week.note;
    var quiz = slot("quiz");
    quiz.href = week.quiz ? week.quiz.url : data.planUrl;
    quiz.textContent = week.quiz ? (status.state === "during" ? "开始本周自测" : "开始自测") : "查看学习计划";
    slot("plan").href = data.planUrl + "#week-" + week.n;
    var score = slot("score");
    var best = week.quiz ? bestOf(record, week.quiz.id) : null;
    score.textContent = cardScoreText(best);
    score.className = "home-week__score home-week__score--" + (best ? (best.passed ? "passed" : "failed") : "none");
    score.hidden = !week.quiz || status.state !== "during";
    card.setAttribute("data-week-state", status.state);
    card.setAttribute("data-week-n", String(week.n));
  }

  function initQA(doc) {
    var items = doc.querySelectorAll("details.qa-item");
    if (!items.length) return;
    function openTarget() {
      var id;
      try { id = decodeURIComponent(global.location.hash.slice(1)); } catch (e) { return; }
      var el = id && doc.getElementById(id);
      var item = el && (el.matches("details.qa-item") ? el : el.closest("details.qa-item"));
      if (item) item.open = true;
    }
    openTarget();
    global.addEventListener("hashchange", openTarget);
    var tools = doc.querySelector("[data-qa-tools]");
    if (!tools) return;
    Array.prototype.forEach.call(tools.querySelectorAll("[data-qa-all]"), function (button) {
      button.addEventListener("click", function () {
        var open = button.getAttribute("data-qa-all") === "open";
        Array.prototype.forEach.call(items, function (d) { d.open = open; });
      });
    });
    tools.hidden = false;
  }

  var today = localDate(new Date());
  var record = readRecord();
  initPlan(document, today, record);
  initHome(document, today, record);
  initQA(document);
})(typeof window !== "undefined" ? window : globalThis);
