/**
 * `value-type`: value shapes per type and operator, where each problem
 * points, and which problems carry a fix.
 */
import { strict as assert } from "node:assert";
import type { Diagnostic } from "../../core/diagnostic.js";
import { brief, memoryWorkspace } from "../helpers/workspace.js";

const CONTACT = `kind: Object
id: contact
properties:
  - { id: score, type: number }
  - { id: email, type: string }
  - { id: optin, type: boolean }
  - { id: stage, type: enum, options: [lead, customer] }
  - { id: interests, type: multienum, options: [crm, bi] }
  - { id: created, type: date }
`;

/** Lints one trigger whose `when.all` list is `when` (lines start at line 6). */
function lint(when: string, actions = '  - notify: { channel: "#x" }\n'): Diagnostic[] {
  const ws = memoryWorkspace(
    {
      "definitions/contact.yaml": CONTACT,
      "definitions/t.yaml": `kind: Trigger\nid: t\nobject: contact\nwhen:\n  all:\n${when}actions:\n${actions}`,
    },
    "version: 1\nrules: { unused-definition: off }\n",
  );
  return ws.lint().filter((d) => d.rule === "value-type");
}

describe("value-type", () => {
  it("reports text for a number, with a fix only when the text is a number", () => {
    const found = lint(
      '    - { property: score, op: gte, value: "sixty" }\n    - { property: score, op: lt, value: "60" }\n',
    );
    assert.deepEqual(found.map(brief), [
      "value-type definitions/t.yaml:6:42-6:49",
      "value-type definitions/t.yaml:7:41-7:45",
    ]);
    assert.equal(found[0]?.message, "`gte` on number property `score` needs a number, not `sixty`");
    assert.equal(found[0]?.fix, undefined);
    assert.equal(found[1]?.fix?.text, "60");
  });

  it("needs two ordered values for between, and swaps reversed ones", () => {
    const found = lint(
      [
        "    - { property: score, op: between, value: [10] }",
        "    - { property: score, op: between, value: [10, 5] }",
        "    - { property: created, op: between, value: [2025-03-01, 2025-01-01] }",
        "    - { property: created, op: between, value: [2025-01-01, now] }",
        "    - { property: score, op: between, value: [5, 5] }",
        "",
      ].join("\n"),
    );
    assert.deepEqual(found.map(brief), [
      "value-type definitions/t.yaml:6:46-6:50",
      "value-type definitions/t.yaml:7:46-7:53",
      "value-type definitions/t.yaml:8:48-8:72",
    ]);
    assert.equal(found[1]?.fix?.text, "[5, 10]");
    assert.equal(found[2]?.fix?.text, "[2025-01-01, 2025-03-01]");
  });

  it("reports a value given to known, and a missing value at the operator or the empty key", () => {
    const found = lint(
      [
        "    - { property: email, op: unknown, value: x }",
        "    - { property: score, op: gte }",
        "    - { property: score, op: gte, value: }",
        "",
      ].join("\n"),
    );
    assert.deepEqual(found.map(brief), [
      "value-type definitions/t.yaml:6:46-6:47",
      "value-type definitions/t.yaml:7:30-7:33",
      "value-type definitions/t.yaml:8:35-8:40",
    ]);
    assert.equal(found[0]?.message, "`unknown` takes no value; remove `value` from the test");
    assert.equal(found[1]?.message, "`gte` on number property `score` needs a value");
  });

  it("checks lists, list items and single values", () => {
    const found = lint(
      [
        "    - { property: stage, op: in, value: lead }",
        "    - { property: score, op: notIn, value: [1, two] }",
        "    - { property: stage, op: eq, value: [lead] }",
        "    - { property: interests, op: contains, value: [crm] }",
        "    - { property: email, op: in, value: [] }",
        "",
      ].join("\n"),
    );
    assert.deepEqual(found.map(brief), [
      "value-type definitions/t.yaml:6:41-6:45",
      "value-type definitions/t.yaml:7:48-7:51",
      "value-type definitions/t.yaml:8:41-8:47",
      "value-type definitions/t.yaml:9:51-9:56",
      "value-type definitions/t.yaml:10:41-10:43",
    ]);
    assert.equal(found[0]?.fix?.text, "[lead]");
    assert.match(found[2]?.message ?? "", /use `in` to match any of several/);
  });

  it("accepts ISO dates, date-times and now; rejects impossible dates and bad durations", () => {
    const found = lint(
      [
        "    - { property: created, op: before, value: now }",
        "    - { property: created, op: after, value: 2025-01-31T09:30:00Z }",
        "    - { property: created, op: after, value: 2025-02-30 }",
        "    - { property: created, op: withinLast, value: P2W }",
        "    - { property: created, op: withinLast, value: 14d }",
        '    - { property: optin, op: eq, value: "false" }',
        "",
      ].join("\n"),
    );
    assert.deepEqual(found.map(brief), [
      "value-type definitions/t.yaml:8:46-8:56",
      "value-type definitions/t.yaml:10:51-10:54",
      "value-type definitions/t.yaml:11:41-11:48",
    ]);
    assert.equal(found[2]?.fix?.text, "false");
  });

  it("checks setProperty values by type", () => {
    const found = lint(
      "    - { property: email, op: known }\n",
      [
        "  - setProperty: { property: created, value: now }",
        "  - setProperty: { property: interests, value: [crm, bi] }",
        "  - setProperty: { property: stage, value: [lead] }",
        "  - setProperty: { property: optin, value: yes }",
        "",
      ].join("\n"),
    );
    assert.deepEqual(found.map(brief), [
      "value-type definitions/t.yaml:10:44-10:50",
      "value-type definitions/t.yaml:11:44-11:47",
    ]);
    assert.equal(found[0]?.message, "`setProperty` on enum property `stage` takes one value, not a list");
  });

  it("leaves operators the type does not allow to operator-type", () => {
    assert.deepEqual(lint("    - { property: score, op: contains, value: [1] }\n"), []);
  });
});
