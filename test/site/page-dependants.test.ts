/**
 * page-dependants.ts on examples/acme, in memory: an edit applied with
 * `Workspace.update` (in place), then the exact set of routes the module
 * finds, for the typical edits (a stage's description, a trigger's condition
 * value, a scoring rule's points, a property label, a team's name, a metric's
 * goal), and a full rebuild for the structural ones. The real-process test
 * (serve.test.ts) checks that these sets make pages equal to a fresh build.
 */
import { strict as assert } from "node:assert";
import { promises as fs } from "node:fs";
import path from "node:path";
import { openWorkspace } from "../../core/load/read-workspace.js";
import type { Workspace } from "../../core/workspace.js";
import { createContext, defRoute } from "../../generator/site/context.js";
import {
  definitionDependants,
  type PageDependants,
  type PageIndex,
} from "../../generator/site/page-dependants.js";
import { REPO_ROOT } from "../helpers/cli.js";

const ACME = path.join(REPO_ROOT, "examples/acme");

/** Applies a text replacement to one file in memory and returns what the module finds for it. */
async function dependantsOf(
  workspace: Workspace,
  file: string,
  from: string,
  to: string,
): Promise<PageDependants> {
  const text = workspace.source(file)?.text ?? (await fs.readFile(path.join(ACME, file), "utf8"));
  assert.ok(text.includes(from), `${file} holds ${from}`);
  workspace.lint();
  workspace.update(file, text.replace(from, to));
  const last = workspace.lastChange;
  assert.ok(last, `${file}: updated in place`);
  assert.equal(last.revision, workspace.model.revision);
  const ctx = createContext(workspace, workspace.lint(), "/");
  const pages: PageIndex = {
    definition: (def) => defRoute(ctx, def).split("#")[0],
    doc: (file) => ctx.docsByFile.get(file)?.route,
    section: (kind) => ctx.routes.sectionRoute(kind),
  };
  return definitionDependants(workspace.model, last.change, pages);
}

function routesOf(found: PageDependants): string[] {
  assert.equal(found.full, undefined, `a partial rebuild (${found.full ?? ""})`);
  return found.full === undefined ? [...found.routes].sort() : [];
}

describe("site: page dependants of a definition edit", () => {
  let workspace: Workspace;

  beforeEach(async () => {
    workspace = await openWorkspace(ACME, { now: Date.parse("2026-01-15") });
  });

  it("a stage's definition text: its page, its pipeline (stage table), docs that embed it, index and glossary", async () => {
    const found = await dependantsOf(
      workspace,
      "definitions/pipelines/lifecycle.yaml",
      "A named person who raised",
      "A named human who raised",
    );
    assert.deepEqual(routesOf(found), [
      "/",
      "/glossary/",
      "/pipelines/lifecycle/",
      "/revops/lifecycle/",
      "/stages/",
      "/stages/lead/",
    ]);
    assert.ok(found.full === undefined && !found.nav, "no name changed");
    assert.ok(found.full === undefined && found.docs.has("handbook/revops/lifecycle.md"));
  });

  it("a stage's description (not in its row): no pipeline page", async () => {
    const found = await dependantsOf(
      workspace,
      "definitions/pipelines/lifecycle.yaml",
      "id: lead\nname: Lead\n",
      "id: lead\nname: Lead\ndescription: Leads are people.\n",
    );
    const routes = routesOf(found);
    assert.ok(routes.includes("/stages/lead/"));
    assert.ok(!routes.includes("/pipelines/lifecycle/"), routes.join());
    assert.ok(!routes.includes("/stages/mql/"), routes.join());
    assert.ok(!routes.includes("/sales/deal-desk/"), routes.join());
  });

  it("a trigger's condition value: its page and the stage it sets (not docs that only link to it)", async () => {
    const found = await dependantsOf(
      workspace,
      "definitions/triggers/lifecycle.yaml",
      "{ property: lead_score, op: gte, value: 60 }",
      "{ property: lead_score, op: gte, value: 65 }",
    );
    // Two docs link to the trigger (one lists it as related): a link shows the URL, which is kept.
    assert.deepEqual(routesOf(found), ["/stages/mql/", "/triggers/promote-to-mql/"]);
  });

  it("a scoring rule's points: the scoring page and docs that embed it", async () => {
    const found = await dependantsOf(
      workspace,
      "definitions/scoring/lead-score.yaml",
      "        points: 20\n",
      "        points: 25\n",
    );
    const routes = routesOf(found);
    for (const r of ["/scoring/lead-score/", "/marketing/lead-scoring/"]) assert.ok(routes.includes(r), r);
    for (const r of ["/stages/lead/", "/objects/contact/", "/glossary/", "/scoring/"])
      assert.ok(!routes.includes(r), `${r} in ${routes.join()}`);
  });

  it("a property label: the object page, what words conditions on it, and docs embedding those", async () => {
    const found = await dependantsOf(
      workspace,
      "definitions/objects/contact.yaml",
      "    name: Job title",
      "    name: Job title (as written)",
    );
    assert.deepEqual(routesOf(found), [
      "/marketing/lead-scoring/",
      "/objects/contact/",
      "/revops/data-dictionary/",
      "/scoring/lead-score/",
    ]);
  });

  it("a team's name: what it owns, what assigns it, rows naming it, the team pages (nav), process health", async () => {
    const found = await dependantsOf(
      workspace,
      "definitions/teams.yaml",
      "name: Sales Development",
      "name: Sales Dev",
    );
    const routes = routesOf(found);
    assert.ok(found.full === undefined && found.nav, "the navigation changes");
    for (const r of [
      "/teams/sdr/",
      "/teams/sales/",
      "/teams/",
      "/stages/mql/",
      "/pipelines/lifecycle/",
      "/revops/lifecycle/",
      "/triggers/assign-mql/",
      "/health/",
      "/glossary/",
    ])
      assert.ok(routes.includes(r), `${r} in ${routes.join()}`);
    for (const r of ["/stages/lead/", "/triggers/promote-to-lead/", "/sales/deal-desk/"])
      assert.ok(!routes.includes(r), `${r} in ${routes.join()}`);
  });

  it("a metric's goal: its page and the goal matrix", async () => {
    const found = await dependantsOf(
      workspace,
      "definitions/metrics/funnel.yaml",
      "goal: { period: month, value: 450 }",
      "goal: { period: month, value: 500 }",
    );
    assert.deepEqual(routesOf(found), ["/goals/", "/metrics/mqls-per-month/"]);
  });

  it("asks for a full rebuild when a definition turns invalid or a pipeline reorders its stages", async () => {
    const invalid = await dependantsOf(
      workspace,
      "definitions/metrics/funnel.yaml",
      "type: volume",
      "type: not-a-type",
    );
    assert.match(invalid.full ?? "", /became invalid/);
    const reordered = await dependantsOf(
      workspace,
      "definitions/pipelines/lifecycle.yaml",
      "stages: [subscriber, lead, mql, sql,",
      "stages: [subscriber, mql, lead, sql,",
    );
    assert.match(reordered.full ?? "", /stages, object or property/);
  });
});
