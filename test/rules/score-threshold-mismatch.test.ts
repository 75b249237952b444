/**
 * `score-threshold-mismatch`: which score tests are lower bounds (`gte`,
 * `gt`, `between`, negated `lt`/`lte`), integer equivalence (`gt 59` =
 * `gte 60`), the fix, and what is not judged.
 */
import { strict as assert } from "node:assert";
import { brief, memoryWorkspace } from "../helpers/workspace.js";

const CONTACT = `kind: Object
id: contact
properties:
  - { id: lead_score, type: number }
  - { id: seniority, type: string }
  - { id: lifecyclestage, type: enum, options: [lead, mql] }
---
kind: Pipeline
id: lifecycle
object: contact
property: lifecyclestage
stages: [lead, mql]
---
kind: Stage
id: lead
definition: x
manual: true
---
kind: Stage
id: mql
definition: x
manual: true
`;

function model(points: string): string {
  return `kind: ScoringModel
id: lead-score
object: contact
property: lead_score
groups:
  - id: fit
    rules:
      - { when: { property: seniority, op: known }, points: ${points} }
thresholds:
  - { stage: mql, min: 60 }
`;
}

/** One trigger setting `mql` whose `when` is the given YAML (line 4 onwards of t.yaml). */
function lint(when: string, points = "60") {
  const ws = memoryWorkspace(
    {
      "definitions/contact.yaml": CONTACT,
      "definitions/m.yaml": model(points),
      "definitions/t.yaml": `kind: Trigger\nid: t\nobject: contact\nwhen: ${when}\nactions:\n  - setStage: mql\n`,
    },
    "version: 1\nrules: { unused-definition: off, stage-owner: off, stage-exit-criteria: off }\n",
  );
  return ws.lint().filter((d) => d.rule === "score-threshold-mismatch");
}

describe("score-threshold-mismatch", () => {
  it("reports a different gte bound at the value, with the threshold as related and a suggestion but no automatic fix", () => {
    const found = lint("{ property: lead_score, op: gte, value: 50 }");
    assert.deepEqual(found.map(brief), ["score-threshold-mismatch definitions/t.yaml:4:47-4:49"]);
    const d = found[0];
    assert.equal(
      d?.message,
      "trigger `t` sets stage `mql` at `lead_score gte 50`, but scoring model `lead-score` puts the `mql` threshold at 60",
    );
    assert.equal(d?.suggestion, "change the bound to `60` to match the threshold");
    assert.equal(d?.fix, undefined, "--fix must not choose between the trigger and the model");
    assert.equal(d?.related?.[0]?.file, "definitions/m.yaml");
    assert.equal(d?.related?.[0]?.range.start.line, 9);
  });

  it("treats gt 59 as gte 60 when scores are integers", () => {
    assert.deepEqual(lint("{ property: lead_score, op: gt, value: 59 }"), []);
    assert.deepEqual(lint("{ property: contact.lead_score, op: gte, value: 59.5 }"), []);
  });

  it("does not when points are fractional", () => {
    const found = lint("{ property: lead_score, op: gt, value: 59 }", "60.5");
    assert.equal(found.length, 1);
    assert.equal(found[0]?.fix, undefined);
  });

  it("suggests gt (threshold - 1) for gt on integers", () => {
    assert.equal(
      lint("{ property: lead_score, op: gt, value: 50 }")[0]?.suggestion,
      "change the bound to `59` to match the threshold",
    );
  });

  it("reads between's lower bound and negated upper bounds", () => {
    assert.deepEqual(lint("{ property: lead_score, op: between, value: [60, 100] }"), []);
    assert.deepEqual(lint("{ property: lead_score, op: between, value: [50, 100] }").map(brief), [
      "score-threshold-mismatch definitions/t.yaml:4:52-4:54",
    ]);
    assert.deepEqual(lint("{ not: { property: lead_score, op: lt, value: 60 } }"), []);
    assert.equal(lint("{ not: { property: lead_score, op: lt, value: 55 } }").length, 1);
  });

  it("does not judge triggers without a lower bound on the score", () => {
    assert.deepEqual(lint("{ property: seniority, op: known }"), []);
    assert.deepEqual(lint("{ property: lead_score, op: lt, value: 80 }"), []);
  });

  it("judges every lower bound, also inside any", () => {
    const found = lint(
      "{ any: [{ property: lead_score, op: gte, value: 60 }, { property: lead_score, op: gte, value: 40 }] }",
    );
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? "", /gte 40/);
  });
});
