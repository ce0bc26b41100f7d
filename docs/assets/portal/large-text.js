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
    if (document.body) focusableScrollers();   // larger text: more boxes may now scroll
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
     keyboard cannot reach and which may not take a role. overrides/partials put a
     <span class="portal-toggle" role="button" tabindex="0"> inside each: a click on it is
     a click on the label; here Enter and Space press it, and aria-expanded follows the
     checkbox the label is for. */
  function toggleLabel(el) {
    var label = el && el.closest && el.closest(".portal-toggle") && el.closest("label[for]");
    return label || null;
  }

  document.addEventListener("keydown", function (event) {
    var drawer = document.getElementById("__drawer");
    if (event.key === "Escape" && drawer && drawer.checked) {
      // Escape closes the drawer and gives focus back to the menu button
      var menu = document.querySelector("label[for='__drawer'] .portal-toggle");
      drawer.checked = false;
      drawer.dispatchEvent(new Event("change"));
      if (menu) menu.focus();
      return;
    }
    if (event.key !== "Enter" && event.key !== " ") return;
    var label = toggleLabel(event.target);
    if (!label) return;
    event.preventDefault();
    event.stopPropagation();   // Material's own key handling would act on the key as well
    label.click();
    if (label.getAttribute("for") === "__drawer" && drawer && drawer.checked) {
      // opened from the keyboard: focus goes into the drawer, to its first link
      var first = document.querySelector(".md-sidebar--primary a[href], .md-sidebar--primary label[tabindex]");
      if (first) first.focus();
    }
  }, true);

  function bindToggles() {
    Array.prototype.forEach.call(document.querySelectorAll(".portal-toggle"), function (button) {
      var label = toggleLabel(button), box = label && document.getElementById(label.getAttribute("for"));
      if (!box) return;
      var update = function () { button.setAttribute("aria-expanded", box.checked ? "true" : "false"); };
      box.addEventListener("change", update);
      update();
    });
  }

  /* A code block or table that scrolls sideways must be reachable by keyboard, or its hidden
     part cannot be read without a mouse: such boxes take focus (kept once given: a box that fits now may scroll after a resize). */
  function focusableScrollers() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset pre > code, .md-typeset__scrollwrap"), function (box) {
      if (box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
    });
  }
  var pending = null;
  global.addEventListener("load", focusableScrollers);   // fonts and images change what fits
  global.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(focusableScrollers, 150);
  });

  function ready() { sync(); bindToggles(); focusableScrollers(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();

  global.PortalLargeText = { KEY: KEY, set: set };
})(window);
