/**
 * What the build must never do: render script from a doc (XSS), write outside
 * `out` (ids and paths with `../`), leave a half-built site after a failure,
 * build into the workspace or its sources, or replace files it did not write.
 */
import { strict as assert } from "node:assert";
import { promises as fs } from "node:fs";
import path from "node:path";
import { BuildRefusal, buildSite, MANIFEST } from "../../generator/site/build.js";
import { insideOut, Routes, routeFile, safeSegment, UnsafePathError } from "../../generator/site/routes.js";
import { makeTempDir, removeTempDir, runCli } from "../helpers/cli.js";
import { TEST_NOW } from "../helpers/workspace.js";
import { HOSTILE_DOC, SMALL_MODEL, tree, writeWorkspace } from "./fixture.js";

describe("site: safety", function () {
  this.timeout(180_000);
  let tmp: string;
  let ws: string;

  beforeEach(async () => {
    tmp = await makeTempDir("revbook-site-safety-");
    ws = path.join(tmp, "ws");
    await writeWorkspace(ws, {
      "definitions/model.yaml": SMALL_MODEL,
      "handbook/hostile.md": HOSTILE_DOC,
      "handbook/other.md": "---\ntitle: Other\n---\n\n## Part\n\nText.\n",
      "handbook/draft.md": "---\ntitle: Draft\ndraft: true\n---\n\nNot yet.\n",
    });
  });
  afterEach(() => removeTempDir(tmp));

  describe("hostile Markdown", () => {
    let page: string;
    let out: string;
    beforeEach(async () => {
      out = path.join(tmp, "out");
      // The doc links to an undefined stage: a lint error, published anyway.
      const r = await buildSite({ dir: ws, out, now: TEST_NOW, allowErrors: true });
      assert.equal(r.code, 0);
      page = await fs.readFile(path.join(out, "hostile/index.html"), "utf8");
    });

    it("drops script, event handlers, javascript: links, SVG script, iframes and inline styles", () => {
      const article = /<article>.*<\/article>/s.exec(page)?.[0] ?? "";
      assert.ok(article.length > 0);
      for (const bad of ["<script", "alert(", "onerror", "onclick", "javascript:", "<iframe", "style="]) {
        assert.ok(!article.toLowerCase().includes(bad), `article contains ${bad}`);
      }
      // The only scripts on the page are the site's own, from 'self'.
      const scripts = [...page.matchAll(/<script[^>]*>/g)].map((m) => m[0]);
      assert.deepEqual(scripts, [
        '<script src="/assets/nav.js" defer>',
        '<script src="/assets/search.js" defer>',
      ]);
      assert.ok(article.includes("<p>styled</p>"));
      assert.ok(article.includes("<p><a>click me</a></p>"));
    });

    it("does not let a doc forge a directive slot", () => {
      assert.ok(page.includes("<div>forged slot</div>"));
      assert.ok(!page.includes("data-revbook-slot"));
    });

    it("still resolves KIND:ID and .md links, and shows unresolved ones as text", () => {
      assert.ok(page.includes('<a href="/stages/mql/" class="internal">the MQL stage</a>'));
      assert.ok(page.includes('<span class="unresolved-link">nowhere</span>'));
      assert.ok(page.includes('<a href="/other/#part" class="internal">sibling</a>'));
      // Drafts are not published, so links to them are text.
      assert.ok(page.includes('<span class="unresolved-link">draft</span>'));
      assert.ok(!page.includes('href="/draft/"'));
      // The funnel embed is the generator's own SVG.
      assert.ok(page.includes('<text class="funnel-label" x="320" y="27" text-anchor="middle">Lead</text>'));
    });

    it("lists the lint errors it was allowed to publish on the status page", async () => {
      const status = await fs.readFile(path.join(out, "status/index.html"), "utf8");
      assert.ok(
        status.includes(
          '<tr><td><span class="severity-error">error</span></td><td>handbook/hostile.md:25:46</td><td>`stage:nope`: no stage `nope` is defined</td><td><code>unresolved-reference</code></td></tr>',
        ),
      );
    });

    it("shows `word:word` prose (a text directive to the parser) as written", () => {
      assert.ok(page.includes("<p>Ratio note:important stays text, and so does 10:30.</p>"));
    });

    it("publishes no page for a draft", async () => {
      await assert.rejects(fs.access(path.join(out, "draft/index.html")));
    });

    it("writes _redirects from front matter aliases", async () => {
      assert.equal(await fs.readFile(path.join(out, "_redirects"), "utf8"), "/old/hostile/ /hostile/ 301\n");
    });
  });

  describe("paths", () => {
    it("refuses route segments that would leave out", () => {
      for (const bad of ["..", ".", "", "a/b", "a\\b", "x\u0000"])
        assert.throws(() => safeSegment(bad), UnsafePathError);
      assert.throws(() => routeFile("/stages/../../etc/"), UnsafePathError);
      assert.throws(() => insideOut("/tmp/out", "../evil.html"), UnsafePathError);
      assert.throws(() => insideOut("/tmp/out", "/etc/passwd"), UnsafePathError);
      assert.equal(routeFile("/stages/mql/"), "stages/mql/index.html");
      assert.equal(routeFile("/"), "index.html");
      const routes = new Routes("/hb", ["handbook/**/*.md"]);
      assert.equal(routes.docRoute("handbook/sales/lead-routing.md"), "/sales/lead-routing/");
      assert.equal(routes.docRoute("handbook/index.md"), "/");
      assert.equal(routes.url("/stages/mql/"), "/hb/stages/mql/");
      assert.throws(() => routes.definitionRoute("Stage", "../../evil"), UnsafePathError);
      assert.equal(routes.aliasRoute("../../etc/passwd"), undefined);
    });

    it("keeps site files when a doc's page would clash with them", async () => {
      await fs.writeFile(path.join(ws, "handbook/sitemap.xml.md"), "---\ntitle: Clash\n---\n\nText.\n");
      const out = path.join(tmp, "out");
      const r = await buildSite({ dir: ws, out, now: TEST_NOW, allowErrors: true });
      assert.equal(r.code, 0);
      assert.match(await fs.readFile(path.join(out, "sitemap.xml"), "utf8"), /^<\?xml/);
    });

    it("never writes outside out for ids with ../", async () => {
      await fs.appendFile(
        path.join(ws, "definitions/model.yaml"),
        "---\nkind: Stage\nid: ../../../escaped\ndefinition: Evil.\n---\nkind: Team\nid: ../escaped-team\n",
      );
      const out = path.join(tmp, "nested", "out");
      const before = new Set((await tree(tmp)).keys());
      const r = await buildSite({ dir: ws, out, now: TEST_NOW, allowErrors: true });
      assert.equal(r.code, 0);
      const after = [...(await tree(tmp)).keys()].filter((f) => !before.has(f));
      // The site, and the build cache in the workspace's .revbook/ folder: nothing else.
      for (const f of after) assert.ok(f.startsWith("nested/out/") || f.startsWith("ws/.revbook/cache/"), f);
      assert.ok(after.includes("ws/.revbook/cache/parse.pack"));
      assert.ok(!after.some((f) => f.includes("escaped")));
    });
  });

  describe("atomic output", () => {
    it("leaves the previous out untouched when a build fails half-way", async () => {
      const out = path.join(tmp, "out");
      await buildSite({ dir: ws, out, now: TEST_NOW, allowErrors: true });
      const previous = await tree(out);
      await fs.appendFile(path.join(ws, "handbook/other.md"), "\nA change that never gets published.\n");
      await assert.rejects(
        buildSite({ dir: ws, out, now: TEST_NOW, allowErrors: true, failAfterFiles: 5 }),
        /injected failure after 5 files/,
      );
      assert.deepEqual(await tree(out), previous);
      // No temporary folders are left beside out.
      assert.deepEqual((await fs.readdir(tmp)).sort(), ["out", "ws"]);
    });

    it("replaces a previous build it wrote itself, removing files no longer produced", async () => {
      const out = path.join(tmp, "out");
      await buildSite({ dir: ws, out, now: TEST_NOW, allowErrors: true });
      await fs.rm(path.join(ws, "handbook/other.md"));
      await buildSite({ dir: ws, out, now: TEST_NOW, allowErrors: true });
      await assert.rejects(fs.access(path.join(out, "other/index.html")));
      const manifest = JSON.parse(await fs.readFile(path.join(out, MANIFEST), "utf8")) as { files: string[] };
      assert.ok(!manifest.files.includes("other/index.html"));
    });

    it("does not publish lint errors without --allow-errors (exit 1, nothing written)", async () => {
      const out = path.join(tmp, "out");
      const r = await buildSite({ dir: ws, out, now: TEST_NOW });
      assert.equal(r.code, 1);
      await assert.rejects(fs.access(out));
      // Nor a staging folder beside it.
      assert.deepEqual((await fs.readdir(tmp)).sort(), ["ws"]);
    });
  });

  describe("refusals", () => {
    it("refuses out = the workspace root with exit 2 (real CLI), deleting nothing", async () => {
      const before = await tree(ws);
      const r = await runCli(["build", ws, "--out", ws, "--allow-errors"], { cwd: tmp, timeoutMs: 90_000 });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /refusing to build into .*: it is the workspace root or a folder above it/);
      assert.deepEqual(await tree(ws), before);
    });

    it("refuses an ancestor of the workspace and a folder inside the docs glob", async () => {
      await assert.rejects(buildSite({ dir: ws, out: tmp, allowErrors: true }), BuildRefusal);
      await assert.rejects(
        buildSite({ dir: ws, out: path.join(ws, "handbook/site"), allowErrors: true }),
        /inside the definitions\/docs folder handbook\//,
      );
    });

    it("refuses an out holding a foreign file unless --overwrite (real CLI)", async () => {
      const out = path.join(tmp, "out");
      await fs.mkdir(out);
      await fs.writeFile(path.join(out, "precious.txt"), "mine");
      const refused = await runCli(["build", ws, "--out", out, "--allow-errors"], {
        cwd: tmp,
        timeoutMs: 90_000,
      });
      assert.equal(refused.code, 2, refused.stderr);
      assert.match(refused.stderr, /holds files revbook did not write \(precious\.txt\).*--overwrite/);
      assert.equal(await fs.readFile(path.join(out, "precious.txt"), "utf8"), "mine");
      const forced = await runCli(["build", ws, "--out", out, "--allow-errors", "--overwrite"], {
        cwd: tmp,
        timeoutMs: 90_000,
      });
      assert.equal(forced.code, 0, forced.stderr);
      await fs.access(path.join(out, "hostile/index.html"));
    });

    it("exits 1 with the lint errors on stderr when the workspace has errors (real CLI)", async () => {
      const r = await runCli(["build", ws, "--out", path.join(tmp, "out")], { cwd: tmp, timeoutMs: 90_000 });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /unresolved-reference|stage:nope/);
      assert.match(r.stderr, /--allow-errors/);
    });
  });
});
