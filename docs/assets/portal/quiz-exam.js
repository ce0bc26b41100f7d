/* 党建学习门户 · 自测练习: the mock exam (draw, countdown, answer card, submit, review).
   Loaded by plain <script> tags in this order: quiz-core.js, quiz-view.js, quiz-exam.js,
   quiz-book.js, quiz.js (works from file://). They share window.PortalQuiz. */
(function (global) {
  "use strict";

  var P = global.PortalQuiz;
  var isObject = P.isObject, nowISO = P.nowISO, score = P.score, passed = P.passed, draw = P.draw, recordAnswer = P.recordAnswer, recordAttempt = P.recordAttempt, NUMERALS = P.NUMERALS, h = P.h, params = P.params, questionCard = P.questionCard;

  /* Milliseconds since the epoch for the exam's countdown: Date.now(), unless a test set a clock. */
  function clockNow() {
    var test = global.__PORTAL_TEST__;
    return test && typeof test.now === "function" ? Number(test.now()) : Date.now();
  }

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


  /* What the other quiz scripts use. */
  P.fmtClock = fmtClock;
  P.initExam = initExam;
})(window);
