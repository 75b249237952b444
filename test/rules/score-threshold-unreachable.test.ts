/**
 * `score-threshold-unreachable` and core/scoring/reachable.ts: the most
 * points a record can reach (positive points once, unbounded repeats with a
 * limit and no decay, `points × count × ⌈decay ÷ per⌉` with both, then group
 * limits, then the model's max), and where the rule points.
 */
import { strict as assert } from "node:assert";
import type { ScoringRule } from "../../core/model/kinds.js";
import { reachableRule, reachableScore } from "../../core/scoring/reachable.js";
import { brief, memoryWorkspace } from "../helpers/workspace.js";

const when = { property: "x", op: "known" };
const r = (extra: Partial<ScoringRule>): ScoringRule => ({ when, points: 10, ...extra });

describe("reachableScore", () => {
  it("counts positive points once and negative points not at all", () => {
    assert.equal(
      reachableScore({ groups: [{ id: "g", rules: [r({}), r({ points: -15 }), r({ points: 5 })] }] }).total,
      15,
    );
  });

  it("a limit without decay repeats without bound", () => {
    const score = reachableScore({ groups: [{ id: "g", rules: [r({ limit: { count: 1, per: "P1D" } })] }] });
    assert.equal(score.total, Number.POSITIVE_INFINITY);
  });

  it("a decay without limit counts once", () => {
    assert.equal(reachableRule(r({ decay: "P90D" })).points, 10);
  });

  it("limit and decay: points × count × ⌈decay ÷ per⌉", () => {
    assert.deepEqual(reachableRule(r({ points: 5, limit: { count: 2, per: "P30D" }, decay: "P90D" })), {
      points: 30,
      times: 6,
    });
    // 45 days ÷ 30 days rounds up to 2 periods.
    assert.equal(reachableRule(r({ points: 5, limit: { count: 1, per: "P30D" }, decay: "P45D" })).points, 10);
    // P1M is 30 days.
    assert.equal(reachableRule(r({ points: 2, limit: { count: 3, per: "P1M" }, decay: "P90D" })).points, 18);
  });

  it("caps each group with its limit, then the sum with max", () => {
    const score = reachableScore({
      max: 70,
      groups: [
        { id: "fit", limit: 30, rules: [r({ points: 20 }), r({ points: 20 })] },
        { id: "engagement", rules: [r({ points: 50 })] },
      ],
    });
    assert.deepEqual(
      score.groups.map((g) => [g.id, g.sum, g.total, g.capped]),
      [
        ["fit", 40, 30, true],
        ["engagement", 50, 50, false],
      ],
    );
    assert.equal(score.sum, 80);
    assert.equal(score.total, 70);
    assert.equal(score.capped, true);
  });

  it("max caps an unbounded sum", () => {
    const score = reachableScore({
      max: 100,
      groups: [{ id: "g", rules: [r({ limit: { count: 1, per: "P1D" } })] }],
    });
    assert.equal(score.total, 100);
  });
});

const CONTACT = `kind: Object
id: contact
properties:
  - { id: lead_score, type: number }
  - { id: seniority, type: string }
  - { id: lifecyclestage, type: enum, options: [lead, mql, sql] }
---
kind: Pipeline
id: lifecycle
object: contact
property: lifecyclestage
stages: [lead, mql, sql]
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
---
kind: Stage
id: sql
definition: x
manual: true
`;

function lint(model: string) {
  const ws = memoryWorkspace(
    { "definitions/contact.yaml": CONTACT, "definitions/m.yaml": model },
    "version: 1\nrules: { unused-definition: off, stage-owner: off, stage-exit-criteria: off }\n",
  );
  return ws.lint().filter((d) => d.rule === "score-threshold-unreachable");
}

const HEAD = "kind: ScoringModel\nid: m\nobject: contact\nproperty: lead_score\n";

describe("score-threshold-unreachable", () => {
  it("reports each threshold above the reachable total at its min, with the binding cap", () => {
    const found = lint(
      `${HEAD}max: 50\ngroups:\n  - id: fit\n    rules:\n      - { when: { property: seniority, op: known }, points: 80 }\nthresholds:\n  - { stage: mql, min: 50 }\n  - { stage: sql, min: 60 }\n`,
    );
    assert.deepEqual(found.map(brief), ["score-threshold-unreachable definitions/m.yaml:12:24-12:26"]);
    assert.equal(
      found[0]?.message,
      "the `sql` threshold of scoring model `m` is 60, but the most points a record can reach is 50 (`fit` 80; the model's `max` is 50)",
    );
    assert.deepEqual(
      found[0]?.related?.map((x) => [x.range.start.line + 1, x.range.start.column + 1]),
      [[5, 6]],
    );
  });

  it("is quiet when a limited rule without decay makes the score unbounded", () => {
    const found = lint(
      `${HEAD}groups:\n  - id: fit\n    rules:\n      - when: { property: seniority, op: known }\n        points: 1\n        limit: { count: 1, per: P1D }\nthresholds:\n  - { stage: mql, min: 1000 }\n`,
    );
    assert.deepEqual(found, []);
  });

  it("ignores negative points when summing", () => {
    const found = lint(
      `${HEAD}groups:\n  - id: fit\n    rules:\n      - { when: { property: seniority, op: known }, points: 30 }\n      - { when: { property: seniority, op: unknown }, points: -30 }\nthresholds:\n  - { stage: mql, min: 30 }\n`,
    );
    assert.deepEqual(found, []);
  });
});
