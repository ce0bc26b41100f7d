/* 党建学习门户 · 自测练习: starts the page's quiz app. Loaded last, after quiz-core.js,
   quiz-view.js, quiz-exam.js and quiz-book.js, which share window.PortalQuiz. */
(function (global) {
  "use strict";

  var P = global.PortalQuiz;
  var context = P.context, practice = P.practice, initPractice = P.initPractice, initExam = P.initExam, initMistakes = P.initMistakes, initRecord = P.initRecord, initIndex = P.initIndex;

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
})(window);
