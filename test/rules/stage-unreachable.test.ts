/**
 * `stage-unreachable`: the first stage never counts; a trigger's `setStage`,
 * an `entry` condition or `manual: true` each make a stage reachable.
 */
import { strict as assert } from "node:assert";
import { brief, memoryWorkspace } from "../helpers/workspace.js";

const CONTACT = `kind: Object
id: contact
properties:
  - { id: lifecyclestage, type: enum, options: [a, b, c, d, e] }
  - { id: score, type: number }
---
kind: Pipeline
id: lifecycle
object: contact
property: lifecyclestage
stages: [a, b, c, d, e]
`;

const STAGES = `kind: Stage
id: a
definition: First.
---
kind: Stage
id: b
definition: Set by a trigger.
---
kind: Stage
id: c
definition: Has an entry condition.
entry: { property: score, op: gte, value: 10 }
---
kind: Stage
id: d
definition: Moved by hand.
manual: true
---
kind: Stage
id: e
definition: No way in.
`;

const TRIGGER = `kind: Trigger
id: to-b
object: contact
when: { property: lifecyclestage, op: eq, value: a }
actions:
  - setStage: b
`;

function lint(files: Record<string, string>): string[] {
  const ws = memoryWorkspace(
    { "definitions/contact.yaml": CONTACT, "definitions/stages.yaml": STAGES, ...files },
    "version: 1\nrules: { unused-definition: off, stage-owner: off, stage-exit-criteria: off }\n",
  );
  return ws
    .lint()
    .filter((d) => d.rule === "stage-unreachable")
    .map(brief);
}

describe("stage-unreachable", () => {
  it("reports only stages after the first with no way in", () => {
    assert.deepEqual(lint({ "definitions/trigger.yaml": TRIGGER }), [
      "stage-unreachable definitions/stages.yaml:20:5-20:6",
    ]);
  });

  it("counts setStage only from triggers", () => {
    assert.deepEqual(lint({}), [
      "stage-unreachable definitions/stages.yaml:6:5-6:6",
      "stage-unreachable definitions/stages.yaml:20:5-20:6",
    ]);
  });
});
