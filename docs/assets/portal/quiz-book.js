/* 党建学习门户 · 自测练习: 错题本, 学习记录 and the best scores on the section index.
   Loaded by plain <script> tags in this order: quiz-core.js, quiz-view.js, quiz-exam.js,
   quiz-book.js, quiz.js (works from file://). They share window.PortalQuiz. */
(function (global) {
  "use strict";

  var P = global.PortalQuiz;
  var has = P.has, count = P.count, inBook = P.inBook, exportText = P.exportText, parseImport = P.parseImport, merge = P.merge, h = P.h, dateCN = P.dateCN, pct = P.pct, answerText = P.answerText, responseText = P.responseText, practice = P.practice;

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

  var MEMBER_KEY = "portal.member";

  /* The name and branch this reader last put on an export ({name: "", branch: ""} if none). */
  function member() {
    try {
      var v = JSON.parse(global.localStorage.getItem(MEMBER_KEY) || "null");
      if (v && typeof v === "object") return { name: String(v.name || ""), branch: String(v.branch || "") };
    } catch (e) { /* storage refused or damaged: ask again */ }
    return { name: "", branch: "" };
  }

  function remember(who) {
    try {
      if (who.name || who.branch) global.localStorage.setItem(MEMBER_KEY, JSON.stringify(who));
      else global.localStorage.removeItem(MEMBER_KEY);
    } catch (e) { /* not remembered: asked again next time */ }
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

      app.appendChild(submitSection());

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

    /* 提交给支部: the same export with the member's name and branch (both optional,
       remembered in this browser only), the portal's version and the plan's id. */
    function submitSection() {
      var me = member(), sent = h("p", { class: "quiz-submit__status", role: "status", "aria-live": "polite" });
      var name = h("input", { type: "text", id: "member-name", autocomplete: "name", maxlength: "50", value: me.name });
      var branch = h("input", { type: "text", id: "member-branch", autocomplete: "organization", maxlength: "80", value: me.branch });
      return h("section", { class: "quiz-submit", "aria-labelledby": "submit" }, [
        h("h2", { id: "submit", text: "提交给支部" }),
        h("p", { text: "把学习记录导出为文件，交给支部书记汇总到“学习台账”。姓名和支部写进导出的文件，并记在本浏览器中，下次不用再填；" +
          "写什么由你决定，也可以不填（书记那里会按文件名列出）。文件只含各题库的成绩和错题记录。" }),
        h("p", { class: "quiz-submit__row" }, [h("label", { for: "member-name", text: "姓名（可不填）" }), name]),
        h("p", { class: "quiz-submit__row" }, [h("label", { for: "member-branch", text: "所在党支部（可不填）" }), branch]),
        h("p", null, [h("button", { type: "button", class: "md-button md-button--primary", text: "导出提交给支部的文件", onclick: function () {
          var who = { name: name.value.trim(), branch: branch.value.trim() };
          remember(who);
          var parts = ["学习记录", who.branch, who.name, stamp()].filter(Boolean).map(function (x) { return x.replace(/[\\/:*?"<>|\s]+/g, "_"); });
          download(parts.join("-") + ".json", exportText(ctx.store.record, undefined,
            { name: who.name, branch: who.branch, site: ctx.data.site || null, plan: ctx.data.plan || null }));
          sent.textContent = "已导出“" + parts.join("-") + ".json”" + (who.name ? "（署名：" + who.name + (who.branch ? "，" + who.branch : "") + "）" : "（未署名）") +
            "。请把这个文件交给支部书记。";
        } })]),
        sent]);
    }

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


  /* What the other quiz scripts use. */
  P.initMistakes = initMistakes;
  P.download = download;
  P.stamp = stamp;
  P.initRecord = initRecord;
  P.initIndex = initIndex;
})(window);
