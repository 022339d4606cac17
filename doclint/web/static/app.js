// doclint page: upload, then show the draft with its findings. Plain DOM, no library; user text only via textContent.
"use strict";
(function () {
  const RANK = { info: 1, warning: 2, error: 3 };
  const $ = (id) => document.getElementById(id);
  const form = $("upload-form"), drop = $("drop"), input = $("files"), status = $("status");
  let findings = [], marks = [], cards = [], groups = [], urls = [];

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "class") node.className = value; else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child != null) node.append(child);
    return node;
  }

  function showStatus(message, kind) {
    status.className = "status" + (kind ? " " + kind : "");
    status.replaceChildren(kind === "error" ? el("p", { class: "error-box", role: "alert", text: message }) : message);
  }

  async function upload(fileList) {
    const files = Array.from(fileList || []);
    if (!files.length) return;
    const data = new FormData();
    for (const file of files) data.append("files", file, file.name);
    showStatus(`正在审查 ${files.length === 1 ? files[0].name : files.length + " 个文件"}……`, "busy");
    let answer;
    try {
      const response = await fetch("/api/review", { method: "POST", body: data, credentials: "same-origin" });
      answer = await response.json().catch(() => ({ error: `服务器返回了无法识别的结果（HTTP ${response.status}）` }));
      if (response.status === 401) { window.location.href = "/login"; return; }
    } catch (err) {
      answer = { error: "无法连接审查服务，请确认服务仍在运行。" };
    }
    form.reset();
    if (answer.error) { showStatus(answer.error, "error"); return; }
    showStatus("");
    render(answer);
  }

  function base64Blob(data, mime) {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    return new Blob([bytes], { type: mime });
  }

  let memo = null;

  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    urls.push(url);
    const link = el("a", { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
  }

  // The memo is laid out when asked for: the page posts back the memo content the review returned.
  async function downloadMemo(item, link) {
    if (!memo) { showStatus("本次审查没有生成意见书内容，请重新上传。", "error"); return; }
    link.classList.add("busy");
    try {
      const response = await fetch("/api/memo/" + item.format, {
        method: "POST", body: JSON.stringify(memo), credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
      });
      if (!response.ok) {
        const answer = await response.json().catch(() => ({}));
        showStatus(answer.error || `意见书生成失败（HTTP ${response.status}）`, "error");
        return;
      }
      save(await response.blob(), item.name);
    } catch (err) {
      showStatus("无法连接审查服务，请确认服务仍在运行。", "error");
    } finally {
      link.classList.remove("busy");
    }
  }

  function renderDownloads(list) {
    urls.forEach((u) => URL.revokeObjectURL(u));
    urls = [];
    const box = $("downloads");
    box.replaceChildren();
    if (list.length) box.append(el("span", { class: "hint", text: "下载：" }));
    for (const item of list) {
      if (item.error) {
        box.append(el("span", { class: "failed", title: item.error, text: item.kind === "annotated" ? "批注稿未生成" : "意见书未生成" }));
        continue;
      }
      if (item.format) {
        const link = el("a", { href: "#", "data-kind": item.kind, text: item.label });
        link.addEventListener("click", (event) => { event.preventDefault(); downloadMemo(item, link); });
        box.append(link);
        continue;
      }
      const url = URL.createObjectURL(base64Blob(item.data, item.mime));
      urls.push(url);
      box.append(el("a", { href: url, download: item.name, "data-kind": item.kind, text: item.label }));
    }
  }

  function renderMaterials(answer) {
    const box = $("materials");
    box.replaceChildren();
    if (answer.materials.length > 1) {
      box.append("送审材料：" + answer.materials.map((m) => `${m.role_zh}（${m.name}${m.error ? "，无法读取" : ""}）`).join("；"));
    }
    if (answer.missing.length) {
      box.append(el("span", { class: "missing", text: (box.textContent ? "。" : "") + "未见材料：" + answer.missing.join("、") }));
    }
    for (const m of answer.materials.filter((m) => m.error)) box.append(el("p", { class: "error-box", text: m.error }));
  }

  function renderText(sections) {
    const text = $("text");
    text.replaceChildren();
    marks = [];
    sections.forEach((section, index) => {
      const node = el("section", { "data-section": index, class: section.findings.length ? "flagged" : "" });
      for (const piece of section.pieces) {
        if (!piece.ids.length) { node.append(piece.text); continue; }
        const mark = el("mark", { "data-ids": piece.ids.join(" "), text: piece.text });
        mark.addEventListener("click", () => focusFinding(piece.ids[0], "text"));
        marks.push({ node: mark, ids: piece.ids });
        node.append(mark);
      }
      text.append(node);
    });
  }

  function card(f) {
    const head = el("div", { class: "head" },
      el("span", { class: "sev " + f.severity, text: f.severity_zh }),
      el("a", { class: "rule", href: "/rules#" + f.rule.toLowerCase(), target: "_blank", text: f.rule }),
      el("span", { class: "cat", text: `${f.category_zh} · ${f.location}` }));
    const details = el("dl");
    if (f.basis.length) {
      details.append(el("dt", { text: "依据" }));
      for (const b of f.basis) {
        const label = b.label + (b.note ? `（${b.note}）` : "");
        // The article's text is long; it opens on demand so the list stays readable on a 768-pixel screen.
        const dd = b.text ? el("dd", {}, el("details", { class: "quote" }, el("summary", { text: label }), el("blockquote", { text: b.text })))
                          : el("dd", { text: label });
        details.append(dd);
      }
    }
    if (f.suggestion) details.append(el("dt", { text: "修改建议" }), el("dd", { text: f.suggestion }));
    if (f.explain) details.append(el("dt", { text: "判断过程" }), el("dd", { class: "explain", text: typeof f.explain === "string" ? f.explain : JSON.stringify(f.explain) }));
    const node = el("div", { class: "card " + f.severity, "data-id": f.id, "data-severity": f.severity, "data-category": f.category },
      head, el("p", { class: "msg", text: f.message }),
      f.document_level ? null : el("div", { class: "excerpt", text: `原文：「${f.excerpt}」` }),
      details);
    if (f.what) node.append(el("details", {}, el("summary", { text: "这条规则检查什么" }), el("p", { text: f.what })));
    node.addEventListener("click", (event) => { if (!event.target.closest("a, summary")) focusFinding(f.id, "card"); });
    return node;
  }

  function renderFindings(answer) {
    const box = $("findings");
    box.replaceChildren();
    cards = []; groups = [];
    if (!answer.findings.length) { box.append(el("p", { class: "none", text: "未发现问题。" })); return; }
    const addGroup = (title, ids) => {
      if (!ids.length) return;
      const heading = el("h2", { text: title });
      const members = ids.map((id) => { const c = card(answer.findings[id]); cards[id] = c; return c; });
      groups.push({ heading, members });
      box.append(heading, ...members);
    };
    answer.sections.forEach((s) => addGroup(s.label || "标题及其他文字", s.findings));
    addGroup("全文与制定程序", answer.findings.filter((f) => f.document_level).map((f) => f.id));
  }

  function renderFilters(answer) {
    const box = $("category-filters");
    box.replaceChildren();
    for (const [code, name] of answer.categories) {
      const count = answer.findings.filter((f) => f.category === code).length;
      box.append(el("label", {}, el("input", { type: "checkbox", name: "category", value: code, checked: "" }), ` ${name} `, el("b", { text: String(count) })), " ");
    }
    for (const sev of ["error", "warning", "info"]) $("n-" + sev).textContent = String(answer.draft.counts[sev]);
    document.querySelectorAll("#filters input").forEach((box) => box.addEventListener("change", applyFilters));
  }

  function visible() {
    const checked = (name) => new Set(Array.from(document.querySelectorAll(`#filters input[name=${name}]:checked`)).map((i) => i.value));
    const sev = checked("severity"), cat = checked("category");
    return new Set(findings.filter((f) => sev.has(f.severity) && cat.has(f.category)).map((f) => f.id));
  }

  function applyFilters() {
    const shown = visible();
    cards.forEach((c, id) => { if (c) c.hidden = !shown.has(id); });
    for (const g of groups) g.heading.classList.toggle("empty", g.members.every((m) => m.hidden));
    for (const m of marks) {
      const ids = m.ids.filter((id) => shown.has(id));
      const top = ids.reduce((best, id) => (RANK[findings[id].severity] > RANK[best] ? findings[id].severity : best), "info");
      m.node.className = ids.length ? top : "hidden";
      m.node.title = ids.map((id) => `${findings[id].rule} ${findings[id].message}`).join("\n");
    }
  }

  function focusFinding(id, from) {
    document.querySelectorAll(".focus").forEach((n) => n.classList.remove("focus"));
    const c = cards[id];
    const m = marks.filter((mk) => mk.ids.includes(id));
    if (c) { c.classList.add("focus"); if (from !== "card") c.scrollIntoView({ block: "nearest", behavior: "smooth" }); }
    m.forEach((mk) => mk.node.classList.add("focus"));
    if (m.length && from !== "text") m[0].node.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function render(answer) {
    findings = answer.findings;
    memo = answer.memo;
    const d = answer.draft;
    $("draft-title").textContent = d.title || d.name;
    const total = d.counts.error + d.counts.warning + d.counts.info;
    $("draft-meta").textContent = `文件：${d.name} · 共 ${total} 个问题（错误 ${d.counts.error}，警告 ${d.counts.warning}，提示 ${d.counts.info}）`;
    renderDownloads(answer.downloads);
    renderMaterials(answer);
    renderText(answer.sections);
    renderFindings(answer);
    renderFilters(answer);
    applyFilters();
    document.body.classList.add("has-result");
    $("result").hidden = false;
  }

  $("again").addEventListener("click", () => {
    document.body.classList.remove("has-result");
    $("result").hidden = true;
    showStatus("");
  });
  input.addEventListener("change", () => upload(input.files));
  for (const type of ["dragenter", "dragover"]) drop.addEventListener(type, (e) => { e.preventDefault(); drop.classList.add("over"); });
  for (const type of ["dragleave", "drop"]) drop.addEventListener(type, (e) => { e.preventDefault(); drop.classList.remove("over"); });
  drop.addEventListener("drop", (e) => upload(e.dataTransfer.files));
})();
