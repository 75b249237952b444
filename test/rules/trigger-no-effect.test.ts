/**
 * `trigger-no-effect`: when a condition forces the values a trigger writes
 * (eq, in of one, notIn of all but one with known, any of the same value,
 * stages by crmValue, clears under `unknown`), what is never judged, and
 * where it points.
 */
import { strict as assert } from "node:assert";
import { lintTriggers, trigger } from "../helpers/trigger-workspace.js";
import { brief } from "../helpers/workspace.js";

const lint = (triggers: string[]) => lintTriggers("trigger-no-effect", triggers.join("---\n"));
const one = (when: string, actions: string[]) => lint([trigger("t", when, actions)]);

describe("trigger-no-effect", () => {
  it("reports a trigger that sets what its condition requires, at the first write", () => {
    const found = one("{ property: status, op: eq, value: open }", [
      'notify: { team: sdr, channel: "#x" }',
      "setProperty: { property: status, value: open }",
    ]);
    assert.deepEqual(found.map(brief), ["trigger-no-effect definitions/t.yaml:7:45-7:49"]);
    assert.equal(
      found[0]?.message,
      "trigger `t` has no effect: its condition only admits records where `status` is already `open`",
    );
    assert.equal(found[0]?.related?.[0]?.message, "the condition that already forces this value");
    assert.equal(found[0]?.severity, "warn");
  });

  it("works out forced values through the condition's logic", () => {
    const forced = [
      "{ property: status, op: in, value: [open] }",
      "{ any: [{ property: status, op: eq, value: open }, { all: [{ property: status, op: eq, value: open }, { property: amount, op: gt, value: 5 }] }] }",
      "{ all: [{ property: status, op: notIn, value: [new, working, nurture, closed] }, { property: status, op: known }] }",
      "{ not: { any: [{ property: status, op: neq, value: open }, { property: amount, op: gt, value: 5 }] } }",
      "{ all: [{ property: status, op: in, value: [open, new] }, { property: status, op: neq, value: new }] }",
    ];
    for (const when of forced)
      assert.equal(one(when, ["setProperty: { property: status, value: open }"]).length, 1, when);
    const free = [
      "{ property: status, op: neq, value: closed }",
      "{ property: status, op: notIn, value: [new, working, nurture, closed] }",
      "{ any: [{ property: status, op: eq, value: open }, { property: amount, op: gt, value: 5 }] }",
      "{ property: status, op: in, value: [open, new] }",
      "{ property: amount, op: gt, value: 5 }",
    ];
    for (const when of free)
      assert.deepEqual(one(when, ["setProperty: { property: status, value: open }"]), [], when);
  });

  it("handles numbers, booleans, stages (by crmValue) and clears", () => {
    assert.equal(
      one("{ property: amount, op: between, value: [5, 5] }", ["setProperty: { property: amount, value: 5 }"])
        .length,
      1,
    );
    assert.equal(
      one("{ property: optin, op: neq, value: false }", ["setProperty: { property: optin, value: true }"])
        .length,
      0,
      "empty is still possible",
    );
    assert.equal(
      one("{ property: optin, op: eq, value: true }", ["setProperty: { property: optin, value: true }"])
        .length,
      1,
    );
    const stage = one("{ property: lifecyclestage, op: eq, value: marketingqualifiedlead }", [
      "setStage: mql",
    ]);
    assert.equal(
      stage[0]?.message,
      "trigger `t` has no effect: its condition only admits records where the stage is already `mql`",
    );
    const clear = one(
      "{ all: [{ property: owner, op: unknown }, { property: status, op: eq, value: new }] }",
      ["clearProperty: { property: owner }", "setProperty: { property: contact.status, value: new }"],
    );
    assert.equal(
      clear[0]?.message,
      "trigger `t` has no effect: its condition only admits records where `owner` is already empty and `contact.status` is already `new`",
    );
    assert.equal(clear[0]?.related?.[0]?.message, "the condition that already forces these values");
  });

  it("needs every write to be forced", () => {
    assert.deepEqual(
      one("{ property: status, op: eq, value: open }", [
        "setProperty: { property: status, value: open }",
        "setProperty: { property: amount, value: 1 }",
      ]),
      [],
    );
  });

  it("never judges triggers without writes, impossible conditions or unresolved writes", () => {
    assert.deepEqual(
      one("{ property: status, op: eq, value: open }", [
        "assign: { team: sdr, method: round-robin }",
        'notify: { team: sdr, channel: "#x" }',
        'createTask: { team: sdr, title: "Call" }',
      ]),
      [],
    );
    assert.deepEqual(
      one("{ all: [{ property: status, op: eq, value: open }, { property: status, op: eq, value: new }] }", [
        "setProperty: { property: status, value: open }",
      ]),
      [],
    );
    assert.deepEqual(
      one("{ property: status, op: eq, value: open }", [
        "setProperty: { property: status, value: open }",
        "setProperty: { property: nope, value: 1 }",
      ]),
      [],
    );
  });
});
