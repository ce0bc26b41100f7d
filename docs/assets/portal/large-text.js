/* 党建学习门户 · 大字模式 (长辈版) and keyboard access to Material's header toggles.
   Loaded in <head> without defer (overrides/main.html), so html.portal-large is set before
   the page is drawn: no flash of small text. The choice is kept in localStorage
   ("portal.largeText" = "1"), which also works for pages opened from files (file://); where
   storage is refused the mode still works for the page being read. */
(function (global) {
  "use strict";

  var KEY = "portal.largeText";
  var CLASS = "portal-large";
  var root = document.documentElement;

  function stored() {
    try { return global.localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }

  function store(on) {
    try {
      if (on) global.localStorage.setItem(KEY, "1");
      else global.localStorage.removeItem(KEY);
    } catch (e) { /* storage refused: the mode lasts for this page only */ }
  }

  function sync() {
    var on = root.classList.contains(CLASS);
    Array.prototype.forEach.call(document.querySelectorAll("[data-portal-large]"), function (b) {
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function set(on) {
    root.classList.toggle(CLASS, on);
    store(on);
    sync();
  }

  if (stored()) root.classList.add(CLASS);

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-portal-large]");
    if (!button) return;
    var keep = button.getBoundingClientRect().top;
    set(!root.classList.contains(CLASS));
    // keep the button where the finger was: the text above it changed size
    global.scrollBy(0, button.getBoundingClientRect().top - keep);
  });

  /* Material's header opens the drawer and the search with <label for=…> elements, which a
     keyboard cannot reach. overrides/partials give them role="button" and tabindex="0";
     here Enter and Space press them, and aria-expanded follows the toggle. */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    var label = event.target.closest && event.target.closest("label[role=button][for]");
    if (!label) return;
    event.preventDefault();
    event.stopPropagation();   // Material's own key handling would act on the key as well
    label.click();
  }, true);

  function bindToggles() {
    Array.prototype.forEach.call(document.querySelectorAll("label[role=button][for]"), function (label) {
      var box = document.getElementById(label.getAttribute("for"));
      if (!box) return;
      var update = function () { label.setAttribute("aria-expanded", box.checked ? "true" : "false"); };
      box.addEventListener("change", update);
      update();
    });
  }

  function ready() { sync(); bindToggles(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();

  global.PortalLargeText = { KEY: KEY, set: set };
})(window);
