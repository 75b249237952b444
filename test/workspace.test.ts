/**
 * The incremental API the language server calls on every edit: `update` and
 * `remove` return exactly the files whose diagnostics changed, with their full
 * new lists, including files other than the one edited.
 */
import { strict as assert } from "node:assert";
import { brief, memoryWorkspace } from "./helpers/workspace.js";

const CONTACT = `kind: Object
id: contact
properties:
  - { id: lifecyclestage, type: enum, options: [lead, mql] }
`;
const PIPELINE = `kind: Pipeline
id: lifecycle
object: contact
property: lifecyclestage
stages: [lead, mql]
---
kind: Stage
id: lead
definition: A lead.
manual: true
---
kind: Stage
id: mql
definition: An MQL.
manual: true
`;
const TRIGGER = (stage: string): string => `kind: Trigger
id: promote
object: contact
when: { property: lifecyclestage, op: eq, value: lead }
actions:
  - setStage: ${stage}
`;
const CONFIG = "version: 1\nrules: { stage-owner: off, stage-exit-criteria: off, unused-definition: off }\n";

describe("Workspace.update / remove", () => {
  it("returns only the files whose diagnostics changed, across files", () => {
    const ws = memoryWorkspace(
      {
        "definitions/contact.yaml": CONTACT,
        "definitions/lifecycle.yaml": PIPELINE,
        "definitions/trigger.yaml": TRIGGER("mql"),
      },
      CONFIG,
    );
    assert.deepEqual(ws.lint().map(brief), []);

    // Renaming the stage in one file breaks the reference in another.
    const renamed = ws.update(
      "definitions/lifecycle.yaml",
      PIPELINE.replace("id: mql", "id: marketing-qualified"),
    );
    assert.deepEqual([...renamed.keys()].sort(), ["definitions/lifecycle.yaml", "definitions/trigger.yaml"]);
    assert.deepEqual(renamed.get("definitions/trigger.yaml")?.map(brief), [
      "unresolved-reference definitions/trigger.yaml:6:15-6:18",
    ]);

    // Fixing the trigger clears it; the pipeline file's diagnostics do not change, so it is not returned.
    const fixed = ws.update("definitions/trigger.yaml", TRIGGER("marketing-qualified"));
    assert.deepEqual([...fixed.keys()], ["definitions/trigger.yaml"]);
    assert.deepEqual(fixed.get("definitions/trigger.yaml"), []);
  });

  it("returns nothing for an unchanged buffer, and re-lints once the text changes", () => {
    const ws = memoryWorkspace(
      {
        "definitions/contact.yaml": CONTACT,
        "definitions/lifecycle.yaml": PIPELINE,
        "definitions/trigger.yaml": TRIGGER("mlq"),
      },
      CONFIG,
    );
    assert.equal(ws.lint().length, 1);
    assert.equal(ws.update("definitions/trigger.yaml", TRIGGER("mlq")).size, 0);
    assert.deepEqual(
      [...ws.update("definitions/trigger.yaml", TRIGGER("mql")).keys()],
      ["definitions/trigger.yaml"],
    );
  });

  it("remove drops a file and its diagnostics, and reports what that breaks elsewhere", () => {
    const ws = memoryWorkspace(
      {
        "definitions/contact.yaml": CONTACT,
        "definitions/lifecycle.yaml": PIPELINE,
        "definitions/trigger.yaml": TRIGGER("mql"),
      },
      CONFIG,
    );
    ws.lint();
    const changed = ws.remove("definitions/contact.yaml");
    assert.ok(!ws.files().includes("definitions/contact.yaml"));
    assert.deepEqual(
      changed.get("definitions/trigger.yaml")?.map((d) => d.rule),
      ["unresolved-reference"],
    );
    assert.deepEqual(
      changed.get("definitions/lifecycle.yaml")?.map((d) => d.rule),
      ["unresolved-reference"],
    );
  });
});
