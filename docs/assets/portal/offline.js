/* The portal opened from files (file://): the offline copy on a USB stick or a
   shared drive, or a plain copy of the built site. Does nothing on a web server.

   A web server answers a link to a folder ("regulations/x/", "../") with the
   folder's index.html; opened from files, the browser would list the folder
   instead. The offline copy's own pages already name index.html (portal/publish/release.py);
   this covers every other link: those in a plain copy and those scripts create. */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function folderToIndex(event) {
    var a = event.target && event.target.closest ? event.target.closest("a[href]") : null;
    if (!a) return;
    var url;
    try { url = new URL(a.href); } catch (e) { return; }
    if (url.protocol === "file:" && url.pathname.slice(-1) === "/") {
      url.pathname += "index.html";
      a.href = url.href;
    }
  }
  // capture phase: before any other handler reads the link or the browser follows it
  document.addEventListener("click", folderToIndex, true);
  document.addEventListener("auxclick", folderToIndex, true);
})();
