/**
 * The goal matrix and process-health pages: the pure data functions on small
 * in-memory workspaces (exact gaps, exact ordering), the "Last modified" lookup
 * (git log parsing, mtime fallback), and both pages plus a doc page's "Last
 * modified" line in a build of a git-less temporary copy of examples/acme.
 */
import { strict as assert } from "node:assert";
import { promises as fs } from "node:fs";
import path from "node:path";
import { buildSite } from "../../generator/site/build.js";
import { goalMatrix } from "../../generator/site/goal-matrix-data.js";
import { lastModified, parseGitLog } from "../../generator/site/last-modified.js";
import { processHealth } from "../../generator/site/process-health-data.js";
import { makeTempDir, REPO_ROOT, removeTempDir } from "../helpers/cli.js";
import { memoryWorkspace, TEST_NOW } from "../helpers/workspace.js";

const MODEL = `kind: Object
id: contact
properties:
  - { id: lifecyclestage, type: enum, options: [lead, mql, sql, customer] }
  - { id: mql_date, type: datetime }
---
kind: Pipeline
id: lifecycle
object: contact
property: lifecyclestage
stages: [lead, mql, sql, customer]
---
kind: Stage
id: lead
bowtie: awareness
definition: A lead.
---
kind: Stage
id: mql
name: MQL
bowtie: education
definition: Qualified by marketing.
enteredAt: mql_date
---
kind: Stage
id: sql
name: SQL
bowtie: education
definition: Accepted by sales.
---
kind: Stage
id: customer
definition: Paying.
terminal: true
---
kind: Metric
id: mqls
name: MQLs
type: volume
stage: mql
unit: count
goal: { period: month, value: 450 }
---
kind: Metric
id: mql-to-sql
name: MQL to SQL
type: conversion
from: mql
to: sql
unit: percent
goal: { period: quarter, value: 35 }
---
kind: Metric
id: mql-velocity
name: MQL velocity
type: velocity
from: mql
to: sql
unit: days
goal: { value: 3 }
`;

function doc(fm: string): string {
  return `---\n${fm}\n---\n\n# Page\n\nText.\n`;
}

