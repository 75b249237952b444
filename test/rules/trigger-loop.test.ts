/**
 * `trigger-loop`: value-aware re-enrolment edges (set values, `now`, clears,
 * stages), only `reenroll: true` triggers, the record as the writer leaves
 * it, cycle listing and reporting once per cycle on the first trigger.
 */
import { strict as assert } from "node:assert";
import { lintTriggers, trigger } from "../helpers/trigger-workspace.js";
import { brief } from "../helpers/workspace.js";

const lint = (triggers: string[]) => lintTriggers("trigger-loop", triggers.join("---\n"));
const re = { reenroll: true };

describe("trigger-loop", () => {
  it("reports a two-trigger cycle once, on the first trigger's reenroll", () => {
    const found = lint([
      trigger(
        "a",
        "{ property: optin, op: eq, value: true }",
        ["setProperty: { property: status, value: open }"],
        re,
      ),
      trigger(
        "b",
        "{ property: status, op: eq, value: open }",
        ["setProperty: { property: optin, value: true }"],
        re,
      ),
    ]);
    assert.deepEqual(found.map(brief), ["trigger-loop definitions/t.yaml:7:11-7:15"]);
    assert.equal(
      found[0]?.message,
      "triggers `a` → `b` → `a` re-enrol each other in a loop (all have `reenroll: true`): `a` sets `status` to `open`, which re-enrols `b`; `b` sets `optin` to `true`, which re-enrols `a`",
    );
    assert.deepEqual(
      found[0]?.related?.map((r) => [r.range.start.line, r.message]),
      [[13, "`b` sets `optin` to `true` here, which re-enrols `a`"]],
    );
  });

  it("is value-aware: a value the other condition rejects is no edge", () => {
    assert.deepEqual(
      lint([
        trigger(
          "a",
          "{ property: optin, op: eq, value: true }",
          ["setProperty: { property: status, value: open }"],
          re,
        ),
        trigger(
          "b",
          "{ property: status, op: eq, value: open }",
          ["setProperty: { property: optin, value: false }"],
          re,
        ),
      ]),
      [],
    );
    assert.deepEqual(
      lint([
        trigger(
          "a",
          "{ property: amount, op: gt, value: 10 }",
          ["setProperty: { property: lead_score, value: 5 }"],
          re,
        ),
        trigger(
          "b",
          "{ property: lead_score, op: gte, value: 50 }",
          ["setProperty: { property: amount, value: 20 }"],
          re,
        ),
      ]),
      [],
    );
  });

  it("needs reenroll: true on every trigger of the cycle", () => {
    assert.deepEqual(
      lint([
        trigger(
          "a",
          "{ property: optin, op: eq, value: true }",
          ["setProperty: { property: status, value: open }"],
          re,
        ),
        trigger("b", "{ property: status, op: eq, value: open }", [
          "setProperty: { property: optin, value: true }",
        ]),
      ]),
      [],
    );
  });

  it("reports a trigger that re-enrols itself", () => {
    const found = lint([
      trigger(
        "stamp",
        "{ property: last_touch, op: withinLast, value: P1D }",
        ["setProperty: { property: last_touch, value: now }"],
        re,
      ),
    ]);
    assert.deepEqual(found.map(brief), ["trigger-loop definitions/t.yaml:7:11-7:15"]);
    assert.equal(
      found[0]?.message,
      "trigger `stamp` re-enrols itself: it sets `last_touch` to `now`, which its own condition admits, and it has `reenroll: true`",
    );
    assert.equal(found[0]?.related, undefined);
    // Filling an empty value does not re-enrol a trigger that waits for it to be empty.
    assert.deepEqual(
      lint([
        trigger(
          "fill",
          "{ property: owner, op: unknown }",
          ['setProperty: { property: owner, value: "queue" }'],
          re,
        ),
      ]),
      [],
    );
  });

  it("follows clears into `unknown` tests and stages into stage tests", () => {
    const found = lint([
      trigger(
        "unassign",
        "{ property: status, op: eq, value: nurture }",
        ["clearProperty: { property: owner }"],
        re,
      ),
      trigger("route", "{ property: owner, op: unknown }", ["setStage: lead"], re),
      trigger(
        "recycle",
        "{ property: lifecyclestage, op: eq, value: lead }",
        ["setProperty: { property: status, value: nurture }"],
        re,
      ),
    ]);
    assert.equal(found.length, 1);
    assert.ok(
      found[0]?.message.startsWith(
        "triggers `unassign` → `route` → `recycle` → `unassign` re-enrol each other",
      ),
      found[0]?.message,
    );
    assert.ok(found[0]?.message.includes("`unassign` clears `owner`, which re-enrols `route`"));
    assert.ok(found[0]?.message.includes("`route` sets stage `lead`, which re-enrols `recycle`"));
  });

  it("takes the record as the writing trigger leaves it", () => {
    // a only runs on leads; b needs customers: a's write cannot re-enrol b.
    assert.deepEqual(
      lint([
        trigger(
          "a",
          "{ all: [{ property: lifecyclestage, op: eq, value: lead }, { property: optin, op: eq, value: true }] }",
          ["setProperty: { property: status, value: open }"],
          re,
        ),
        trigger(
          "b",
          "{ all: [{ property: status, op: eq, value: open }, { property: lifecyclestage, op: eq, value: customer }] }",
          ["setProperty: { property: optin, value: true }"],
          re,
        ),
      ]),
      [],
    );
  });

  it("reports every cycle once, each from its first trigger", () => {
    const found = lint([
      trigger(
        "a",
        "{ property: optin, op: eq, value: true }",
        ["setProperty: { property: status, value: open }"],
        re,
      ),
      trigger(
        "b",
        "{ property: status, op: eq, value: open }",
        ["setProperty: { property: optin, value: true }"],
        re,
      ),
      trigger(
        "c",
        "{ property: status, op: in, value: [open, new] }",
        ["setProperty: { property: optin, value: true }"],
        re,
      ),
    ]);
    assert.deepEqual(
      found.map((d) => d.message.split(" re-enrol")[0]),
      ["triggers `a` → `b` → `a`", "triggers `a` → `c` → `a`"],
    );
    assert.deepEqual(found.map(brief), [
      "trigger-loop definitions/t.yaml:7:11-7:15",
      "trigger-loop definitions/t.yaml:7:11-7:15",
    ]);
  });

  it("follows writes through a reference into triggers on the other object", () => {
    const found = lint([
      trigger(
        "flag-company",
        "{ property: optin, op: eq, value: true }",
        ["setProperty: { property: company.status, value: open }"],
        re,
      ),
      trigger(
        "company-open",
        "{ property: status, op: eq, value: open }",
        ["setProperty: { property: tier, value: t1 }"],
        { object: "company", reenroll: true },
      ),
      trigger(
        "tier-optin",
        "{ property: company.tier, op: eq, value: t1 }",
        ["setProperty: { property: optin, value: true }"],
        re,
      ),
    ]);
    assert.equal(found.length, 1);
    assert.ok(
      found[0]?.message.startsWith(
        "triggers `flag-company` → `company-open` → `tier-optin` → `flag-company`",
      ),
    );
  });
});
