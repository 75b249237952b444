/**
 * The handbook built from examples/acme (in-process, and once through the real
 * CLI): exact navigation, breadcrumbs, TOC, edit links, plain-English stage
 * conditions, backlinks, the SVG funnel, `KIND:ID` links, the manifest, the
 * search index, and `baseUrl` prefixing.
 */
import { strict as assert } from "node:assert";
import { promises as fs } from "node:fs";
import path from "node:path";
import { buildSite, MANIFEST } from "../../generator/site/build.js";
import { CSP } from "../../generator/site/layout.js";
import { makeTempDir, REPO_ROOT, removeTempDir, runCli } from "../helpers/cli.js";
import { TEST_NOW } from "../helpers/workspace.js";

const ACME = path.join(REPO_ROOT, "examples/acme");

describe("site: examples/acme", function () {
  this.timeout(180_000);
  let tmp: string;
  let out: string;
  const read = (rel: string): Promise<string> => fs.readFile(path.join(out, rel), "utf8");

  before(async () => {
    tmp = await makeTempDir("revbook-site-");
    out = path.join(tmp, "public");
    const result = await buildSite({ dir: ACME, out, now: TEST_NOW });
    assert.equal(result.code, 0);
  });
  after(() => removeTempDir(tmp));

  it("writes one page per definition and doc, and a manifest of exactly what it wrote", async () => {
    const manifest = JSON.parse(await read(MANIFEST)) as { files: string[] };
    for (const f of [
      "index.html",
      "stages/mql/index.html",
      "triggers/promote-to-mql/index.html",
      "objects/contact/index.html",
      "pipelines/lifecycle/index.html",
      "scoring/lead-score/index.html",
      "plans/enterprise-handoff/index.html",
      "teams/sdr/index.html",
      "metrics/mql-to-sql/index.html",
      "events/demo-request/index.html",
      "sales/lead-routing/index.html",
      "glossary/index.html",
      "status/index.html",
      "404.html",
      "sitemap.xml",
      "_redirects",
      "search-index.json",
      "assets/site.css",
      "assets/search.js",
      "assets/nav.js",
    ]) {
      assert.ok(manifest.files.includes(f), `manifest lists ${f}`);
      await fs.access(path.join(out, f));
    }
    assert.deepEqual(manifest.files, [...manifest.files].sort());
  });

  it("orders the docs navigation by folder, then front matter weight", async () => {
    const page = await read("stages/mql/index.html");
    assert.ok(
      page.includes(
        '<li><details><summary><span>Revops</span></summary><ul><li><a href="/revops/lifecycle/">Lifecycle stages</a></li><li><a href="/revops/metrics/">Funnel metrics</a></li><li><a href="/revops/data-dictionary/">Data dictionary</a></li></ul></details></li>',
      ),
    );
    const folders = [...page.matchAll(/<summary><span>([^<]+)<\/span><\/summary>/g)].map((m) => m[1]);
    assert.deepEqual(folders, ["Customer Success", "Marketing", "Revops", "Sales", "Definitions", "Stages"]);
    // The section holding the current page is open, and the page is marked current.
    // A folder's own page is its first "Overview" entry (no link inside <summary>).
    assert.ok(
      page.includes(
        '<li><details open><summary><span>Stages</span></summary><ul><li><a href="/stages/">Overview</a></li>',
      ),
    );
    assert.ok(
      page.includes('<li><a href="/stages/mql/" aria-current="page">Marketing Qualified Lead</a></li>'),
    );
    // Stages are listed in pipeline order; a generated section lists its entries only on its own pages.
    const stages = /<summary><span>Stages<\/span><\/summary><ul>(.*?)<\/ul>/.exec(page)?.[1] ?? "";
    assert.deepEqual([...stages.matchAll(/href="\/stages\/([^/]+)\/"/g)].map((m) => m[1]).slice(0, 8), [
      "subscriber",
      "lead",
      "mql",
      "sql",
      "opportunity",
      "customer",
      "evangelist",
      "appointmentscheduled",
    ]);
    assert.ok(page.includes('<li><a href="/triggers/">Triggers</a></li>'));
    assert.ok(!page.includes('<li><a href="/triggers/promote-to-mql/">'));
    const sales = await read("sales/lead-routing/index.html");
    assert.ok(sales.includes('<li><a href="/stages/">Stages</a></li>'));
    assert.ok(
      sales.includes(
        '<li><details open><summary><span>Sales</span></summary><ul><li><a href="/sales/lead-routing/" aria-current="page">Lead routing and SLAs</a></li><li><a href="/sales/deal-desk/">Deal stages and the deal desk</a></li></ul></details></li>',
      ),
    );
  });

  it("prints breadcrumbs for definitions and docs", async () => {
    assert.ok(
      (await read("stages/mql/index.html")).includes(
        '<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/stages/">Stages</a></li><li aria-current="page">Marketing Qualified Lead</li></ol></nav>',
      ),
    );
    assert.ok(
      (await read("sales/lead-routing/index.html")).includes(
        '<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li>Sales</li><li aria-current="page">Lead routing and SLAs</li></ol></nav>',
      ),
    );
  });

  it("lists h2–h4 in the On this page TOC, with github-slugger anchors that exist in the page", async () => {
    const page = await read("revops/lifecycle/index.html");
    const toc =
      /<nav class="toc" aria-label="On this page"><h2>On this page<\/h2><ul>(.*?)<\/ul><\/nav>/.exec(
        page,
      )?.[1];
    assert.equal(
      toc,
      '<li class="toc-h2"><a href="#the-stages">The stages</a></li><li class="toc-h2"><a href="#how-records-move">How records move</a></li><li class="toc-h3"><a href="#forward-only">Forward only</a></li><li class="toc-h3"><a href="#why-contacts-skip-stages">Why contacts skip stages</a></li><li class="toc-h2"><a href="#funnel">Funnel</a></li><li class="toc-h2"><a href="#related-pages">Related</a></li>',
    );
    for (const id of [
      "the-stages",
      "how-records-move",
      "forward-only",
      "why-contacts-skip-stages",
      "funnel",
    ]) {
      assert.ok(page.includes(` id="${id}">`), id);
    }
    assert.ok(!page.includes("user-content-the-stages"));
    // Front matter `related`: definitions and docs, by name.
    assert.ok(
      page.includes(
        '<ul class="related"><li><a href="/pipelines/lifecycle/">Contact lifecycle</a></li><li><a href="/triggers/promote-to-mql/">Promote to MQL</a></li><li><a href="/marketing/lead-scoring/">Lead scoring</a></li></ul>',
      ),
    );
  });

  it("links View page source and Edit this page to GitLab, and names the owner as maintainer", async () => {
    const page = await read("sales/lead-routing/index.html");
    assert.ok(
      page.includes(
        '<a class="view-source" href="https://gitlab.com/acme-analytics/revops-handbook/-/blob/main/handbook/sales/lead-routing.md">View page source</a><a class="edit-page" href="https://gitlab.com/acme-analytics/revops-handbook/-/edit/main/handbook/sales/lead-routing.md">Edit this page</a>',
      ),
    );
    assert.ok(
      page.includes(
        '<span class="maintainer">Maintained by <a href="/teams/sdr/">Sales Development</a></span>',
      ),
    );
    assert.ok(page.includes('<p class="reviewed">Last reviewed 2026-11-10</p>'));
    const stage = await read("stages/mql/index.html");
    assert.ok(
      stage.includes(
        'href="https://gitlab.com/acme-analytics/revops-handbook/-/edit/main/definitions/pipelines/lifecycle.yaml"',
      ),
    );
  });

  it("describes the MQL stage: definition, CRM value, SLA in words, the trigger that sets it, exit criteria", async () => {
    const page = await read("stages/mql/index.html");
    assert.ok(
      page.includes(
        '<dt>CRM value</dt><dd><code>marketingqualifiedlead</code> in <a href="/objects/contact/#prop-lifecyclestage">Lifecycle stage</a></dd>',
      ),
    );
    assert.ok(page.includes("<dt>SLA</dt><dd>1 day</dd>"));
    assert.ok(
      page.includes(
        '<a href="/triggers/promote-to-mql/">Promote to MQL</a> <span class="crm">(HubSpot)</span>',
      ),
    );
    assert.ok(
      page.includes(
        "<li>Accepted by an SDR after a connected conversation and a booked meeting (becomes SQL)</li>",
      ),
    );
    assert.ok(
      page.includes(
        '<dt>Pipeline</dt><dd><a href="/pipelines/lifecycle/">Contact lifecycle</a> (stage 3 of 7)</dd>',
      ),
    );
  });

  it("writes the MQL entry condition in HubSpot's words", async () => {
    const page = await read("stages/mql/index.html");
    assert.ok(
      page.includes('<p class="condition">Lead score is greater than or equal to 60 and Email is known</p>'),
      /<p class="condition">.*?<\/p>/.exec(page)?.[0],
    );
  });

  it("lists the docs that link to a stage as backlinks", async () => {
    const page = await read("stages/mql/index.html");
    assert.ok(
      page.includes(
        '<ul class="backlinks"><li><a href="/">Acme Revenue Handbook</a></li><li><a href="/marketing/lead-scoring/">Lead scoring</a></li><li><a href="/revops/lifecycle/">Lifecycle stages</a></li><li><a href="/sales/lead-routing/">Lead routing and SLAs</a></li></ul>',
      ),
    );
  });

  it("draws the pipeline funnel as inline SVG with every stage labelled and linked", async () => {
    const page = await read("pipelines/lifecycle/index.html");
    const svg = /<svg [^>]*>.*?<\/svg>/s.exec(page)?.[0] ?? "";
    const labels = [...svg.matchAll(/<text class="funnel-label"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    assert.deepEqual(labels, [
      "Subscriber",
      "Lead",
      "Marketing Qualified Lead",
      "Sales Qualified Lead",
      "Opportunity",
      "Customer",
      "Evangelist",
    ]);
    assert.ok(svg.includes('<a href="/stages/mql/" aria-label="Marketing Qualified Lead">'));
    assert.ok(!/<script|style=/.test(svg));
  });

  it("resolves KIND:ID and relative .md links in docs to site URLs", async () => {
    const page = await read("revops/lifecycle/index.html");
    assert.ok(page.includes('The <a href="/pipelines/lifecycle/" class="internal">lifecycle</a> is held'));
    assert.ok(
      page.includes('<a href="/objects/contact/#prop-lifecyclestage" class="internal">lifecycle stage</a>'),
    );
    assert.ok(page.includes('<a href="/triggers/promote-to-mql/" class="internal">Promote to MQL</a>'));
    assert.ok(page.includes('<a href="/sales/lead-routing/#recycling" class="internal">Lead routing</a>'));
    assert.ok(!/href="(stage|trigger|pipeline|property|scoring|team|metric|plan|event|object):/.test(page));
    // The property anchor exists on the object page.
    assert.ok((await read("objects/contact/index.html")).includes('<span id="prop-lifecyclestage">'));
  });

  it("renders embed directives as live tables", async () => {
    const page = await read("revops/lifecycle/index.html");
    assert.ok(
      page.includes(
        '<tr><td>3</td><td><a href="/stages/mql/">Marketing Qualified Lead</a></td><td><code>marketingqualifiedlead</code></td>',
      ),
    );
    assert.ok(!page.includes("::stages"));
  });

  it("puts the same Content-Security-Policy on every page", async () => {
    const manifest = JSON.parse(await read(MANIFEST)) as { files: string[] };
    const pages = manifest.files.filter((f) => f.endsWith(".html"));
    assert.ok(pages.length > 50);
    for (const f of pages) {
      assert.ok((await read(f)).includes(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`), f);
    }
  });

  it("indexes every page for search", async () => {
    const index = JSON.parse(await read("search-index.json")) as {
      t: string;
      u: string;
      s: string;
      x: string;
    }[];
    const mql = index.find((e) => e.u === "/stages/mql/");
    assert.equal(mql?.t, "Marketing Qualified Lead");
    assert.equal(mql?.s, "Stage");
    assert.match(mql?.x ?? "", /worth a salesperson's time/);
    assert.ok(index.some((e) => e.u === "/sales/lead-routing/" && e.t === "Lead routing and SLAs"));
  });

  it("prefixes every internal URL with baseUrl", async () => {
    const sub = path.join(tmp, "sub");
    await buildSite({ dir: ACME, out: sub, now: TEST_NOW, baseUrl: "/revops-handbook" });
    const page = await fs.readFile(path.join(sub, "revops/lifecycle/index.html"), "utf8");
    assert.ok(page.includes('<html lang="en" data-base-url="/revops-handbook/">'));
    assert.ok(page.includes('<link rel="stylesheet" href="/revops-handbook/assets/site.css">'));
    assert.ok(
      page.includes('The <a href="/revops-handbook/pipelines/lifecycle/" class="internal">lifecycle</a>'),
    );
    assert.ok(page.includes('<a href="/revops-handbook/stages/mql/" aria-label="Marketing Qualified Lead">'));
    assert.ok(page.includes('<li><a href="/revops-handbook/">Home</a></li>'));
    const internal = [...page.matchAll(/(?:href|src|action)="(\/[^"]*)"/g)].map((m) => m[1] ?? "");
    assert.ok(internal.length > 50);
    for (const url of internal) assert.ok(url.startsWith("/revops-handbook/"), url);
    const index = JSON.parse(await fs.readFile(path.join(sub, "search-index.json"), "utf8")) as {
      u: string;
    }[];
    assert.ok(index.every((e) => e.u.startsWith("/revops-handbook/")));
  });

  it("builds through the real CLI with plain progress lines", async () => {
    const cliOut = path.join(tmp, "cli-out");
    const r = await runCli(["build", ACME, "--out", cliOut, "--now", "2026-11-22"], {
      cwd: tmp,
      timeoutMs: 90_000,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Built \d+ files into /);
    assert.match(r.stderr, /^revbook build: reading workspace…$/m);
    assert.ok(!r.stderr.includes("\x1b"));
    const manifest = JSON.parse(await fs.readFile(path.join(cliOut, MANIFEST), "utf8")) as {
      files: string[];
    };
    assert.ok(manifest.files.includes("stages/mql/index.html"));
  });
});
