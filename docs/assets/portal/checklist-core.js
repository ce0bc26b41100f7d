/* 党建学习门户 · 清单: pure logic shared by the checklist pages (checklist.js) and the
   机关党委 overview (checklist-overview.js). No DOM here; loads under Node
   (`module.exports`) for `node --test tests/js/`.

   What a branch ticks is kept in localStorage under KEY, by branch name (several
   branches can share one computer), list id and item id:

     {app, version, current: "<branch>", branches: {"<branch>": {lists: {"<list id>":
       {updated: ISO, items: {"<item id>": {status, note, evidence}}}}}}}

   status is one of STATUSES (unset means not yet ticked and counts as 未开始).
   Unreadable stored data is set aside under ASIDE_PREFIX + time, never deleted.

   An exported file is one branch's record of one list:

     {app, version, kind: "checklist", list: {id, title}, branch, exported: ISO,
      items: {"<item id>": {status, note, evidence}}}

   readFile() checks such a file and explains in Chinese why one cannot be used. */
(function (global) {
  "use strict";

  var APP = "dangjian-portal-checklist";
  var VERSION = 1;
  var KEY = "portal.checklists";
  var ASIDE_PREFIX = "portal.checklists.aside.";
  var STATUSES = ["done", "partial", "todo", "na"];
  var LABELS = { done: "完成", partial: "部分", todo: "未开始", na: "不适用" };
  var LIMITS = { text: 500, name: 60, file: 2000000 };

  function isObject(x) { return x !== null && typeof x === "object" && !Array.isArray(x); }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function nowISO() { return new Date().toISOString(); }
  function clip(text, n) { text = typeof text === "string" ? text : ""; return text.length > n ? text.slice(0, n) : text; }

  function empty() { return { app: APP, version: VERSION, current: "", branches: {} }; }

  function cleanName(name) { return clip(String(name == null ? "" : name).replace(/\s+/g, " ").trim(), LIMITS.name); }

  /* One item's entry, with anything unexpected dropped. */
  function cleanEntry(e) {
    if (!isObject(e)) return null;
    var out = {};
    if (STATUSES.indexOf(e.status) >= 0) out.status = e.status;
    if (typeof e.note === "string" && e.note) out.note = clip(e.note, LIMITS.text);
    if (typeof e.evidence === "string" && e.evidence) out.evidence = clip(e.evidence, LIMITS.text);
    return Object.keys(out).length ? out : null;
  }

  function cleanItems(items) {
    var out = {};
    if (!isObject(items)) return out;
    Object.keys(items).forEach(function (id) {
      var e = cleanEntry(items[id]);
      if (e) out[id] = e;
    });
    return out;
  }

  /* Stored data → a clean record, or null when it is not ours. */
  function normalise(data) {
    if (!isObject(data) || data.app !== APP || data.version !== VERSION || !isObject(data.branches)) return null;
    var out = empty();
    Object.keys(data.branches).forEach(function (name) {
      var b = data.branches[name], clean = cleanName(name);
      if (!clean || !isObject(b)) return;
      var lists = {};
      if (isObject(b.lists)) Object.keys(b.lists).forEach(function (id) {
        var l = b.lists[id];
        if (isObject(l)) lists[id] = { updated: typeof l.updated === "string" ? l.updated : "", items: cleanItems(l.items) };
      });
      out.branches[clean] = { lists: lists };
    });
    out.current = has(out.branches, data.current) ? data.current : "";
    return out;
  }

  function openStore(storage, clock) {
    clock = clock || nowISO;
    var store = { data: empty(), notices: [], mode: "local" };
    var raw = null;
    try { raw = storage.getItem(KEY); } catch (e) { store.mode = "none"; }
    if (raw !== null) {
      var parsed = null;
      try { parsed = normalise(JSON.parse(raw)); } catch (e) { parsed = null; }
      if (parsed) store.data = parsed;
      else {
        var key = ASIDE_PREFIX + clock();
        try { storage.setItem(key, raw); storage.removeItem(KEY); } catch (e) { /* kept where it was */ }
        store.notices.push("本浏览器中保存的清单记录无法读取，已另存为备份（" + key + "），现在从空白开始。");
      }
    }
    store.save = function () {
      try { storage.setItem(KEY, JSON.stringify(store.data)); return true; } catch (e) { return false; }
    };
    return store;
  }

  function addBranch(data, name) {
    name = cleanName(name);
    if (!name) return "";
    if (!has(data.branches, name)) data.branches[name] = { lists: {} };
    data.current = name;
    return name;
  }

  function branchNames(data) { return Object.keys(data.branches).sort(); }

  function listEntry(data, branch, listId) {
    var b = data.branches[branch];
    if (!b) return { updated: "", items: {} };
    return b.lists[listId] || { updated: "", items: {} };
  }

  /* Set fields of one item (status, note, evidence); an emptied item is removed. */
  function setItem(data, branch, listId, itemId, patch, clock) {
    var b = data.branches[branch];
    if (!b) return false;
    var l = b.lists[listId] || (b.lists[listId] = { updated: "", items: {} });
    var merged = Object.assign({}, l.items[itemId] || {}, patch);
    Object.keys(patch).forEach(function (k) { if (patch[k] === "" || patch[k] == null) delete merged[k]; });
    var e = cleanEntry(merged);
    if (e) l.items[itemId] = e; else delete l.items[itemId];
    l.updated = (clock || nowISO)();
    return true;
  }

  /* Progress of one branch's entry over a list definition {sections: [{title, items: [{id, score}]}]}. */
  function progress(def, entry) {
    var items = (entry && entry.items) || {};
    var all = { title: "合计", total: 0, done: 0, partial: 0, todo: 0, na: 0, open: [], score: 0, max: 0 };
    var sections = def.sections.map(function (s) {
      var p = { title: s.title, total: 0, done: 0, partial: 0, todo: 0, na: 0, open: [], score: 0, max: 0 };
      s.items.forEach(function (it) {
        var st = (items[it.id] && items[it.id].status) || "todo";
        p.total++; p[st]++;
        if (st !== "done" && st !== "na") p.open.push(it.id);
        if (it.score && st !== "na") {
          p.max += it.score;
          p.score += st === "done" ? it.score : st === "partial" ? it.score / 2 : 0;
        }
      });
      ["total", "done", "partial", "todo", "na", "score", "max"].forEach(function (k) { all[k] += p[k]; });
      all.open = all.open.concat(p.open);
      return finish(p);
    });
    return { sections: sections, all: finish(all) };
  }

  function finish(p) {
    var counted = p.total - p.na;
    p.percent = counted > 0 ? Math.round(100 * p.done / counted) : 100;
    return p;
  }

  function exportFile(data, branch, list, clock) {
    return { app: APP, version: VERSION, kind: "checklist", list: { id: list.id, title: list.title },
             branch: branch, exported: (clock || nowISO)(), items: cleanItems(listEntry(data, branch, list.id).items) };
  }

  function fileName(file) {
    var day = String(file.exported || "").slice(0, 10).replace(/-/g, "");
    var safe = function (s) { return String(s).replace(/[\\/:*?"<>|\s]+/g, "_"); };
    return "自查表-" + safe(file.branch) + "-" + safe(file.list.id) + "-" + day + ".json";
  }

  /* Text of an exported file → {file} or {error} (Chinese, what is wrong and what to do).
     `lists` (id → definition), when given, must know the file's list; unknown item ids are
     dropped and counted in file.dropped. */
  function readFile(text, lists) {
    if (typeof text !== "string" || !text.trim()) return { error: "文件是空的" };
    if (text.length > LIMITS.file) return { error: "文件过大，不是本门户导出的清单文件" };
    var data;
    try { data = JSON.parse(text.replace(/^\uFEFF/, "")); } catch (e) { return { error: "文件内容不完整或已损坏（不是有效的 JSON），请重新导出" }; }
    if (!isObject(data) || data.app !== APP || data.kind !== "checklist") return { error: "不是本门户导出的清单文件" };
    if (data.version !== VERSION) return { error: "文件版本（" + String(data.version) + "）无法识别，请用最新页面重新导出" };
    var branch = cleanName(data.branch);
    if (!branch) return { error: "文件中没有党支部名称" };
    if (!isObject(data.list) || typeof data.list.id !== "string" || !data.list.id) return { error: "文件中没有清单编号" };
    if (!isObject(data.items)) return { error: "文件中没有勾选记录（items）" };
    var bad = Object.keys(data.items).filter(function (id) {
      var e = data.items[id];
      return !isObject(e) || (has(e, "status") && STATUSES.indexOf(e.status) < 0);
    });
    if (bad.length) return { error: "条目“" + bad[0] + "”的完成情况无法识别，文件可能被改动过" };
    var def = lists ? lists[data.list.id] : null;
    if (lists && !def) return { error: "本门户没有编号为“" + data.list.id + "”的清单（文件中的清单：" + String(data.list.title || "") + "）" };
    var items = cleanItems(data.items), dropped = 0;
    if (def) {
      var known = {};
      def.sections.forEach(function (s) { s.items.forEach(function (it) { known[it.id] = true; }); });
      Object.keys(items).forEach(function (id) { if (!known[id]) { delete items[id]; dropped++; } });
    }
    return { file: { list: { id: data.list.id, title: String(data.list.title || "") }, branch: branch,
                     exported: typeof data.exported === "string" ? data.exported : "", items: items, dropped: dropped } };
  }

  /* Put an imported file's record in place; returns the entry it replaced (or null). */
  function importFile(data, file, clock) {
    var name = addBranch(data, file.branch);
    var lists = data.branches[name].lists;
    var before = lists[file.list.id] || null;
    lists[file.list.id] = { updated: file.exported || (clock || nowISO)(), items: JSON.parse(JSON.stringify(file.items)) };
    return before;
  }

  var api = {
    APP: APP, VERSION: VERSION, KEY: KEY, ASIDE_PREFIX: ASIDE_PREFIX, STATUSES: STATUSES, LABELS: LABELS,
    empty: empty, normalise: normalise, openStore: openStore, addBranch: addBranch, branchNames: branchNames,
    listEntry: listEntry, setItem: setItem, progress: progress, exportFile: exportFile, fileName: fileName,
    readFile: readFile, importFile: importFile
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else global.PortalChecklist = api;
})(this);
