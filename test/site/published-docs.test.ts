/**
 * published-docs.ts: which docs a build publishes, told before parsing (so the
 * workers can render each doc as they parse it), and the build's check that the
 * list matches the parsed workspace's; a workspace with drafts and links to them
 * builds the same with worker threads as on one thread.
 */
import { strict as assert } from "node:assert";
import { promises as fs } from "node:fs";
import path from "node:path";
import { buildSite } from "../../generator/site/build.js";
import { isDraft, publishedDocs, sameDocs } from "../../generator/site/published-docs.js";
import { Routes } from "../../generator/site/routes.js";
import { makeTempDir, removeTempDir } from "../helpers/cli.js";
import { TEST_NOW } from "../helpers/workspace.js";
import { SMALL_MODEL, tree, writeWorkspace } from "./fixture.js";

describe("site: published docs before parsing", function () {
  this.timeout(120_000);

  describe("isDraft", () => {
    const cases: [string, string, boolean | undefined][] = [
      ["no front matter", "# Title\n\ndraft: true\n", false],
      ["front matter without draft", "---\ntitle: A\n---\nbody\n", false],
      ["draft: true", "---\ntitle: A\ndraft: true\n---\n", true],
      ["draft: false", "---\ndraft: false\n---\n", false],
      ["a string 'true'", "---\ndraft: 'true'\n---\n", false],
      ["flow style", "---\n{title: A, draft: true}\n---\n", true],
      ["CRLF and a BOM", "\ufeff---\r\ntitle: A\r\ndraft: true\r\n---\r\n", true],
      // The parser closes front matter with `---` only.
      ["closed with ...", "---\ndraft: true\n...\n", false],
      ["draft in another field", "---\ntitle: A draft of the plan\n---\n", false],
      // The parser's YAML loader reads no mapping there: not a draft (the lint reports the syntax).
      ["front matter YAML cannot read", "---\ndraft: [\n---\n", false],
      ["empty front matter", "---\n---\n# A\n", false],
      ["an unclosed fence", "---\ndraft: true\n", false],
    ];
    for (const [name, text, expected] of cases) it(name, () => assert.equal(isDraft(text), expected));
  });

  it("lists the published docs with their routes: no drafts, the first of two docs at one route", () => {
    const routes = new Routes("/", ["handbook/**/*.md"]);
    const docs = publishedDocs(
      [
        { file: "handbook/a.md", text: "# A\n" },
        { file: "handbook/b.md", text: "---\ndraft: true\n---\n" },
        { file: "handbook/c.md", text: "# C\n" },
        { file: "handbook/c/index.md", text: "# C again\n" },
      ],
      routes,
    );
    assert.deepEqual(docs, [
      { file: "handbook/a.md", route: "/a/" },
      { file: "handbook/c.md", route: "/c/" },
    ]);
    assert.deepEqual(publishedDocs([{ file: "handbook/x.md", text: "---\ndraft: [\n---\n" }], routes), [
      { file: "handbook/x.md", route: "/x/" },
    ]);
  });

  it("compares two lists by file and route, in any order", () => {
    const a = [
      { file: "a.md", route: "/a/" },
      { file: "b.md", route: "/b/" },
    ];
    assert.ok(sameDocs(a, [...a].reverse()));
    assert.ok(!sameDocs(a, [{ file: "a.md", route: "/a/" }]));
    assert.ok(!sameDocs(a, [a[0]!, { file: "b.md", route: "/bb/" }]));
  });

  it("builds a workspace with drafts and links to them the same on worker threads as on one thread", async () => {
    const tmp = await makeTempDir("revbook-site-published-");
    try {
      const ws = path.join(tmp, "ws");
      const link = "See [the draft](draft.md), [the plan](plan.md) and [the other](other.md).\n";
      await writeWorkspace(ws, {
        "definitions/model.yaml": SMALL_MODEL,
        "handbook/draft.md": `---\ntitle: Draft\ndraft: true\n---\n\n${link}`,
        "handbook/plan.md": `---\n{title: Plan, draft: false}\n---\n\n${link}`,
        "handbook/other.md": `---\ntitle: Other\n---\n\n${link}`,
        // Too deeply nested for the parser, which then reads neither its Markdown nor its front
        // matter: so not a draft. The build's guess differs, and the bodies rendered with it (and the
        // pages written with them) are rendered again.
        "handbook/dots.md": `---\ndraft: true\n---\n\nSee [the other](other.md).\n\n${">".repeat(101)} deep\n`,
      });
      const lines: string[] = [];
      const build = async (out: string, workers: number): Promise<Map<string, string>> => {
        const r = await buildSite({
          log: (l) => lines.push(l),
          dir: ws,
          out: path.join(tmp, out),
          now: TEST_NOW,
          allowErrors: true,
          cache: false,
          workers,
          minTasksForWorkers: 1,
        });
        assert.equal(r.code, 0);
        return tree(path.join(tmp, out));
      };
      const single = await build("single", 0);
      assert.ok(single.has("dots/index.html"));
      assert.deepEqual(await build("threads", 2), single);
      // Without the doc the guess gets wrong, the bodies the workers rendered as they parsed are
      // the ones used (not rendered again as the pages are written: that prints no docs line).
      await fs.rm(path.join(ws, "handbook/dots.md"));
      lines.length = 0;
      await build("threads-2", 2);
      assert.ok(lines.includes("2 docs: 0 from the cache, 2 rendered"), lines.join("\n"));
      const other = await fs.readFile(path.join(tmp, "threads/other/index.html"), "utf8");
      assert.ok(
        other.includes(
          'See <span class="unresolved-link">the draft</span>, <a href="/plan/" class="internal">the plan</a>',
        ),
        other,
      );
    } finally {
      await removeTempDir(tmp);
    }
  });
});
