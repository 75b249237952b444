/**
 * Small pure parts of the site: source/edit links per repo host, base URL
 * normalisation, HTML escaping, the funnel SVG and the sanitizing schema's
 * effect on one Markdown string.
 */
import { strict as assert } from "node:assert";
import { escapeHtml, html } from "../../generator/site/html.js";
import { sourceLinks } from "../../generator/site/layout.js";
import { globBase, normaliseBaseUrl, Routes } from "../../generator/site/routes.js";
import { MAX_TEXT, searchText } from "../../generator/site/search-index.js";

describe("site: units", () => {
  it("keeps a page's search text as collapsing the whole text would, from a prefix when it can", () => {
    const whole = (t: string): string => t.replace(/\s+/g, " ").trim().slice(0, MAX_TEXT).trimEnd();
    // Whitespace runs across every prefix boundary the function may cut at (8,000, 32,000, …).
    const texts = [
      "",
      "   ",
      " a\tb\n\nc ",
      "word ".repeat(5000),
      `${" ".repeat(7999)}x${"\n".repeat(30000)}y ${"z".repeat(5000)}`,
      `${"a".repeat(3999)}${" ".repeat(9000)}b`,
      `${"a".repeat(3998)} b`,
      `${"a ".repeat(3999)}\u00a0\u2003${"b".repeat(100)}`,
      `${" \n".repeat(20000)}tail`,
      "x".repeat(40000),
    ];
    for (const text of texts) assert.equal(searchText(text), whole(text), JSON.stringify(text.slice(0, 40)));
  });

  it("builds view and edit URLs for GitLab, GitHub and a generic editUrl", () => {
    const file = "handbook/sales/lead routing.md";
    assert.deepEqual(
      sourceLinks({ url: "https://gitlab.com/acme/hb/", branch: "main", host: "gitlab" }, file),
      {
        view: "https://gitlab.com/acme/hb/-/blob/main/handbook/sales/lead%20routing.md",
        edit: "https://gitlab.com/acme/hb/-/edit/main/handbook/sales/lead%20routing.md",
      },
    );
    assert.deepEqual(
      sourceLinks({ url: "https://github.com/acme/hb", branch: "trunk", host: "github" }, file),
      {
        view: "https://github.com/acme/hb/blob/trunk/handbook/sales/lead%20routing.md",
        edit: "https://github.com/acme/hb/edit/trunk/handbook/sales/lead%20routing.md",
      },
    );
    assert.deepEqual(
      sourceLinks(
        {
          url: "https://git.acme.example/hb",
          branch: "main",
          host: "generic",
          editUrl: "https://cms.acme.example/edit?f={path}",
        },
        file,
      ),
      { edit: "https://cms.acme.example/edit?f=handbook/sales/lead%20routing.md" },
    );
    assert.deepEqual(sourceLinks(undefined, file), {});
  });

  it("normalises baseUrl and doc glob bases", () => {
    assert.equal(normaliseBaseUrl("/"), "/");
    assert.equal(normaliseBaseUrl(""), "/");
    assert.equal(normaliseBaseUrl("revops-handbook"), "/revops-handbook/");
    assert.equal(normaliseBaseUrl("/a/b//"), "/a/b/");
    assert.equal(normaliseBaseUrl("https://acme.gitlab.io/hb"), "https://acme.gitlab.io/hb/");
    assert.equal(globBase("handbook/**/*.md"), "handbook");
    assert.equal(globBase("**/*.md"), "");
    const routes = new Routes("/", ["docs/process/**/*.md", "handbook/**/*.md"]);
    assert.equal(routes.docRoute("docs/process/a/b.md"), "/a/b/");
    assert.equal(routes.docRoute("handbook/sales/index.md"), "/sales/");
    assert.equal(
      routes.definitionRoute("Property", "contact.lead_score", "contact"),
      "/objects/contact/#prop-lead_score",
    );
    assert.equal(routes.url("/objects/contact/#prop-lead_score"), "/objects/contact/#prop-lead_score");
  });

  it("escapes interpolated text but not trusted markup", () => {
    assert.equal(escapeHtml(`<a href="x">&</a>`), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
    const evil = '"><script>alert(1)</script>';
    assert.equal(
      html`<p title="${evil}">${evil}</p>`.value,
      `<p title="${escapeHtml(evil)}">${escapeHtml(evil)}</p>`,
    );
    assert.equal(
      html`<ul>${["a", "<b>"].map((x) => html`<li>${x}</li>`)}</ul>`.value,
      "<ul><li>a</li><li>&lt;b&gt;</li></ul>",
    );
  });
});
