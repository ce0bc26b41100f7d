/* 党建品牌 showcase index: 单位/标签/年份/荣誉 chips and a text query through the
   shared facet filter (facets.js); the text parameter is `kw`, not `q` (Material opens
   its site search on ?q=). Facet groups are <details>: short ones open on wide screens,
   and any group with a choice opens. */
(function () {
  "use strict";
  var root = document.querySelector("[data-brand-index]");
  if (!root || !window.PortalFacets) return;
  var form = root.querySelector(".brand-filter");
  var facets = Array.prototype.map.call(form.querySelectorAll("[data-facet]"), function (el) {
    return el.getAttribute("data-facet");
  });
  var filter = window.PortalFacets.attach({
    root: root, form: form, list: root.querySelector(".brand-grid"), facets: facets,
    counter: root.querySelector(".brand-filter__count"), empty: root.querySelector(".brand-empty"),
    chipCount: ".brand-chip__count", text: form.elements.kw, sort: null,
    countOf: function (shown, total) {
      return shown === total ? "共 " + total + " 个品牌" : "显示 " + shown + " / " + total + " 个品牌";
    },
    onFacet: function (f, chosen) {
      var note = form.querySelector('[data-facet="' + f + '"] .brand-facet__picked');
      note.textContent = chosen.length ? "已选 " + chosen.length + " 项" : "";
    }
  });
  var wide = window.matchMedia && window.matchMedia("(min-width: 60em)").matches;
  form.querySelectorAll("[data-facet]").forEach(function (group) {
    var short = group.querySelectorAll("input").length <= 12;   // long lists stay folded
    if ((wide && short) || group.querySelector("input:checked")) group.open = true;
  });
  root.querySelector(".brand-empty__reset").addEventListener("click", filter.reset);
})();
