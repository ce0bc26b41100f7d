/* 党建学习门户 · 换届提醒: term arithmetic (the same rules as portal/content/terms.py,
   both checked against tests/term_cases.json) and, in the browser, the 换届提醒 page.

   A term of N years elected on day D ends on the same month and day N years later;
   where that day does not exist (29 February) it ends on the last day of the month.
   "Within six months" uses the same rule in months. Days are counted on calendar dates
   (no time zone involved); today is the reader's local date. */
(function (global) {
  "use strict";
  var DAY = 86400000;
  var WINDOW_MONTHS = 6;

  function parseDate(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text));
    if (!m) return null;
    var y = +m[1], mo = +m[2], d = +m[3];
    var back = new Date(Date.UTC(y, mo - 1, d));
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
    return { y: y, m: mo, d: d };
  }
  function iso(x) { return x.y + "-" + (x.m < 10 ? "0" : "") + x.m + "-" + (x.d < 10 ? "0" : "") + x.d; }
  function daysInMonth(y, m) { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }
  function dayNumber(x) { return Math.round(Date.UTC(x.y, x.m - 1, x.d) / DAY); }

  function addMonths(x, months) {
    var total = x.y * 12 + (x.m - 1) + months;
    var y = Math.floor(total / 12), m = total - y * 12 + 1;
    return { y: y, m: m, d: Math.min(x.d, daysInMonth(y, m)) };
  }
  function addYears(x, years) { return addMonths(x, 12 * years); }
  function daysLeft(end, today) { return dayNumber(end) - dayNumber(today); }
  function status(end, today) {
    if (dayNumber(end) < dayNumber(today)) return "overdue";
    if (dayNumber(end) <= dayNumber(addMonths(today, WINDOW_MONTHS))) return "due";
    return "ok";
  }
  function localDate(moment) { return { y: moment.getFullYear(), m: moment.getMonth() + 1, d: moment.getDate() }; }
  function cn(x) { return x.y + "年" + x.m + "月" + x.d + "日"; }

  var api = { WINDOW_MONTHS: WINDOW_MONTHS, parseDate: parseDate, iso: iso, addMonths: addMonths, addYears: addYears,
              daysLeft: daysLeft, status: status, localDate: localDate };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; return; }
  global.PortalTerm = api;

  /* ---------- the 换届提醒 page ---------- */
  var table = document.querySelector("[data-hj-table]");
  if (!table) return;
  var LABELS = { overdue: "已届满", due: "六个月内届满", ok: "未到期" };
  var today = localDate(new Date());
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-hj-row]"));
  var notices = Array.prototype.slice.call(document.querySelectorAll("[data-hj-notice]"));
  var showAll = document.querySelector("[data-hj-all]");
  var counts = { overdue: 0, due: 0, ok: 0 };
  rows.forEach(function (tr, i) {
    var end = parseDate(tr.dataset.end);
    if (!end) return;
    var st = status(end, today), n = daysLeft(end, today);
    counts[st]++;
    tr.dataset.state = st;
    tr.className = "hj-row hj-row--" + st;
    tr.querySelector("[data-hj-state]").textContent = LABELS[st];
    tr.querySelector("[data-hj-days]").textContent = n > 0 ? "还有 " + n + " 天" : n === 0 ? "今天届满" : "已超过 " + (-n) + " 天";
    var when = notices[i] && notices[i].querySelector("[data-hj-notice-when]");
    if (when) when.textContent = (n < 0 ? "已于 " : "将于 ") + cn(end) + " 届满";
  });
  function filter() {
    rows.forEach(function (tr) { tr.hidden = !showAll.checked && tr.dataset.state === "ok"; });
  }
  showAll.addEventListener("change", filter);
  filter();
  document.querySelector("[data-hj-today]").textContent = "按今天（" + cn(today) + "）计算。";
  document.querySelector("[data-hj-summary]").textContent = counts.overdue + counts.due
    ? "任期已经届满 " + counts.overdue + " 个，六个月内届满 " + counts.due + " 个。"
    : "六个月内没有需要换届的党组织。";
  function printOnly(keep) {
    notices.forEach(function (s, i) { s.hidden = !keep(s, i); });
    window.print();
  }
  document.querySelectorAll("[data-hj-print]").forEach(function (a) {
    a.addEventListener("click", function (ev) {
      ev.preventDefault();
      var id = a.dataset.hjPrint;
      printOnly(function (s) { return s.id === id; });
    });
  });
  document.querySelector("[data-hj-print-all]").addEventListener("click", function () {
    printOnly(function (s, i) { return rows[i] && rows[i].dataset.state !== "ok"; });
  });
  document.querySelector("[data-hj-toolbar]").hidden = false;
})(this);
