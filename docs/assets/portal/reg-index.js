/* Regulation index (法规制度): filters by 类别/状态/制定机关/标签 and sorting by date
   or title, through the shared facet filter (facets.js). */
(function () {
  "use strict";
  var root = document.querySelector("[data-reg-index]");
  if (!root || !window.PortalFacets) return;
  function byDate(direction) {
    return function (a, b) {
      var da = a.dataset.date, db = b.dataset.date;
      if (!da || !db) return (da ? 0 : 1) - (db ? 0 : 1);   // undated last either way
      return direction * da.localeCompare(db);
    };
  }
  var form = root.querySelector(".reg-filter");
  window.PortalFacets.attach({
    root: root, form: form, list: root.querySelector(".reg-list"),
    facets: ["category", "status", "issuer", "tag"],
    counter: root.querySelector(".reg-filter__count"), empty: root.querySelector(".reg-empty"),
    chipCount: ".reg-chip__count", text: null,
    sort: form.elements.sort, defaultSort: "date-desc",
    sorters: {
      "date-desc": byDate(-1), "date-asc": byDate(1),
      "title": function (a, b) { return a.dataset.title.localeCompare(b.dataset.title, "zh-CN"); }
    },
    countOf: function (shown, total) {
      return shown === total ? "共 " + total + " 部" : "显示 " + shown + " / " + total + " 部";
    }
  });
})();
