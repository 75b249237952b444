/**
 * `pipeline-consistency`: closed-won / closed-lost probabilities (fix only
 * when `won` is explicit), decreasing open probabilities with the earlier
 * stage as related, across stage files and skipping closed stages.
 */
import { strict as assert } from "node:assert";
import type { Diagnostic } from "../../core/diagnostic.js";
import { brief, memoryWorkspace } from "../helpers/workspace.js";

const DEAL = `kind: Object
id: deal
properties:
  - { id: dealstage, type: enum, options: [a, b, c, d, e] }
---
kind: Pipeline
id: sales
object: deal
property: dealstage
stages: [a, b, c, d, e]
`;

function stage(id: string, extra: string): string {
  return `kind: Stage\nid: ${id}\ndefinition: Stage ${id}.\nmanual: true\n${extra}`;
}

function lint(stages: Record<string, string>): Diagnostic[] {
  const ws = memoryWorkspace(
    { "definitions/deal.yaml": DEAL, ...stages },
    "version: 1\nrules: { unused-definition: off, stage-owner: off, stage-exit-criteria: off }\n",
  );
  return ws.lint().filter((d) => d.rule === "pipeline-consistency");
}

describe("pipeline-consistency", () => {
  it("compares each open stage with the nearest earlier open stage, across files", () => {
    const found = lint({
      "definitions/a.yaml": stage("a", "probability: 0.2\n"),
      "definitions/b.yaml": stage("b", "probability: 0.6\n"),
      "definitions/c.yaml": stage("c", "probability: 0.4\n"),
      "definitions/d.yaml": stage("d", "probability: 0.5\n"),
      "definitions/e.yaml": stage("e", "probability: 0\nclosed: true\nwon: false\n"),
    });
    assert.deepEqual(found.map(brief), ["pipeline-consistency definitions/c.yaml:5:14-5:17"]);
    assert.equal(
      found[0]?.message,
      "open stage `c` has probability 0.4, lower than 0.6 at `b`, which comes before it in pipeline `sales`",
    );
    assert.deepEqual(
      found[0]?.related?.map((r) =>
        brief({ ...found[0], rule: "related", file: r.file, range: r.range } as Diagnostic),
      ),
      ["related definitions/b.yaml:5:14-5:17"],
    );
  });

  it("fixes closed probabilities only when won is explicit", () => {
    const found = lint({
      "definitions/a.yaml": stage("a", "probability: 0.9\nclosed: true\nwon: true\n"),
      "definitions/b.yaml": stage("b", "probability: 0.5\nclosed: true\nwon: false\n"),
      "definitions/c.yaml": stage("c", "probability: 1\nclosed: true\n"),
    });
    assert.deepEqual(
      found.map((d) => [brief(d), d.fix?.text]),
      [
        ["pipeline-consistency definitions/a.yaml:5:14-5:17", "1"],
        ["pipeline-consistency definitions/b.yaml:5:14-5:17", "0"],
        ["pipeline-consistency definitions/c.yaml:5:14-5:15", undefined],
      ],
    );
  });

  it("reports won without closed on `won`, and accepts consistent flags", () => {
    const found = lint({
      "definitions/a.yaml": stage("a", "won: true\nclosed: false\n"),
      "definitions/b.yaml": stage("b", "probability: 1\nclosed: true\nwon: true\n"),
    });
    assert.deepEqual(found.map(brief), ["pipeline-consistency definitions/a.yaml:5:6-5:10"]);
  });
});
