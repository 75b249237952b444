/**
 * `plan-stage-order`: section `requiredAt` after the handoff stage (terminal
 * stages rank last), stages of another object's pipeline or of no pipeline,
 * and a `requiredAt` on another pipeline than `at`.
 */
import { strict as assert } from "node:assert";
import { brief, memoryWorkspace } from "../helpers/workspace.js";

const DEALS = `kind: Object
id: deal
properties:
  - { id: dealstage, type: enum, options: [qualified, lost, contract, won] }
  - { id: renewalstage, type: enum, options: [upcoming, renewed] }
---
kind: Object
id: contact
properties:
  - { id: lifecyclestage, type: enum, options: [lead] }
---
kind: Pipeline
id: deals
object: deal
property: dealstage
stages: [qualified, lost, contract, won]
---
kind: Pipeline
id: renewals
object: deal
property: renewalstage
stages: [upcoming, renewed]
---
kind: Pipeline
id: lifecycle
object: contact
property: lifecyclestage
stages: [lead]
`;

const STAGES = ["qualified", "contract", "upcoming", "renewed", "lead", "orphan"]
  .map((id) => `kind: Stage\nid: ${id}\ndefinition: x\nmanual: true\n`)
  .concat(
    ["lost", "won"].map(
      (id) => `kind: Stage\nid: ${id}\ndefinition: x\nmanual: true\nterminal: true\nclosed: true\n`,
    ),
  )
  .join("---\n");

const TEAMS = "kind: Team\nid: sales\n---\nkind: Team\nid: cs\n";

/** A plan with `at` and one section per requiredAt; `at` is on line 6, sections' requiredAt on 10, 13, … */
function lint(at: string, ...requiredAt: string[]) {
  const sections = requiredAt
    .map((s, i) => `  - id: s${i}\n    title: S${i}\n    requiredAt: ${s}\n`)
    .join("");
  const ws = memoryWorkspace(
    {
      "definitions/deals.yaml": DEALS,
      "definitions/stages.yaml": STAGES,
      "definitions/teams.yaml": TEAMS,
      "definitions/plan.yaml": `kind: CommandPlan\nid: p\nobject: deal\nfrom: sales\nto: cs\nat: ${at}\nsections:\n${sections}`,
    },
    "version: 1\nrules: { unused-definition: off, stage-owner: off, stage-exit-criteria: off, stage-not-in-pipeline: off, pipeline-consistency: off }\n",
  );
  return ws.lint().filter((d) => d.rule === "plan-stage-order");
}

describe("plan-stage-order", () => {
  it("reports a section required after the handoff, with `at` as related", () => {
    const found = lint("contract", "qualified", "contract", "won");
    assert.deepEqual(found.map(brief), ["plan-stage-order definitions/plan.yaml:16:17-16:20"]);
    assert.equal(found[0]?.related?.[0]?.range.start.line, 5);
  });

  it("ranks terminal stages after every other stage, whatever the list order", () => {
    // `lost` is listed before `contract` but is terminal.
    assert.deepEqual(lint("contract", "lost").map(brief), [
      "plan-stage-order definitions/plan.yaml:10:17-10:21",
    ]);
    assert.deepEqual(lint("lost", "contract"), []);
  });

  it("reports stages that are not on a pipeline of the plan's object", () => {
    const found = lint("lead", "orphan");
    assert.deepEqual(found.map(brief), [
      "plan-stage-order definitions/plan.yaml:6:5-6:9",
      "plan-stage-order definitions/plan.yaml:10:17-10:23",
    ]);
    assert.match(found[0]?.message ?? "", /pipeline `lifecycle` of `contact`/);
    assert.match(found[1]?.message ?? "", /listed by no pipeline/);
  });

  it("reports a requiredAt on another pipeline of the object than `at`", () => {
    const found = lint("contract", "upcoming");
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? "", /pipeline `renewals`.*pipeline `deals`/);
  });

  it("leaves unknown stage ids to unresolved-reference", () => {
    assert.deepEqual(lint("contrct", "qualifed"), []);
  });
});
