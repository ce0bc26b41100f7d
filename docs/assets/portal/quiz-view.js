/* 党建学习门户 · 自测练习: the shared view (question cards, practice, the page context).
   Loaded by plain <script> tags in this order: quiz-core.js, quiz-view.js, quiz-exam.js,
   quiz-book.js, quiz.js (works from file://). They share window.PortalQuiz. */
(function (global) {
  "use strict";

  var P = global.PortalQuiz;
  var RECORD_KEY = P.RECORD_KEY, LIMITS = P.LIMITS, LETTERS = P.LETTERS, nowISO = P.nowISO, check = P.check, rng = P.rng, optionOrder = P.optionOrder, questionSeed = P.questionSeed, shownLetter = P.shownLetter, score = P.score, passed = P.passed, recordAnswer = P.recordAnswer, recordAttempt = P.recordAttempt, openStore = P.openStore;


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

  /* Options are named by the letter they are shown under in `order` (this attempt's
     shuffle), or by their own key when there is none (错题本 lists). */
  function optionText(q, key, order) {
    return shownLetter(order, key) + ". " + (q.options[LETTERS.indexOf(key)] || "");
  }

  function byShown(order) {
    return function (a, b) { return shownLetter(order, a) < shownLetter(order, b) ? -1 : 1; };
  }

  function answerText(q, order) {
    if (q.type === "单选" || q.type === "多选") {
      return q.answer.slice().sort(byShown(order)).map(function (l) { return optionText(q, l, order); }).join("；");
    }
    if (q.type === "判断") return q.answer[0];
    var many = q.answer.length > 1;
    return q.answer.map(function (a, i) {
      var alts = a.split("|").map(function (x) { return x.trim(); }).filter(Boolean);
      return blankMark(i, many) + alts[0] + (alts.length > 1 ? "（或：" + alts.slice(1).join("、") + "）" : "");
    }).join("　");
  }

  function responseText(q, r, order) {
    r = r || [];
    if (q.type === "填空") {
      var many = q.answer.length > 1;
      return q.answer.map(function (a, i) { return blankMark(i, many) + (String(r[i] || "").trim() || "（空）"); }).join("　");
    }
    if (q.type === "判断") return r.length ? r.join("、") : "（未作答）";
    return r.length ? r.slice().sort(byShown(order)).map(function (l) { return optionText(q, l, order); }).join("；") : "（未作答）";
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
  /* `seed`: the attempt's (mock exam: its paper seed, so a resumed exam looks the same);
     without one, each card shuffles its options afresh (practice). */
  function questionCard(ctx, q, number, mode, articles, seed) {
    var id = "q-" + q.id;
    var order = q.type === "单选" || q.type === "多选" ?
      optionOrder(q, rng(seed === undefined ? Math.floor(Math.random() * 4294967296) : questionSeed(seed, q.id))) : null;
    var name = id + "-answer";
    var inputs = [];
    var card = h("article", { class: "quiz-q", id: id, "data-qid": q.id, tabindex: "-1" });
    var legend = h("legend", { class: "quiz-q__legend" }, [
      h("span", { class: "quiz-q__no", text: "第" + number + "题" }),
      h("span", { class: "quiz-q__type", text: q.type + (mode === "exam" ? "（" + q.score + "分）" : "") }),
      h("span", { class: "quiz-q__stem", html: q.stem })
    ]);
    var fieldset = h("fieldset", { class: "quiz-q__field" }, [legend]);
    var api = { q: q, node: card, onChange: null, onCheck: null, order: order };
    if (q.note) card.appendChild(h("p", { class: "quiz-q__note", text: "⚠ " + q.note }));

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
      // [the option's own key (stored, checked), the letter shown this attempt, text]
      var choices = q.type === "判断" ? [["对", "对", "对"], ["错", "错", "错"]] :
        order.map(function (i, pos) { return [LETTERS[i], LETTERS[pos], q.options[i]]; });
      choices.forEach(function (c) {
        var input = h("input", { type: q.type === "多选" ? "checkbox" : "radio", name: name, value: c[0] });
        input.addEventListener("change", function () { if (api.onChange) api.onChange(); });
        inputs.push(input);
        fieldset.appendChild(h("label", { class: "quiz-opt", "data-value": c[0] }, [
          input,
          q.type === "判断" ? null : h("span", { class: "quiz-opt__key", text: c[1] }),
          h("span", { class: "quiz-opt__text", text: c[2] }),
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
        feedback.appendChild(h("p", { class: "quiz-fb__answer" }, [h("strong", { text: "正确答案：" }), answerText(q, order)]));
        if (res.answered && !res.correct) {
          feedback.appendChild(h("p", { class: "quiz-fb__given" }, [h("strong", { text: "你的答案：" }), responseText(q, response, order)]));
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
      ctx.announce("第" + n + "题" + (res.correct ? "回答正确。" : "回答错误，正确答案：" + answerText(q, card.order) + "。"));
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


  /* What the other quiz scripts use. */
  P.CIRCLED = CIRCLED;
  P.NUMERALS = NUMERALS;
  P.h = h;
  P.dateCN = dateCN;
  P.pct = pct;
  P.blankMark = blankMark;
  P.answerText = answerText;
  P.responseText = responseText;
  P.params = params;
  P.browserStorage = browserStorage;
  P.context = context;
  P.questionCard = questionCard;
  P.practice = practice;
  P.initPractice = initPractice;
})(window);
