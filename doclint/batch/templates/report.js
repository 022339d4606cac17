/* doclint batch report: filters, sorting, paging and drill-down over the embedded results.
   Filters live in the URL fragment (#q=…&conclusion=…&category=…&doctype=…&doc=…), so a filtered view
   can be bookmarked or sent to a colleague, and reopening the link shows the same rows. */
(function () {
  "use strict";
  const DATA = JSON.parse(document.getElementById("report-data").textContent);
  const DOCS = JSON.parse(document.getElementById("report-docs").textContent);
  const PAGE_SIZE = 200;
  const FAILED = DATA.failed_label;
  const RANK = {};
  DATA.conclusions.forEach(function (label, i) { RANK[label] = DATA.conclusions.length - i; });
  RANK[FAILED] = 0;
  const SEVERITY_ZH = { error: "错误", warning: "警告", info: "提示" };
  const TAG_CLASS = {};
  // Most severe first; a clean-up has four decisions (废止, 宣布失效, 修改, 保留), a review three.
  const CLASSES = DATA.conclusions.length === 4 ? ["illegal", "revise", "revise", "legal"] : ["illegal", "revise", "legal"];
  DATA.conclusions.forEach(function (label, i) { TAG_CLASS[label] = CLASSES[i]; });
  TAG_CLASS[FAILED] = "failed";

  DOCS.forEach(function (doc, index) {
    doc.index = index;
    doc.verdict = doc.error ? FAILED : doc.conclusion;
    doc.rank = RANK[doc.verdict];
    doc.doc_type_zh = DATA.doc_types[doc.doc_type] || "未识别";
    doc.categories = new Set(doc.findings.map(function (f) { return f.category; }));
    doc.haystack = [doc.path, doc.title, doc.issuer, doc.doc_number].join("\n").toLowerCase();
  });

  const state = { q: "", conclusion: "", category: "", doctype: "", sort: "rank", dir: "desc", page: 0, doc: "" };
  const controls = {
    q: document.getElementById("filter-q"),
    conclusion: document.getElementById("filter-conclusion"),
    category: document.getElementById("filter-category"),
    doctype: document.getElementById("filter-doctype"),
  };

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function addOptions(select, pairs) {
    pairs.forEach(function (pair) {
      const option = el("option", pair[1]);
      option.value = pair[0];
      select.appendChild(option);
    });
  }
  addOptions(controls.conclusion, DATA.conclusions.concat([FAILED]).map(function (c) { return [c, c]; }));
  addOptions(controls.category, Object.keys(DATA.categories).map(function (k) { return [k, DATA.categories[k]]; }));
  addOptions(controls.doctype, Object.keys(DATA.doc_types).map(function (k) { return [k, DATA.doc_types[k]]; }));

  function readHash() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    ["q", "conclusion", "category", "doctype", "doc"].forEach(function (key) { state[key] = params.get(key) || ""; });
    if (params.get("sort")) state.sort = params.get("sort");
    if (params.get("dir")) state.dir = params.get("dir") === "asc" ? "asc" : "desc";
    state.page = Math.max(0, parseInt(params.get("page") || "1", 10) - 1) || 0;
    Object.keys(controls).forEach(function (key) { controls[key].value = state[key]; });
  }

  function writeHash() {
    const params = new URLSearchParams();
    ["q", "conclusion", "category", "doctype", "doc"].forEach(function (key) { if (state[key]) params.set(key, state[key]); });
    if (state.sort !== "rank" || state.dir !== "desc") { params.set("sort", state.sort); params.set("dir", state.dir); }
    if (state.page) params.set("page", String(state.page + 1));
    const hash = params.toString();
    history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
  }

  function matches(doc) {
    if (state.q && doc.haystack.indexOf(state.q.toLowerCase()) < 0) return false;
    if (state.conclusion && doc.verdict !== state.conclusion) return false;
    if (state.category && !doc.categories.has(state.category)) return false;
    if (state.doctype && doc.doc_type !== state.doctype) return false;
    return true;
  }

  function compare(a, b) {
    const key = state.sort;
    let x = a[key], y = b[key];
    if (x === null || x === undefined) x = "";
    if (y === null || y === undefined) y = "";
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN");
    if (order !== 0) return state.dir === "asc" ? order : -order;
    // Ties keep a fixed order whatever the direction: most errors first, then by path.
    return b.errors - a.errors || b.warnings - a.warnings || a.path.localeCompare(b.path);
  }

  function tag(text, className) { return el("span", text, "tag " + className); }

  function renderTable() {
    const rows = DOCS.filter(matches).sort(compare);
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    state.page = Math.min(state.page, pages - 1);
    const body = document.querySelector("#doc-table tbody");
    const fragment = document.createDocumentFragment();
    rows.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE).forEach(function (doc) {
      const tr = document.createElement("tr");
      tr.dataset.index = String(doc.index);
      if (doc.path === state.doc) tr.className = "selected";
      tr.appendChild(el("td", doc.path));
      tr.appendChild(el("td", doc.title || "（未识别）"));
      tr.appendChild(el("td", doc.issuer || (doc.doc_number ? "（未识别，文号 " + doc.doc_number + "）" : "（未识别）")));
      tr.appendChild(el("td", doc.doc_type_zh));
      const verdict = el("td");
      verdict.appendChild(tag(doc.verdict, TAG_CLASS[doc.verdict]));
      tr.appendChild(verdict);
      tr.appendChild(el("td", doc.reasons || "", "reasons"));
      tr.appendChild(el("td", doc.errors, "num"));
      tr.appendChild(el("td", doc.warnings, "num"));
      tr.appendChild(el("td", doc.infos, "num"));
      fragment.appendChild(tr);
    });
    body.replaceChildren(fragment);
    document.getElementById("match-count").textContent = "筛选结果 " + rows.length + " / 共 " + DOCS.length + " 个文件";
    document.getElementById("page-label").textContent = "第 " + (state.page + 1) + " / " + pages + " 页";
    document.getElementById("prev").disabled = state.page === 0;
    document.getElementById("next").disabled = state.page >= pages - 1;
    document.querySelectorAll("#doc-table th").forEach(function (th) {
      th.setAttribute("aria-sort", th.dataset.key === state.sort ? (state.dir === "asc" ? "ascending" : "descending") : "none");
    });
  }

  function renderDetail() {
    const section = document.getElementById("detail");
    const doc = DOCS.find(function (d) { return d.path === state.doc; });
    if (!doc) { section.hidden = true; return; }
    section.hidden = false;
    document.getElementById("detail-title").textContent = doc.title || doc.path;
    document.getElementById("detail-meta").textContent = [doc.path, doc.issuer, doc.doc_number, doc.doc_type_zh,
      "结论：" + doc.verdict].filter(Boolean).join(" · ");
    const body = document.getElementById("detail-body");
    const fragment = document.createDocumentFragment();
    if (doc.error) fragment.appendChild(el("p", doc.error, "excerpt"));
    if (doc.reasons) fragment.appendChild(el("p", "理由：" + doc.reasons));
    if (!doc.error && doc.findings.length === 0) fragment.appendChild(el("p", "未发现问题。"));
    doc.findings.forEach(function (f) {
      const box = el("div", null, "finding " + f.severity);
      const head = el("div");
      head.appendChild(tag(SEVERITY_ZH[f.severity] || f.severity, f.severity));
      head.appendChild(document.createTextNode(" " + f.rule + " · " + (DATA.categories[f.category] || f.category) +
        (f.article ? " · " + f.article : "") + " · 第 " + f.line + " 行"));
      box.appendChild(head);
      box.appendChild(el("p", f.message));
      // The clause around the hit, the matched words marked, so a reviewer sees what the words do.
      const clause = el("div", null, "excerpt");
      if (f.before) clause.appendChild(document.createTextNode(f.before));
      clause.appendChild(el("mark", f.excerpt));
      if (f.after) clause.appendChild(document.createTextNode(f.after));
      box.appendChild(clause);
      if (f.basis.length) {
        box.appendChild(el("div", "依据：", "muted"));
        const list = el("ul");
        f.basis.forEach(function (b) { list.appendChild(el("li", b)); });
        box.appendChild(list);
      }
      if (f.suggestion) box.appendChild(el("p", "修改建议：" + f.suggestion, "muted"));
      if (f.precedents && f.precedents.length) {
        box.appendChild(el("div", "先例：", "muted"));
        const cases = el("ul", null, "precedents");
        f.precedents.forEach(function (p) { cases.appendChild(el("li", p)); });
        box.appendChild(cases);
      }
      fragment.appendChild(box);
    });
    body.replaceChildren(fragment);
  }

  function update(resetPage) {
    if (resetPage) state.page = 0;
    writeHash();
    renderTable();
    renderDetail();
  }

  Object.keys(controls).forEach(function (key) {
    controls[key].addEventListener(key === "q" ? "input" : "change", function () {
      state[key] = controls[key].value;
      update(true);
    });
  });
  document.querySelectorAll("#doc-table th").forEach(function (th) {
    th.addEventListener("click", function () {
      if (state.sort === th.dataset.key) state.dir = state.dir === "asc" ? "desc" : "asc";
      else { state.sort = th.dataset.key; state.dir = "desc"; }
      update(false);
    });
  });
  document.querySelector("#doc-table tbody").addEventListener("click", function (event) {
    const tr = event.target.closest("tr");
    if (!tr) return;
    state.doc = DOCS[Number(tr.dataset.index)].path;
    update(false);
    document.getElementById("detail").scrollIntoView();
  });
  document.getElementById("prev").addEventListener("click", function () { state.page -= 1; update(false); });
  document.getElementById("next").addEventListener("click", function () { state.page += 1; update(false); });
  window.addEventListener("hashchange", function () { readHash(); renderTable(); renderDetail(); });

  readHash();
  renderTable();
  renderDetail();

  // Charts: clicking a bar filters the table to it.
  const COLOURS = { error: "#d92d20", warning: "#f79009", info: "#98a2b3" };
  function stacked(id, chart, horizontal, onPick) {
    const labelAxis = horizontal ? "y" : "x";
    const scales = { x: { stacked: true }, y: { stacked: true } };
    scales[labelAxis].ticks = { autoSkip: false };  // every issuer and category keeps its label
    const datasets = ["error", "warning", "info"].map(function (severity) {
      return { label: SEVERITY_ZH[severity], data: chart[severity], backgroundColor: COLOURS[severity] };
    });
    return new Chart(document.getElementById(id), {
      type: "bar",
      data: { labels: chart.labels, datasets: datasets },
      options: {
        animation: false, maintainAspectRatio: false, indexAxis: horizontal ? "y" : "x",
        scales: scales,
        onClick: function (event, elements) { if (onPick && elements.length) onPick(elements[0].index); },
      },
    });
  }
  function pick(key, values) {
    return function (i) { state[key] = values[i]; controls[key].value = values[i]; update(true); };
  }
  stacked("chart-category", DATA.by_category, false, pick("category", DATA.by_category.keys));
  stacked("chart-issuer", DATA.by_issuer, true, null);
  stacked("chart-doctype", DATA.by_doc_type, false, pick("doctype", DATA.by_doc_type.keys));
  new Chart(document.getElementById("chart-conclusion"), {
    type: "doughnut",
    data: {
      labels: DATA.by_conclusion.labels,
      datasets: [{ data: DATA.by_conclusion.counts, backgroundColor: (DATA.conclusions.length === 4 ? ["#d92d20", "#f79009", "#fdb022", "#17b26a"] : ["#d92d20", "#f79009", "#17b26a"]).concat(["#98a2b3"]) }],
    },
    options: {
      animation: false, maintainAspectRatio: false,
      onClick: function (event, elements) {
        if (elements.length) pick("conclusion", DATA.by_conclusion.labels)(elements[0].index);
      },
    },
  });
})();
