/**
 * `operator-type`: the FORMAT.md §3 table per property type, walked paths,
 * and the fact that `setProperty` (no operator) is never judged here.
 */
import { strict as assert } from "node:assert";
import { allowsOperator, expectedValue, operatorsFor } from "../../core/model/operators.js";
import { brief, memoryWorkspace } from "../helpers/workspace.js";

const CONTACT = `kind: Object
id: contact
properties:
  - { id: score, type: number }
  - { id: email, type: string }
  - { id: optin, type: boolean }
  - { id: stage, type: enum, options: [lead, customer] }
  - { id: interests, type: multienum, options: [crm, bi] }
  - { id: created, type: datetime }
  - { id: company, type: reference, target: company }
---
kind: Object
id: company
properties:
  - { id: size, type: number }
`;

function lint(when: string): { brief: string; message: string }[] {
  const ws = memoryWorkspace(
    {
      "definitions/contact.yaml": CONTACT,
      "definitions/t.yaml": `kind: Trigger\nid: t\nobject: contact\nwhen:\n  all:\n${when}actions:\n  - notify: { channel: "#x" }\n`,
    },
    "version: 1\nrules: { unused-definition: off }\n",
  );
  return ws
    .lint()
    .filter((d) => d.rule === "operator-type")
    .map((d) => ({ brief: brief(d), message: d.message }));
}

describe("operator-type", () => {
  it("follows the FORMAT.md table", () => {
    assert.deepEqual(operatorsFor("multienum"), ["contains", "notContains", "known", "unknown"]);
    assert.deepEqual(operatorsFor("reference"), ["known", "unknown"]);
    assert.ok(allowsOperator("currency", "between"));
    assert.ok(!allowsOperator("enum", "contains"));
    assert.ok(!allowsOperator("number", "toString"), "no prototype keys");
    assert.equal(expectedValue("date", "withinLast"), "duration");
    assert.equal(expectedValue("enum", "in"), "optionList");
  });

  it("reports the operator node with the property's type", () => {
    const found = lint("    - { property: interests, op: eq, value: crm }\n");
    assert.deepEqual(found, [
      {
        brief: "operator-type definitions/t.yaml:6:34-6:36",
        message: "operator `eq` does not apply to `interests`, a multienum property",
      },
    ]);
  });

  it("accepts every allowed operator, and judges walked paths by the last property", () => {
    const found = lint(
      [
        "    - { property: score, op: between, value: [1, 2] }",
        "    - { property: email, op: startsWith, value: a }",
        "    - { property: optin, op: neq, value: true }",
        "    - { property: stage, op: notIn, value: [lead] }",
        "    - { property: interests, op: notContains, value: bi }",
        "    - { property: created, op: withinLast, value: P7D }",
        "    - { property: company, op: known }",
        "    - { property: company.size, op: gte, value: 10 }",
        "    - { property: company.size, op: startsWith, value: 1 }",
        "",
      ].join("\n"),
    );
    assert.deepEqual(
      found.map((f) => f.brief),
      ["operator-type definitions/t.yaml:14:37-14:47"],
    );
  });

  it("rejects comparisons on reference properties", () => {
    const found = lint("    - { property: company, op: eq, value: acme }\n");
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? "", /a reference property/);
  });
});
