// revbook handbook: full-text search over search-index.json, built at build time.
// No service, no innerHTML: results are built with DOM text nodes.
(() => {
  const base = document.documentElement.dataset.baseUrl || "/";
  let index = null;
  const load = () => {
    if (!index) {
      index = fetch(`${base}search-index.json`)
        .then((r) => (r.ok ? r.json() : []))
        .catch(() => []);
    }
    return index;
  };
  const search = (entries, query) => {
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (terms.length === 0) return [];
    const scored = [];
    for (const e of entries) {
      const title = e.t.toLowerCase();
      const text = e.x.toLowerCase();
      let score = 0;
      let all = true;
      for (const term of terms) {
        if (title.includes(term)) score += 10;
        else if (text.includes(term)) score += 1;
        else all = false;
      }
      if (all) scored.push({ e, score });
    }
    scored.sort((a, b) => b.score - a.score || a.e.t.localeCompare(b.e.t));
    return scored.slice(0, 20).map((s) => s.e);
  };
  const render = (list, results) => {
    list.replaceChildren();
    for (const r of results) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = r.u;
      a.textContent = r.t;
      const section = document.createElement("span");
      section.className = "search-section";
      section.textContent = r.s;
      a.append(section);
      li.append(a);
      list.append(li);
    }
    if (results.length === 0) {
      const li = document.createElement("li");
      li.textContent = "No results";
      list.append(li);
    }
  };
  const input = document.getElementById("search-input");
  const dropdown = document.getElementById("search-results");
  if (input && dropdown) {
    input.addEventListener("input", async () => {
      const q = input.value.trim();
      if (q.length < 2) {
        dropdown.hidden = true;
        return;
      }
      render(dropdown, search(await load(), q));
      dropdown.hidden = false;
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Escape") dropdown.hidden = true;
    });
  }
  const page = document.getElementById("search-page-results");
  if (page) {
    const q = new URLSearchParams(window.location.search).get("q") || "";
    if (input) input.value = q;
    load().then((entries) => render(page, search(entries, q)));
  }
})();