describe("site: goal matrix and process health", function () {
  this.timeout(180_000);

  describe("goalMatrix", () => {
    const matrix = goalMatrix(memoryWorkspace({ "defs.yaml": MODEL }).model);

    it("has the seven bowtie stages as columns, in order", () => {
      assert.deepEqual(
        matrix.columns.map((c) => c.title),
        ["Awareness", "Education", "Selection", "Commit", "Onboarding", "Impact", "Growth"],
      );
    });

    it("maps stages and metrics with goals in words (velocity goals are maxima)", () => {
      const education = matrix.columns[1];
      assert.deepEqual(education?.stages, [
        { id: "mql", name: "MQL" },
        { id: "sql", name: "SQL" },
      ]);
      assert.deepEqual(education?.volume, [{ id: "mqls", name: "MQLs", goal: "≥ 450 per month" }]);
      assert.deepEqual(education?.conversion, [
        { id: "mql-to-sql", name: "MQL to SQL", goal: "≥ 35% per quarter" },
      ]);
      assert.deepEqual(education?.velocity, [{ id: "mql-velocity", name: "MQL velocity", goal: "≤ 3 days" }]);
    });

    it("lists exactly the gaps of every column, and the stages without a bowtie stage", () => {
      assert.deepEqual(
        matrix.columns.map((c) => c.gaps),
        [
          [
            "no volume metric",
            "no conversion metric from Lead",
            "no `enteredAt` on Lead, so time-in-stage can't be measured",
          ],
          ["no conversion metric from SQL", "no `enteredAt` on SQL, so time-in-stage can't be measured"],
          ["no lifecycle or deal stage mapped here"],
          ["no lifecycle or deal stage mapped here"],
          ["no lifecycle or deal stage mapped here"],
          ["no lifecycle or deal stage mapped here"],
          ["no lifecycle or deal stage mapped here"],
        ],
      );
      assert.deepEqual(matrix.unmapped, [{ id: "customer", name: "Customer" }]);
    });
  });

  describe("processHealth", () => {
    const ws = memoryWorkspace({
      "defs.yaml":
        "kind: Team\nid: revops\nname: Revenue Operations\n---\nkind: Team\nid: sales\nname: Account Executives\n",
      "handbook/a.md": doc("title: Green old\nowner: revops\nhealth: green\nreviewed: 2026-01-01"),
      "handbook/b.md": doc("title: Unset never\nowner: revops"),
      "handbook/c.md": doc("title: Yellow\nowner: revops\nhealth: yellow\nreviewed: 2026-11-01"),
      "handbook/d.md": doc(
        "title: Red recent\nowner: revops\nhealth: red\nhealthNote: Broken.\nreviewed: 2026-11-21",
      ),
      "handbook/e.md": doc("title: Red stale\nowner: revops\nhealth: red\nreviewed: 2025-11-22"),
      "handbook/f.md": doc("title: Deals\nowner: sales\nhealth: green\nreviewed: 2026-11-12"),
      "handbook/g.md": doc("title: Orphan\nhealth: yellow"),
      "handbook/h.md": doc("title: Draft\nowner: sales\nhealth: red\ndraft: true"),
    });
    const groups = processHealth(ws.model, TEST_NOW);

    it("groups by owning team (by name), with No owner last, and leaves drafts out", () => {
      assert.deepEqual(
        groups.map((g) => [g.owner, g.title, g.entries.map((e) => e.title)]),
        [
          ["sales", "Account Executives", ["Deals"]],
          ["revops", "Revenue Operations", ["Red stale", "Red recent", "Yellow", "Unset never", "Green old"]],
          [undefined, "No owner", ["Orphan"]],
        ],
      );
    });

    it("measures days since reviewed from now, with health and note", () => {
      const revops = groups[1]?.entries ?? [];
      assert.deepEqual(
        revops.map((e) => [e.health, e.healthNote, e.reviewed, e.daysSinceReviewed]),
        [
          ["red", undefined, "2025-11-22", 365],
          ["red", "Broken.", "2026-11-21", 1],
          ["yellow", undefined, "2026-11-01", 21],
          [undefined, undefined, undefined, undefined],
          ["green", undefined, "2026-01-01", 325],
        ],
      );
    });
  });

  describe("lastModified", () => {
    it("keeps the newest commit of each file from one git log", () => {
      const map = parseGitLog(
        "\u00012026-11-02\tabc1234\n\nhandbook/a.md\ndefs.yaml\n\u00012026-10-01\tdef5678\n\nhandbook/a.md\nhandbook/b.md\n",
      );
      assert.deepEqual(Object.fromEntries(map), {
        "handbook/a.md": { date: "2026-11-02", hash: "abc1234" },
        "defs.yaml": { date: "2026-11-02", hash: "abc1234" },
        "handbook/b.md": { date: "2026-10-01", hash: "def5678" },
      });
    });
  });

  it("reads the last commit of files in a git checkout (date and short hash)", async function () {
    const acme = path.join(REPO_ROOT, "examples/acme");
    const map = await lastModified(acme, ["revbook.yaml"]);
    const entry = map.get("revbook.yaml");
    assert.ok(entry && /^\d{4}-\d{2}-\d{2}$/.test(entry.date));
    // A source tarball without .git (or a machine without git) has only the mtime.
    if (!entry.hash) this.skip();
    assert.match(entry.hash, /^[0-9a-f]{7,}$/);
  });

  describe("built from a git-less copy of examples/acme", () => {
    let tmp: string;
    let out: string;
    const read = (rel: string): Promise<string> => fs.readFile(path.join(out, rel), "utf8");

    before(async () => {
      tmp = await makeTempDir("revbook-goals-");
      const dir = path.join(tmp, "acme");
      await fs.cp(path.join(REPO_ROOT, "examples/acme"), dir, {
        recursive: true,
        filter: (src) => !/[\\/](\.revbook|public)$/.test(src),
      });
      const when = new Date(Date.UTC(2026, 10, 2, 12));
      await fs.utimes(path.join(dir, "handbook/sales/lead-routing.md"), when, when);
      out = path.join(tmp, "public");
      const result = await buildSite({ dir, out, now: TEST_NOW });
      assert.equal(result.code, 0);
    });
    after(() => removeTempDir(tmp));

    it("falls back to the file's mtime (no hash) outside git", async () => {
      const map = await lastModified(path.join(tmp, "acme"), ["handbook/sales/lead-routing.md"]);
      assert.deepEqual(map.get("handbook/sales/lead-routing.md"), { date: "2026-11-02" });
      const page = await read("sales/lead-routing/index.html");
      assert.ok(page.includes('<p class="last-modified">Last modified 2026-11-02</p>'));
    });

    it("renders the goal matrix as a captioned table with gaps in words", async () => {
      const page = await read("goals/index.html");
      assert.ok(
        page.includes(
          '<table class="goal-matrix"><caption>Bowtie stages with their stages, metrics, goals and gaps</caption><thead><tr><td></td><th scope="col">Awareness</th><th scope="col">Education</th>',
        ),
      );
      assert.ok(
        page.includes('<li><a href="/metrics/mql-to-sql/">MQL to SQL conversion</a>: ≥ 35% per quarter</li>'),
      );
      assert.ok(
        page.includes(
          '<li><a href="/metrics/sql-velocity/">SQL to opportunity velocity</a>: ≤ 14 days per quarter</li>',
        ),
      );
      assert.ok(page.includes("<li>no conversion metric from Sales Qualified Lead</li>"));
      assert.ok(
        page.includes(
          "<li>no <code>enteredAt</code> on Contract sent, so time-in-stage can't be measured</li>",
        ),
      );
      assert.ok(
        page.includes('<th scope="row">Gaps</th><td><ul class="goal-gaps"><li>no volume metric</li>'),
      );
      assert.ok(page.includes('<a href="/goals/" aria-current="page">Goal matrix</a>'));
    });

    it("lists process health by team, red first, with text labels and days since review", async () => {
      const page = await read("health/index.html");
      const rows = [...page.matchAll(/<tr><th scope="row"><a href="([^"]+)">/g)].map((m) => m[1]);
      assert.deepEqual(rows, [
        "/sales/deal-desk/",
        "/customer-success/handoff/",
        "/marketing/lead-scoring/",
        "/revops/data-dictionary/",
        "/revops/metrics/",
        "/revops/lifecycle/",
        "/",
        "/sales/lead-routing/",
      ]);
      assert.ok(
        page.includes(
          '<h2 id="team-sales"><a href="/teams/sales/">Account Executives</a></h2><div class="table-wrap"><table class="process-health"><caption>Processes owned by Account Executives</caption>',
        ),
      );
      assert.ok(
        page.includes(
          '<tr><th scope="row"><a href="/sales/deal-desk/">Deal stages and the deal desk</a></th><td><span class="health-red"><span class="health-dot" aria-hidden="true"></span>red</span></td><td>The paper process section',
        ),
      );
      assert.ok(page.includes("<td>90 days ago (2026-08-24)</td>"));
      assert.ok(page.includes('<a href="/health/" aria-current="page">Process health</a>'));
    });
  });
});
