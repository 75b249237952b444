/**
 * Images and files referenced by docs: copied into the site under `_files/`
 * with their URLs rewritten (Markdown and raw HTML), only regular files inside
 * the workspace (no `..` above it, no symbolic links, no missing files), and a
 * sitemap with absolute URLs when `baseUrl` has an origin.
 */
import { strict as assert } from "node:assert";
import { promises as fs } from "node:fs";
import path from "node:path";
import { buildSite, MANIFEST } from "../../generator/site/build.js";
import { makeTempDir, removeTempDir } from "../helpers/cli.js";
import { TEST_NOW } from "../helpers/workspace.js";
import { writeWorkspace } from "./fixture.js";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");

describe("site: images and files referenced by docs", function () {
  this.timeout(60_000);
  let tmp: string;
  let out: string;
  let page: string;

  before(async () => {
    tmp = await makeTempDir("revbook-site-files-");
    const ws = path.join(tmp, "ws");
    await writeWorkspace(
      ws,
      {
        "handbook/sales/routing.md": [
          "---",
          "title: Routing",
          "---",
          "",
          "![Routing chart](img/chart.png)",
          "",
          "[The deck](../../files/deck.pdf) and [a missing one](img/missing.png).",
          "",
          '<img src="img/chart.png" alt="again">',
          "",
          "![Escape](../../../secret.png) ![Linked](img/linked.png) ![Remote](https://example.com/x.png)",
          "",
        ].join("\n"),
        "handbook/sales/img/chart.png": PNG.toString("latin1"),
        "files/deck.pdf": "%PDF-1.4 deck",
      },
      "version: 1\ntitle: Files\nbaseUrl: https://acme.example/hb/\n",
    );
    await fs.writeFile(path.join(ws, "handbook/sales/img/chart.png"), PNG);
    await fs.writeFile(path.join(tmp, "secret.png"), PNG);
    await fs.symlink(path.join(tmp, "secret.png"), path.join(ws, "handbook/sales/img/linked.png"));
    out = path.join(tmp, "out");
    const r = await buildSite({ dir: ws, out, now: TEST_NOW, allowErrors: true });
    assert.equal(r.code, 0);
    page = await fs.readFile(path.join(out, "sales/routing/index.html"), "utf8");
  });
  after(() => removeTempDir(tmp));

  it("copies referenced files inside the workspace and points the page at the copies", async () => {
    assert.ok(
      page.includes(
        '<img src="https://acme.example/hb/_files/handbook/sales/img/chart.png" alt="Routing chart">',
      ),
    );
    assert.ok(
      page.includes('<img src="https://acme.example/hb/_files/handbook/sales/img/chart.png" alt="again">'),
    );
    assert.ok(page.includes('<a href="https://acme.example/hb/_files/files/deck.pdf">The deck</a>'));
    assert.deepEqual(await fs.readFile(path.join(out, "_files/handbook/sales/img/chart.png")), PNG);
    assert.equal(await fs.readFile(path.join(out, "_files/files/deck.pdf"), "utf8"), "%PDF-1.4 deck");
    const manifest = JSON.parse(await fs.readFile(path.join(out, MANIFEST), "utf8")) as { files: string[] };
    assert.deepEqual(
      manifest.files.filter((f) => f.startsWith("_files/")),
      ["_files/files/deck.pdf", "_files/handbook/sales/img/chart.png"],
    );
  });

  it("leaves missing files, paths above the workspace and symbolic links as written", async () => {
    assert.ok(page.includes('<a href="img/missing.png">a missing one</a>'));
    assert.ok(page.includes('<img src="../../../secret.png" alt="Escape">'));
    assert.ok(page.includes('<img src="img/linked.png" alt="Linked">'));
    assert.ok(page.includes('<img src="https://example.com/x.png" alt="Remote">'));
    const copied = await fs.readdir(path.join(out, "_files/handbook/sales/img"));
    assert.deepEqual(copied, ["chart.png"]);
  });

  it("writes absolute URLs in the sitemap when baseUrl has an origin", async () => {
    const sitemap = await fs.readFile(path.join(out, "sitemap.xml"), "utf8");
    assert.ok(sitemap.includes("<url><loc>https://acme.example/hb/sales/routing/</loc></url>"));
    assert.ok(!/<loc>\//.test(sitemap));
  });
});
