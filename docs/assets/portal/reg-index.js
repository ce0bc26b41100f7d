/* Regulation index: filter by facet chips and sort by date, keeping the state in
   the URL (?category=条例&tag=…) so a filtered list can be shared. The full list is
   in the HTML; this script only hides and reorders items. */
(function () {
  "use strict";
  var root = document.querySelector("[data-reg-index]");
  if (!root) return;
  var form = root.querySelector(".reg-filter");
  var list = root.querySelector(".reg-list");
  var items = Array.prototype.slice.call(list.children);
  var counter = root.querySelector(".reg-filter__count");
  var empty = root.querySelector(".reg-empty");
  var facets = ["category", "status", "issuer", "tag"];

  function selected() {
    var chosen = {};
    facets.forEach(function (f) {
      chosen[f] = Array.prototype.map.call(
        form.querySelectorAll('input[name="' + f + '"]:checked'), function (i) { return i.value; });
    });
    return chosen;
  }
  function matches(item, chosen) {
    return facets.every(function (f) {
      if (!chosen[f].length) return true;
      var values = (item.getAttribute("data-" + f) || "").split("|");
      return chosen[f].some(function (v) { return values.indexOf(v) >= 0; });
    });
  }
  function sortItems(mode) {
    var sorted = items.slice().sort(function (a, b) {
      if (mode === "title") return a.dataset.title.localeCompare(b.dataset.title, "zh-CN");
      var da = a.dataset.date, db = b.dataset.date;
      if (!da || !db) return (da ? 0 : 1) - (db ? 0 : 1);   // undated last either way
      return mode === "date-asc" ? da.localeCompare(db) : db.localeCompare(da);
    });
    sorted.forEach(function (item) { list.appendChild(item); });
  }
  function apply(pushUrl) {
    var chosen = selected();
    var shown = 0;
    items.forEach(function (item) {
      var ok = matches(item, chosen);
      item.hidden = !ok;
      if (ok) shown += 1;
    });
    sortItems(form.elements.sort.value);
    counter.textContent = shown === items.length ? "共 " + shown + " 部" : "显示 " + shown + " / " + items.length + " 部";
    empty.hidden = shown !== 0;
    if (pushUrl) {
      var params = new URLSearchParams();
      facets.forEach(function (f) { chosen[f].forEach(function (v) { params.append(f, v); }); });
      if (form.elements.sort.value !== "date-desc") params.set("sort", form.elements.sort.value);
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }
  function restore() {
    var params = new URLSearchParams(location.search);
    form.querySelectorAll("input[type=checkbox]").forEach(function (input) {
      input.checked = params.getAll(input.name).indexOf(input.value) >= 0;
    });
    var sort = params.get("sort");
    if (sort && form.querySelector('option[value="' + sort + '"]')) form.elements.sort.value = sort;
  }
  form.hidden = false;
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  restore();
  apply(false);
})();
