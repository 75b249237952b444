/**
 * Heading ids in rendered docs: github-slugger slugs in document order (a repeated
 * heading gets `-1`), a doc's own `id` kept behind the sanitizer's `user-content-`
 * prefix, the same with and without raw HTML in the doc, and the TOC linking to them.
 */
import { strict as assert } from "node:assert";
import { promises as fs } from "node:fs";
import path from "node:path";
import { buildSite } from "../../generator/site/build.js";
import { makeTempDir, removeTempDir } from "../helpers/cli.js";
import { TEST_NOW } from "../helpers/workspace.js";
import { SMALL_MODEL, writeWorkspace } from "./fixture.js";

const BODY = "## Setup\n\nOne.\n\n### Q&A *now*\n\n## Setup\n\nTwo.\n";

describe("site: heading ids", function () {
  this.timeout(120_000);
  let tmp: string;
  const pages = new Map<string, string>();

  before(async () => {
    tmp = await makeTempDir("revbook-site-headings-");
    const ws = path.join(tmp, "ws");
    await writeWorkspace(ws, {
      "definitions/model.yaml": SMALL_MODEL,
      "handbook/plain.md": `---\ntitle: Plain\n---\n\n${BODY}`,
      "handbook/raw.md": `---\ntitle: Raw\n---\n\n<div>Raw HTML.</div>\n\n${BODY}\n<h2 id="mine">Own id</h2>\n`,
    });
    const out = path.join(tmp, "out");
    const r = await buildSite({ dir: ws, out, now: TEST_NOW, allowErrors: true });
    assert.equal(r.code, 0);
    for (const page of ["plain", "raw"]) {
      pages.set(page, await fs.readFile(path.join(out, page, "index.html"), "utf8"));
    }
  });
  after(() => removeTempDir(tmp));

  const headings = (page: string): string[] =>
    [...(/<article>.*<\/article>/s.exec(pages.get(page) ?? "")?.[0] ?? "").matchAll(/<h[2-6][^>]*>/g)].map(
      (m) => m[0],
    );

  it("slugs headings in document order, the repeated one with -1", () => {
    assert.deepEqual(headings("plain"), ['<h2 id="setup">', '<h3 id="qa-now">', '<h2 id="setup-1">']);
  });

  it("gives a doc with raw HTML the same ids, and keeps its own id behind the clobber prefix", () => {
    assert.deepEqual(headings("raw"), [
      '<h2 id="setup">',
      '<h3 id="qa-now">',
      '<h2 id="setup-1">',
      '<h2 id="user-content-mine">',
    ]);
  });

  it("links the On this page entries to those ids", () => {
    const toc = /<nav class="toc" aria-label="On this page">.*?<\/nav>/s.exec(pages.get("plain") ?? "")?.[0];
    assert.equal(
      toc,
      '<nav class="toc" aria-label="On this page"><h2>On this page</h2><ul><li class="toc-h2"><a href="#setup">Setup</a></li><li class="toc-h3"><a href="#qa-now">Q&amp;A now</a></li><li class="toc-h2"><a href="#setup-1">Setup</a></li></ul></nav>',
    );
  });
});
