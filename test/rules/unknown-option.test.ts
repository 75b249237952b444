/**
 * `unknown-option`: case-sensitive option values, stage ids written where a
 * `crmValue` belongs, multi-select values, `setProperty` and `Stage.crmValue`.
 */
import { strict as assert } from "node:assert";
import type { Diagnostic } from "../../core/diagnostic.js";
import { brief, memoryWorkspace } from "../helpers/workspace.js";

const CONTACT = `kind: Object
id: contact
properties:
  - id: lifecyclestage
    type: enum
    options: [subscriber, lead, { value: marketingqualifiedlead, label: MQL }]
  - { id: interests, type: multienum, options: [crm, bi] }
  - { id: tier, type: enum, options: [1, 2, "010"] }
`;

const LIFECYCLE = `kind: Pipeline
id: lifecycle
object: contact
property: lifecyclestage
stages: [subscriber, lead, mql]
---
kind: Stage
id: subscriber
definition: Opted in.
---
kind: Stage
id: lead
definition: Raised a hand.
manual: true
---
kind: Stage
id: mql
crmValue: marketingqualifiedlead
definition: Worth a call.
manual: true
`;

function lint(files: Record<string, string>): Diagnostic[] {
  const ws = memoryWorkspace(
    { "definitions/contact.yaml": CONTACT, ...files },
    "version: 1\nrules: { unused-definition: off, stage-owner: off, stage-exit-criteria: off }\n",
  );
  return ws.lint().filter((d) => d.rule === "unknown-option");
}

function trigger(when: string, actions = '  - notify: { channel: "#x" }\n'): string {
  return `kind: Trigger\nid: t\nobject: contact\nwhen:\n  all:\n${when}actions:\n${actions}`;
}

describe("unknown-option", () => {
  it("suggests the crmValue when a condition names a stage id", () => {
    const found = lint({
      "definitions/lifecycle.yaml": LIFECYCLE,
      "definitions/t.yaml": trigger("    - { property: lifecyclestage, op: in, value: [lead, mql] }\n"),
    });
    assert.deepEqual(found.map(brief), ["unknown-option definitions/t.yaml:6:57-6:60"]);
    const d = found[0] as Diagnostic;
    assert.equal(
      d.message,
      "`mql` is not an option of `lifecyclestage`: `mql` is the id of stage `mql`, which pipeline `lifecycle` stores as `marketingqualifiedlead`",
    );
    assert.equal(d.suggestion, "did you mean `marketingqualifiedlead`?");
    assert.deepEqual(d.fix, { range: d.range, text: "marketingqualifiedlead" });
  });

  it("compares case-sensitively and offers the case-only match", () => {
    const found = lint({
      "definitions/t.yaml": trigger("    - { property: lifecyclestage, op: eq, value: Lead }\n"),
    });
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? "", /case-sensitive/);
    assert.equal(found[0]?.fix?.text, "lead");
  });

  it("gives no fix when nothing is close", () => {
    const found = lint({
      "definitions/t.yaml": trigger("    - { property: lifecyclestage, op: eq, value: churned }\n"),
    });
    assert.equal(found.length, 1);
    assert.equal(found[0]?.suggestion, undefined);
    assert.equal(found[0]?.fix, undefined);
  });

  it("compares numbers as strings and checks multi-select values and setProperty lists", () => {
    const found = lint({
      "definitions/t.yaml": trigger(
        [
          '    - { property: tier, op: in, value: [1, 2, "010", 3] }',
          "    - { property: interests, op: contains, value: crm }",
          "",
        ].join("\n"),
        "  - setProperty: { property: interests, value: [crm, erp] }\n",
      ),
    });
    assert.deepEqual(found.map(brief), [
      "unknown-option definitions/t.yaml:6:54-6:55",
      "unknown-option definitions/t.yaml:9:54-9:57",
    ]);
  });

  it("an unquoted `010` is the number 10: explained, and the fix quotes the option", () => {
    const found = lint({
      "definitions/t.yaml": trigger("    - { property: tier, op: eq, value: 010 }\n"),
    });
    // `    - { property: tier, op: eq, value: ` is 39 characters: `010` is at 1-based columns 40-43.
    assert.deepEqual(found.map(brief), ["unknown-option definitions/t.yaml:6:40-6:43"]);
    assert.equal(
      found[0]?.message,
      "`10` is not an option of `tier`: YAML reads this unquoted value as the number 10, and the option is the text `010`",
    );
    assert.equal(found[0]?.suggestion, "did you mean `010`?");
    assert.deepEqual(found[0]?.fix?.text, '"010"');
  });

  it("checks a stage's crmValue, and its id when it has none", () => {
    const found = lint({
      "definitions/lifecycle.yaml": LIFECYCLE.replace(
        "crmValue: marketingqualifiedlead",
        "crmValue: marketingqualifiedleed",
      ).replace(
        "stages: [subscriber, lead, mql]",
        "stages: [subscriber, lead, mql, sql]\n---\nkind: Stage\nid: sql\ndefinition: Talking.\nmanual: true",
      ),
    });
    assert.deepEqual(found.map(brief), [
      "unknown-option definitions/lifecycle.yaml:8:5-8:8",
      "unknown-option definitions/lifecycle.yaml:23:11-23:33",
    ]);
    assert.equal(
      found[0]?.message,
      "stage `sql` has no `crmValue`, so pipeline `lifecycle` stores it as `sql`, which is not an option of `lifecyclestage`",
    );
    assert.equal(found[0]?.fix, undefined);
    assert.equal(found[1]?.fix?.text, "marketingqualifiedlead");
    assert.equal(found[1]?.related?.[0]?.file, "definitions/lifecycle.yaml");
  });

  it("ignores values of operators the type does not allow and of known/unknown", () => {
    const found = lint({
      "definitions/t.yaml": trigger(
        "    - { property: lifecyclestage, op: contains, value: nope }\n    - { property: tier, op: known }\n",
      ),
    });
    assert.deepEqual(found, []);
  });
});
