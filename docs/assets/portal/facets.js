/* Facet filters shared by the section index pages (法规制度, 党建品牌): chips per
   facet (any chosen value matches within a facet; all facets, and the text query,
   must match together), chip counts for what each value would show given the other
   choices, an optional sort, an optional page size ("显示更多"), and the state kept in
   the URL so a filtered list can be shared. The items are the list's children, with
   their facet values in data-* attributes ("|" between values); the index scripts
   build them from the pages' data files. This only hides and reorders them. */
(function (global) {
  "use strict";

  function norm(text) {
    return (text || "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  /* o: {root, form, list, facets: [names], counter, empty, countOf(shown, total),
         chipCount: selector of a chip's count, text: text input or null (URL param = its name),
         sort: select or null, sorters: {value: compare(a, b)}, defaultSort,
         page: null or {size, box: element holding the button, button, label(shown, matching)}:
         only the first `size` matching items show, the button shows `size` more} */
  function attach(o) {
    var items = Array.prototype.slice.call(o.list.children).map(function (el) {
      var values = {};
      o.facets.forEach(function (f) {
        var raw = el.getAttribute("data-" + f);
        values[f] = raw ? raw.split("|") : [];
      });
      return { el: el, values: values, text: norm(el.textContent) };
    });

    function picked() {
      var out = {};
      o.facets.forEach(function (f) {
        out[f] = Array.prototype.map.call(
          o.form.querySelectorAll('input[name="' + f + '"]:checked'), function (i) { return i.value; });
      });
      return out;
    }
    function words() {
      return o.text ? norm(o.text.value).split(" ").filter(Boolean) : [];
    }
    function matches(item, chosen, terms, skip) {
      return terms.every(function (w) { return item.text.indexOf(w) >= 0; }) &&
        o.facets.every(function (f) {
          return f === skip || !chosen[f].length ||
            chosen[f].some(function (v) { return item.values[f].indexOf(v) >= 0; });
        });
    }

    var order = items, limit = o.page ? o.page.size : Infinity, matching = 0;

    function layout() {   // show the matching items, up to the page limit
      var shown = 0;
      order.forEach(function (item) {
        var show = item.ok && shown < limit;
        item.el.hidden = !show;
        if (show) shown += 1;
      });
      if (o.page) {
        o.page.box.hidden = shown >= matching;
        o.page.button.textContent = o.page.label(shown, matching);
      }
    }

    function apply(updateUrl) {
      var chosen = picked(), terms = words(), shown = 0;
      items.forEach(function (item) {
        item.ok = matches(item, chosen, terms, null);
        if (item.ok) shown += 1;
      });
      matching = shown;
      if (updateUrl && o.page) limit = o.page.size;   // a new choice starts from its first page
      o.facets.forEach(function (f) {   // what each value would show, given every other choice
        var pool = items.filter(function (item) { return matches(item, chosen, terms, f); });
        o.form.querySelectorAll('input[name="' + f + '"]').forEach(function (input) {
          var n = pool.filter(function (item) { return item.values[f].indexOf(input.value) >= 0; }).length;
          var count = input.parentNode.querySelector(o.chipCount);
          if (count) count.textContent = n;
          input.disabled = n === 0 && !input.checked;
        });
        if (o.onFacet) o.onFacet(f, chosen[f]);
      });
      if (o.sort) {
        var compare = o.sorters[o.sort.value] || o.sorters[o.defaultSort];
        order = items.slice().sort(function (a, b) { return compare(a.el, b.el); });
        order.forEach(function (item) { o.list.appendChild(item.el); });
      }
      layout();
      o.counter.textContent = o.countOf(shown, items.length);
      o.empty.hidden = shown !== 0;
      if (updateUrl) {
        var params = new URLSearchParams();
        o.facets.forEach(function (f) { chosen[f].forEach(function (v) { params.append(f, v); }); });
        if (o.text && o.text.value.trim()) params.set(o.text.name, o.text.value.trim());
        if (o.sort && o.sort.value !== o.defaultSort) params.set(o.sort.name, o.sort.value);
        var query = params.toString();
        history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
      }
    }

    function restore() {
      var params = new URLSearchParams(location.search);
      o.form.querySelectorAll("input[type=checkbox]").forEach(function (input) {
        input.checked = params.getAll(input.name).indexOf(input.value) >= 0;
      });
      if (o.text) o.text.value = params.get(o.text.name) || "";
      var sort = o.sort && params.get(o.sort.name);
      if (sort && o.sorters[sort]) o.sort.value = sort;
    }
    function later() {
      setTimeout(function () { apply(true); }, 0);   // after the form has reset its fields
    }

    if (o.page) {
      o.page.button.addEventListener("click", function () {
        var before = limit;
        limit += o.page.size;
        layout();
        // keyboard and screen-reader users go on from the first item just shown
        var next = order.filter(function (item) { return item.ok; })[before];
        var link = next && next.el.querySelector("a[href]");
        if (link) link.focus();
      });
    }
    o.form.hidden = false;
    o.form.addEventListener("change", function (e) { if (e.target !== o.text) apply(true); });
    if (o.text) o.text.addEventListener("input", function () { apply(true); });
    o.form.addEventListener("reset", later);
    o.form.addEventListener("submit", function (e) { e.preventDefault(); if (o.text) o.text.blur(); });
    restore();
    apply(false);
    return { apply: apply, reset: function () { o.form.reset(); later(); } };
  }

  global.PortalFacets = { attach: attach };
})(window);
