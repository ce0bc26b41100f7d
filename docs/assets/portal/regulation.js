/* Regulation page: a "复制链接" button on every article (progressive enhancement:
   without JavaScript the article label is still a plain permalink). */
(function () {
  "use strict";
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy") ? resolve() : reject(new Error("copy")); }
      catch (e) { reject(e); }
      finally { document.body.removeChild(area); }
    });
  }
  document.querySelectorAll(".reg-art[id]").forEach(function (art) {
    var label = art.querySelector(".reg-art__label");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "reg-art__copy";
    // the accessible name starts with the visible text (WCAG 2.5.3), then says which article
    var say = function (text) {
      button.textContent = text;
      button.setAttribute("aria-label", text + "：" + (label ? label.textContent : "本条"));
    };
    say("复制链接");
    button.addEventListener("click", function () {
      var url = location.href.split("#")[0] + "#" + art.id;
      copy(url).then(function () {
        say("已复制");
      }, function () {
        history.replaceState(null, "", "#" + art.id);
        say("请从地址栏复制");
      });
      setTimeout(function () { say("复制链接"); }, 2000);
    });
    art.appendChild(button);
  });
})();
