/* 党建学习门户 · one checklist page (checklists/<id>/): a branch ticks each item, writes a
   note and the evidence it holds, sees its progress by section; kept in localStorage
   by branch name (checklist-core.js), exported and imported as a file, printed as 自查表.
   Without JavaScript the page is a blank 自查表 to print. */
(function () {
  "use strict";
  var C = window.PortalChecklist;
  var app = document.querySelector("[data-cl-app]");
  var dataEl = document.getElementById("cl_data");
  if (!C || !app || !dataEl) return;
  var def;
  try { def = JSON.parse(dataEl.textContent); } catch (e) { return; }

  var storage = null;
  try { storage = window.localStorage; } catch (e) { storage = null; }
  var store = storage ? C.openStore(storage) : { data: C.empty(), notices: ["本浏览器不允许保存数据：勾选情况在关闭页面后不会保留，请及时导出文件。"], save: function () { return false; } };
  var data = store.data;

  var select = app.querySelector("[data-cl-branch-select]");
  var form = app.querySelector("[data-cl-branch-form]");
  var nameInput = app.querySelector("[data-cl-branch-name]");
  var message = app.querySelector("[data-cl-message]");
  var progressEl = app.querySelector("[data-cl-progress]");
  var printBranch = document.querySelector("[data-cl-print-branch]");
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-cl-item]"));

  function say(text) { message.textContent = text; }

  function branch() { return data.current; }

  function save() {
    if (!store.save()) say("保存失败：浏览器存储已满或不允许保存，请先导出文件。");
  }

  function fillBranches() {
    select.textContent = "";
    var names = C.branchNames(data);
    names.forEach(function (n) {
      var o = document.createElement("option");
      o.value = n; o.textContent = n;
      if (n === data.current) o.selected = true;
      select.appendChild(o);
    });
    select.hidden = !names.length;
    app.querySelector("label[for=cl_branch_select]").hidden = !names.length;
    form.hidden = !!names.length && !form.dataset.open;
    if (printBranch) printBranch.textContent = data.current || "";
  }

  function showItems() {
    var entry = C.listEntry(data, branch(), def.id);
    items.forEach(function (li) {
      var e = entry.items[li.dataset.clItem] || {};
      li.querySelectorAll("[data-cl-status]").forEach(function (r) {
        r.checked = r.value === e.status;
        r.disabled = !branch();
      });
      li.dataset.state = e.status || "";
      var note = li.querySelector("[data-cl-note]"), ev = li.querySelector("[data-cl-evidence]");
      note.value = e.note || ""; ev.value = e.evidence || "";
      note.disabled = ev.disabled = !branch();
    });
    showProgress();
  }

  function showProgress() {
    progressEl.textContent = "";
    if (!branch()) return;
    var p = C.progress(def, C.listEntry(data, branch(), def.id));
    var table = document.createElement("table");
    table.className = "cl-progress__table";
    var cap = document.createElement("caption");
    cap.textContent = branch() + "：完成 " + p.all.done + " / " + (p.all.total - p.all.na) + " 项（" + p.all.percent + "%）" +
      (p.all.max ? "，自评约 " + fmt(p.all.score) + " / " + p.all.max + " 分" + (def.passScore ? (p.all.score >= def.passScore && !p.all.todo ? "，已达到" : "，未达到") + "达标分 " + def.passScore : "") : "");
    table.appendChild(cap);
    var head = document.createElement("tr");
    ["部分", "完成", "部分完成", "未开始", "不适用", "完成率"].forEach(function (t) {
      var th = document.createElement("th"); th.scope = "col"; th.textContent = t; head.appendChild(th);
    });
    table.appendChild(head);
    p.sections.forEach(function (s, i) {
      var tr = document.createElement("tr");
      var th = document.createElement("th"); th.scope = "row";
      var a = document.createElement("a"); a.href = "#part_" + (i + 1); a.textContent = s.title;
      th.appendChild(a); tr.appendChild(th);
      [s.done, s.partial, s.todo, s.na].forEach(function (n) { var td = document.createElement("td"); td.textContent = n; tr.appendChild(td); });
      var td = document.createElement("td");
      var bar = document.createElement("progress"); bar.max = 100; bar.value = s.percent;
      bar.setAttribute("aria-label", s.title + "完成率");
      td.appendChild(bar); td.appendChild(document.createTextNode(" " + s.percent + "%"));
      tr.appendChild(td);
      table.appendChild(tr);
    });
    progressEl.appendChild(table);
  }

  function fmt(n) { return Math.round(n * 10) / 10; }

  function update(li, patch) {
    if (!branch()) return;
    C.setItem(data, branch(), def.id, li.dataset.clItem, patch);
    if (patch.status) li.dataset.state = patch.status;
    save();
    showProgress();
  }

  items.forEach(function (li) {
    li.querySelectorAll("[data-cl-status]").forEach(function (r) {
      r.addEventListener("change", function () { if (r.checked) update(li, { status: r.value }); });
    });
    li.querySelector("[data-cl-note]").addEventListener("input", function (ev) { update(li, { note: ev.target.value }); });
    li.querySelector("[data-cl-evidence]").addEventListener("input", function (ev) { update(li, { evidence: ev.target.value }); });
  });

  select.addEventListener("change", function () {
    data.current = select.value; save(); fillBranches(); showItems();
    say("已切换到“" + data.current + "”。");
  });
  app.querySelector("[data-cl-new-branch]").addEventListener("click", function () {
    form.dataset.open = "1"; form.hidden = false; nameInput.focus();
  });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var name = C.addBranch(data, nameInput.value);
    if (!name) { say("请填写党支部名称。"); nameInput.focus(); return; }
    delete form.dataset.open; nameInput.value = "";
    save(); fillBranches(); showItems();
    say("正在为“" + name + "”自查，勾选情况会自动保存在本浏览器中。");
  });

  app.querySelector("[data-cl-export]").addEventListener("click", function () {
    if (!branch()) { say("请先填写党支部名称。"); return; }
    var file = C.exportFile(data, branch(), def);
    var blob = new Blob([JSON.stringify(file, null, 1)], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = C.fileName(file);
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
    say("已导出文件“" + a.download + "”，请交机关党委。");
  });

  var lists = {}; lists[def.id] = def;
  app.querySelector("[data-cl-import]").addEventListener("change", function (ev) {
    var f = ev.target.files && ev.target.files[0];
    ev.target.value = "";
    if (!f) return;
    var reader = new FileReader();
    reader.onload = function () {
      var r = C.readFile(String(reader.result), lists);
      if (r.error) { say("文件“" + f.name + "”没有导入：" + r.error + "。本页已有的记录没有改动。"); return; }
      var existing = C.listEntry(data, r.file.branch, def.id);
      if (Object.keys(existing.items).length &&
          !window.confirm("“" + r.file.branch + "”在本浏览器中已有本清单的记录，用导入的文件替换吗？")) {
        say("没有导入，原有记录保持不变。"); return;
      }
      C.importFile(data, r.file); save(); fillBranches(); showItems();
      say("已导入“" + r.file.branch + "”的记录" + (r.file.dropped ? "（" + r.file.dropped + " 项在本清单中已不存在，未导入）" : "") + "。");
    };
    reader.onerror = function () { say("文件“" + f.name + "”无法读取，没有导入。"); };
    reader.readAsText(f);
  });

  app.querySelector("[data-cl-print]").addEventListener("click", function () { window.print(); });

  app.hidden = false;
  fillBranches();
  showItems();
  if (store.notices.length) say(store.notices.join(" "));
})();
