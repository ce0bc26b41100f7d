/* 党建学习门户 · 清单汇总 (checklists/huizong/): the 机关党委 opens many branches' exported
   checklist files and sees, per list, branches × sections with completion and open items;
   the table is exported as .xlsx (xlsx-lite.js) or as CSV with a byte-order mark (Excel
   opens it with the Chinese intact). A file that cannot be read is set aside and listed with its reason; the
   others are still counted. Nothing leaves the browser. */
(function (global) {
  "use strict";

  /* Rows of the table: one per (file, section) plus a 合计 row per file. */
  function table(files, lists) {
    var rows = [["清单", "党支部", "部分", "完成", "部分完成", "未开始", "不适用", "完成率", "未完成的项目", "导出时间"]];
    files.forEach(function (f) {
      var def = lists[f.list.id];
      var p = C.progress(def, { items: f.items });
      var texts = {};
      def.sections.forEach(function (s) { s.items.forEach(function (it) { texts[it.id] = it.text; }); });
      p.sections.concat([p.all]).forEach(function (s) {
        rows.push([def.title, f.branch, s.title, s.done, s.partial, s.todo, s.na, s.percent + "%",
                   s === p.all ? String(s.open.length) + " 项" : s.open.map(function (id) { return id + " " + texts[id]; }).join("；"),
                   f.exported.slice(0, 10)]);
      });
    });
    return rows;
  }

  function csv(rows) {
    return "\uFEFF" + rows.map(function (r) {
      return r.map(function (v) {
        var s = String(v);
        if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;       // a cell is never read as a formula
        return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
      }).join(",");
    }).join("\r\n") + "\r\n";
  }

  var C = typeof module !== "undefined" && module.exports ? require("./checklist-core.js") : global.PortalChecklist;
  var api = { table: table, csv: csv };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; return; }

  var app = document.querySelector("[data-ov-app]");
  var dataEl = document.getElementById("ov_data");
  if (!C || !app || !dataEl) return;
  var lists = JSON.parse(dataEl.textContent);
  var files = [], bad = [];
  var input = app.querySelector("[data-ov-files]"), message = app.querySelector("[data-ov-message]");
  var badEl = app.querySelector("[data-ov-bad]"), result = app.querySelector("[data-ov-result]");
  var csvButton = app.querySelector("[data-ov-csv]"), clearButton = app.querySelector("[data-ov-clear]");
  var xlsxButton = app.querySelector("[data-ov-xlsx]");

  function el(tag, text, cls) { var e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; }

  function show() {
    badEl.textContent = ""; badEl.hidden = !bad.length;
    if (bad.length) {
      badEl.appendChild(el("p", "以下 " + bad.length + " 个文件无法使用，已放在一边，没有计入汇总："));
      var ul = el("ul");
      bad.forEach(function (b) { ul.appendChild(el("li", b.name + "：" + b.error)); });
      badEl.appendChild(ul);
    }
    result.textContent = "";
    var rows = table(files, lists);
    csvButton.disabled = clearButton.disabled = xlsxButton.disabled = !files.length;
    if (!files.length) return;
    var wrap = el("div", null, "ov-wrap"), t = el("table", null, "ov-table");
    wrap.tabIndex = 0;                       // a wide table scrolls sideways: keyboard users can too
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", "汇总表");
    t.appendChild(el("caption", "共 " + files.length + " 份自查记录"));
    var head = el("tr");
    rows[0].forEach(function (h) { var th = el("th", h); th.scope = "col"; head.appendChild(th); });
    t.appendChild(head);
    rows.slice(1).forEach(function (r) {
      var tr = el("tr", null, r[2] === "合计" ? "ov-total" : null);
      r.forEach(function (v, i) {
        var c = el(i < 3 ? "th" : "td", String(v));
        if (i < 3) c.scope = "row";
        tr.appendChild(c);
      });
      t.appendChild(tr);
    });
    wrap.appendChild(t); result.appendChild(wrap);
  }

  input.addEventListener("change", function () {
    var chosen = Array.prototype.slice.call(input.files || []);
    input.value = "";
    var left = chosen.length, added = 0;
    chosen.forEach(function (f) {
      var reader = new FileReader();
      reader.onload = function () {
        var r = C.readFile(String(reader.result), lists);
        if (r.error) bad.push({ name: f.name, error: r.error });
        else {
          files = files.filter(function (x) { return !(x.branch === r.file.branch && x.list.id === r.file.list.id); });
          files.push(r.file); added++;
        }
        done();
      };
      reader.onerror = function () { bad.push({ name: f.name, error: "文件无法读取" }); done(); };
      reader.readAsText(f);
    });
    function done() {
      if (--left) return;
      files.sort(function (a, b) { return a.list.id < b.list.id ? -1 : a.list.id > b.list.id ? 1 : a.branch < b.branch ? -1 : 1; });
      message.textContent = "读取了 " + chosen.length + " 个文件，汇总 " + added + " 份" + (chosen.length - added ? "，" + (chosen.length - added) + " 个无法使用" : "") + "。";
      show();
    }
  });
  function download(blob, ext) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "清单汇总-" + new Date().toISOString().slice(0, 10).replace(/-/g, "") + ext;
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
    message.textContent = "已导出“" + a.download + "”，可以用 Excel 或 WPS 打开。";
  }
  csvButton.addEventListener("click", function () {
    download(new Blob([csv(table(files, lists))], { type: "text/csv;charset=utf-8" }), ".csv");
  });
  xlsxButton.addEventListener("click", function () {
    var bytes = global.PortalXlsx.xlsx(table(files, lists), "清单汇总");
    download(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }), ".xlsx");
  });
  clearButton.addEventListener("click", function () { files = []; bad = []; message.textContent = "已清空。"; show(); });
  app.hidden = false;
})(this);
