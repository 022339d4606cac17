// Rule catalogue: filter the rule sections by code, name or any words in them.
"use strict";
(function () {
  const search = document.getElementById("rule-search");
  const headings = Array.from(document.querySelectorAll("#catalogue h3"));
  const sections = headings.map((h) => {
    const nodes = [h];
    for (let n = h.nextElementSibling; n && !/^H[23]$/.test(n.tagName); n = n.nextElementSibling) nodes.push(n);
    return nodes;
  });
  search.addEventListener("input", () => {
    const query = search.value.trim().toLowerCase();
    for (const nodes of sections) {
      const hit = !query || nodes.some((n) => n.textContent.toLowerCase().includes(query));
      nodes.forEach((n) => { n.hidden = !hit; });
    }
  });
})();
