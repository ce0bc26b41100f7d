/* 党建品牌 showcase index: filter the card grid by 单位/标签/年份/荣誉 chips and a text
   query, keeping the state in the URL (?unit=…&tag=…&year=…&honor=…&kw=…) so a
   filtered list can be shared (not `q`: Material opens its site search on ?q=). The full list is in the HTML; without JavaScript the
   filter form stays hidden and every card is shown. Within a facet any chosen value
   matches; across facets (and the text) all must match. Chip counts say how many
   brands that chip would show given the other choices. */
(function () {
  "use strict";
  var root = document.querySelector("[data-brand-index]");
  if (!root) return;
  var form = root.querySelector(".brand-filter");
  var grid = root.querySelector(".brand-grid");
  var cards = Array.prototype.slice.call(grid.children);
  var counter = root.querySelector(".brand-filter__count");
  var empty = root.querySelector(".brand-empty");
  var search = form.elements.kw;
  var facets = Array.prototype.map.call(form.querySelectorAll("[data-facet]"), function (el) {
    return el.getAttribute("data-facet");
  });
  var total = cards.length;

  function norm(text) {
    return (text || "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function parse(value) {   // data-tag="甲|乙" (the build turns a "|" inside a value into "｜")
    return value ? value.split("|") : [];
  }
  // What each card offers to the filters, read once from its data attributes and text.
  var data = cards.map(function (card) {
    var values = {};
    facets.forEach(function (f) { values[f] = parse(card.getAttribute("data-" + f)); });
    return { card: card, values: values, text: norm(card.textContent) };
  });

  function chosen() {
    var picked = {};
    facets.forEach(function (f) {
      picked[f] = Array.prototype.map.call(
        form.querySelectorAll('input[name="' + f + '"]:checked'), function (i) { return i.value; });
    });
    return picked;
  }
  function terms() {
    return norm(search.value).split(" ").filter(Boolean);
  }
  function textMatches(item, words) {
    return words.every(function (w) { return item.text.indexOf(w) >= 0; });
  }
  function facetMatches(item, f, values) {
    return !values.length || values.some(function (v) { return item.values[f].indexOf(v) >= 0; });
  }
  function matchesExcept(item, picked, words, skip) {
    return textMatches(item, words) && facets.every(function (f) {
      return f === skip || facetMatches(item, f, picked[f]);
    });
  }

  function apply(updateUrl) {
    var picked = chosen();
    var words = terms();
    var shown = 0;
    data.forEach(function (item) {
      var ok = matchesExcept(item, picked, words, null);
      item.card.hidden = !ok;
      if (ok) shown += 1;
    });
    // per-chip counts: the brands this value would show, given every other choice
    facets.forEach(function (f) {
      var pool = data.filter(function (item) { return matchesExcept(item, picked, words, f); });
      var group = form.querySelector('[data-facet="' + f + '"]');
      group.querySelectorAll("input").forEach(function (input) {
        var n = pool.filter(function (item) { return item.values[f].indexOf(input.value) >= 0; }).length;
        input.parentNode.querySelector(".brand-chip__count").textContent = n;
        input.disabled = n === 0 && !input.checked;
      });
      var note = group.querySelector(".brand-facet__picked");
      note.textContent = picked[f].length ? "已选 " + picked[f].length + " 项" : "";
    });
    counter.textContent = shown === total ? "共 " + total + " 个品牌" : "显示 " + shown + " / " + total + " 个品牌";
    empty.hidden = shown !== 0;
    if (updateUrl) {
      var params = new URLSearchParams();
      facets.forEach(function (f) { picked[f].forEach(function (v) { params.append(f, v); }); });
      if (search.value.trim()) params.set("kw", search.value.trim());
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    form.querySelectorAll("input[type=checkbox]").forEach(function (input) {
      input.checked = params.getAll(input.name).indexOf(input.value) >= 0;
    });
    search.value = params.get("kw") || "";
    var wide = window.matchMedia && window.matchMedia("(min-width: 60em)").matches;
    form.querySelectorAll("[data-facet]").forEach(function (group) {
      var short = group.querySelectorAll("input").length <= 12;   // long lists stay folded
      if ((wide && short) || group.querySelector("input:checked")) group.open = true;
    });
  }

  function reset() {
    form.reset();
    setTimeout(function () { apply(true); }, 0);
  }

  form.hidden = false;
  form.addEventListener("change", function (e) { if (e.target !== search) apply(true); });
  search.addEventListener("input", function () { apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); search.blur(); });
  empty.querySelector(".brand-empty__reset").addEventListener("click", reset);
  restore();
  apply(false);
})();
