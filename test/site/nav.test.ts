/**
 * The sidebar of a deep handbook (GitLab-handbook / Docsy style): top-level
 * entries, the path to the current page open with its siblings and children,
 * folders with a page of their own off the path reduced to one link, folders
 * without a page listed in a folded `<details>`; Hugo's `_index.md` is its
 * folder's page. Exact HTML from a real build.
 */
import { strict as assert } from "node:assert";
import { promises as fs } from "node:fs";
import path from "node:path";
import { buildSite } from "../../generator/site/build.js";
import { makeTempDir, removeTempDir } from "../helpers/cli.js";
import { TEST_NOW } from "../helpers/workspace.js";
import { writeWorkspace } from "./fixture.js";

const doc = (title: string, weight?: number): string =>
  `---\ntitle: ${title}\n${weight === undefined ? "" : `weight: ${weight}\n`}---\n\nText of ${title}.\n`;

describe("site: navigation of a deep handbook", function () {
  this.timeout(60_000);
  let tmp: string;
  let out: string;
  const nav = async (file: string): Promise<string> => {
    const page = await fs.readFile(path.join(out, file), "utf8");
    return /<ul class="nav-tree">(.*?)<\/ul><\/nav>/s.exec(page)?.[1] ?? "";
  };

  before(async () => {
    tmp = await makeTempDir("revbook-site-nav-");
    const ws = path.join(tmp, "ws");
    await writeWorkspace(ws, {
      "handbook/_index.md": doc("Handbook home"),
      "handbook/sales/_index.md": doc("Sales", 1),
      "handbook/sales/routing.md": doc("Routing", 1),
      "handbook/sales/deals/_index.md": doc("Deals", 2),
      "handbook/sales/deals/desk.md": doc("Desk"),
      "handbook/sales/deals/pricing/_index.md": doc("Pricing"),
      "handbook/sales/deals/pricing/discounts.md": doc("Discounts"),
      "handbook/marketing/_index.md": doc("Marketing", 2),
      "handbook/marketing/events.md": doc("Events"),
      "handbook/marketing/web/_index.md": doc("Web"),
      "handbook/loose/notes.md": doc("Notes", 3),
      "handbook/loose/inner/deep.md": doc("Deep"),
    });
    out = path.join(tmp, "out");
    const result = await buildSite({ dir: ws, out, now: TEST_NOW });
    assert.equal(result.code, 0);
  });
  after(() => removeTempDir(tmp));

  it("makes _index.md its folder's page", async () => {
    await fs.access(path.join(out, "index.html"));
    await fs.access(path.join(out, "sales/index.html"));
    await fs.access(path.join(out, "sales/deals/pricing/index.html"));
    await assert.rejects(fs.access(path.join(out, "sales/_index/index.html")));
  });

  it("opens the path to the current page with its siblings and children, and only that", async () => {
    assert.equal(
      await nav("sales/deals/index.html"),
      [
        '<li><details open><summary><span>Sales</span></summary><ul><li><a href="/sales/">Overview</a></li>',
        '<li><a href="/sales/routing/">Routing</a></li>',
        '<li><details open><summary><span>Deals</span></summary><ul><li><a href="/sales/deals/" aria-current="page">Overview</a></li>',
        '<li><a href="/sales/deals/desk/">Desk</a></li>',
        // A child folder with its own page: one link, its entries are not listed here.
        '<li><a href="/sales/deals/pricing/">Pricing</a></li>',
        "</ul></details></li></ul></details></li>",
        // Another top-level folder with a page: one link.
        '<li><a href="/marketing/">Marketing</a></li>',
        // A folder without a page of its own lists its entries, folded.
        '<li><details><summary><span>Loose</span></summary><ul><li><a href="/loose/notes/">Notes</a></li>',
        '<li><details><summary><span>Inner</span></summary><ul><li><a href="/loose/inner/deep/">Deep</a></li></ul></details></li>',
        "</ul></details></li>",
        '<li><details><summary><span>Definitions</span></summary><ul><li><a href="/glossary/">Glossary</a></li><li><a href="/goals/">Goal matrix</a></li><li><a href="/health/">Process health</a></li><li><a href="/status/">Status</a></li></ul></details></li>',
      ].join(""),
    );
  });

  it("lists a leaf page's siblings and marks it current", async () => {
    const markup = await nav("marketing/events/index.html");
    assert.ok(
      markup.includes(
        '<li><details open><summary><span>Marketing</span></summary><ul><li><a href="/marketing/">Overview</a></li><li><a href="/marketing/events/" aria-current="page">Events</a></li><li><a href="/marketing/web/">Web</a></li></ul></details></li>',
      ),
    );
    assert.ok(markup.startsWith('<li><a href="/sales/">Sales</a></li>'));
    assert.ok(!markup.includes("/sales/routing/"));
  });

  it("keeps the home page's sidebar to the top level", async () => {
    const markup = await nav("index.html");
    assert.deepEqual(
      [...markup.matchAll(/href="([^"]+)"/g)].map((m) => m[1]),
      [
        "/sales/",
        "/marketing/",
        "/loose/notes/",
        "/loose/inner/deep/",
        "/glossary/",
        "/goals/",
        "/health/",
        "/status/",
      ],
    );
  });
});
