/**
 * `stage-backward`: which stage values a trigger's condition admits (all /
 * any / not / De Morgan, crmValues, other properties), the forward order with
 * terminal stages last, terminal-to-terminal moves, and where it points.
 */
import { strict as assert } from "node:assert";
import { lintTriggers, trigger } from "../helpers/trigger-workspace.js";
import { brief } from "../helpers/workspace.js";

const lint = (triggers: string, forwardOnly = true) =>
  lintTriggers("stage-backward", triggers, { forwardOnly });

describe("stage-backward", () => {
  it("reports a trigger whose condition never tests the stage, at the setStage value", () => {
    const found = lint(trigger("promote", "{ property: lead_score, op: gte, value: 60 }", ["setStage: mql"]));
    assert.deepEqual(found.map(brief), ["stage-backward definitions/t.yaml:6:15-6:18"]);
    assert.equal(
      found[0]?.message,
      "trigger `promote` sets stage `mql` but its condition admits records already at `customer`, `evangelist` and `disqualified`, which come after `mql` in the forward-only pipeline `lifecycle`",
    );
    assert.equal(
      found[0]?.suggestion,
      "limit the trigger to records in earlier stages, e.g. with `{ property: lifecyclestage, op: in, value: [subscriber, lead] }`",
    );
    assert.equal(found[0]?.severity, "error");
    assert.equal(found[0]?.related?.[0]?.file, "definitions/lifecycle.yaml");
    assert.equal(found[0]?.related?.[0]?.range.start.line, 4);
  });

  it("accepts conditions that only admit earlier stages (or the stage itself)", () => {
    const ok = [
      "{ property: lifecyclestage, op: in, value: [subscriber, lead] }",
      "{ property: contact.lifecyclestage, op: eq, value: marketingqualifiedlead }",
      "{ not: { property: lifecyclestage, op: notIn, value: [lead] } }",
      "{ all: [{ property: lifecyclestage, op: neq, value: customer }, { property: lifecyclestage, op: in, value: [lead, customer] }] }",
      "{ not: { any: [{ property: lifecyclestage, op: in, value: [customer, evangelist] }, { property: lifecyclestage, op: eq, value: disqualified }] } }",
      "{ any: [{ property: lifecyclestage, op: eq, value: lead }, { property: lifecyclestage, op: unknown }] }",
      "{ all: [{ property: lifecyclestage, op: eq, value: customer }, { property: lifecyclestage, op: eq, value: lead }] }",
    ];
    for (const when of ok)
      assert.deepEqual(lint(trigger("promote", when, ["setStage: mql"])).map(brief), [], when);
  });

  it("unites `any` branches and complements `neq` / `notIn` / `not`", () => {
    const cases: [string, string][] = [
      [
        "{ any: [{ property: lifecyclestage, op: eq, value: lead }, { property: lead_score, op: gte, value: 60 }] }",
        "`customer`, `evangelist` and `disqualified`",
      ],
      ["{ property: lifecyclestage, op: neq, value: customer }", "`evangelist` and `disqualified`"],
      ["{ property: lifecyclestage, op: notIn, value: [customer, evangelist] }", "`disqualified`"],
      [
        "{ not: { property: lifecyclestage, op: in, value: [subscriber, lead, customer, disqualified] } }",
        "`evangelist`",
      ],
      [
        "{ not: { all: [{ property: lifecyclestage, op: neq, value: customer }, { property: lead_score, op: gte, value: 1 }] } }",
        "`customer`, `evangelist` and `disqualified`",
      ],
    ];
    for (const [when, stages] of cases) {
      const found = lint(trigger("promote", when, ["setStage: mql"]));
      assert.equal(found.length, 1, when);
      assert.ok(found[0]?.message.includes(`already at ${stages}, which`), `${when}: ${found[0]?.message}`);
    }
  });

  it("compares crmValues, not stage ids", () => {
    // `mql` is a stage id, not an option: only `lead` is admitted (unknown-option reports the rest).
    const found = lint(
      trigger("promote", "{ property: lifecyclestage, op: in, value: [lead, mql] }", ["setStage: mql"]),
    );
    assert.deepEqual(found, []);
    const back = lint(
      trigger("demote", "{ property: lifecyclestage, op: eq, value: marketingqualifiedlead }", [
        "setStage: lead",
      ]),
    );
    assert.equal(back.length, 1);
    assert.ok(back[0]?.message.includes("already at `mql`"));
  });

  it("treats a setProperty of a stage's crmValue on the pipeline property as setting that stage", () => {
    const found = lint(
      trigger("promote", "{ property: lead_score, op: gte, value: 60 }", [
        "setProperty: { property: lifecyclestage, value: customer }",
      ]),
    );
    assert.deepEqual(found.map(brief), ["stage-backward definitions/t.yaml:6:53-6:61"]);
    assert.equal(
      found[0]?.message,
      "trigger `promote` sets `lifecyclestage` to `customer` (stage `customer`) but its condition admits records already at `evangelist` and `disqualified`, which come after `customer` in the forward-only pipeline `lifecycle`",
    );
    assert.deepEqual(
      lint(
        trigger("promote", "{ property: lifecyclestage, op: eq, value: lead }", [
          "setProperty: { property: lifecyclestage, value: customer }",
        ]),
      ),
      [],
    );
  });

  it("ranks terminal stages last and counts terminal-to-terminal moves", () => {
    const found = lint(
      trigger("disqualify", "{ property: lifecyclestage, op: in, value: [lead, evangelist] }", [
        "setStage: disqualified",
      ]),
    );
    assert.deepEqual(found.map(brief), ["stage-backward definitions/t.yaml:6:15-6:27"]);
    assert.equal(
      found[0]?.message,
      "trigger `disqualify` sets terminal stage `disqualified` but its condition admits records already at terminal stage `evangelist`; moving a record from one terminal stage to another goes backward in the forward-only pipeline `lifecycle`",
    );
    // Evangelist is listed before disqualified, but both are terminal: still backward.
    const other = lint(
      trigger("promote", "{ property: lifecyclestage, op: eq, value: disqualified }", [
        "setStage: evangelist",
      ]),
    );
    assert.equal(other.length, 1);
    // Customer is not terminal: setting a terminal stage on customers moves forward.
    assert.deepEqual(
      lint(
        trigger("disq", "{ property: lifecyclestage, op: in, value: [customer, disqualified] }", [
          "setStage: disqualified",
        ]),
      ),
      [],
    );
  });

  it("ranks a terminal stage listed early after the non-terminal stages", () => {
    const files = {
      "definitions/deal.yaml": [
        "kind: Object",
        "id: deal",
        "properties:",
        "  - { id: dealstage, type: enum, options: [open, lost, won] }",
        "---",
        "kind: Pipeline",
        "id: deals",
        "object: deal",
        "property: dealstage",
        "forwardOnly: true",
        "stages: [open, lost, won]",
        "---",
        "kind: Stage",
        "id: open",
        "definition: Open.",
        "---",
        "kind: Stage",
        "id: lost",
        "definition: Lost.",
        "terminal: true",
        "---",
        "kind: Stage",
        "id: won",
        "definition: Won.",
        "",
      ].join("\n"),
    };
    const found = lintTriggers(
      "stage-backward",
      trigger("win", "{ property: dealstage, op: neq, value: won }", ["setStage: won"], { object: "deal" }),
      { files },
    );
    assert.equal(found.length, 1);
    assert.ok(found[0]?.message.includes("already at `lost`, which comes after `won`"), found[0]?.message);
  });

  it("ignores pipelines that are not forward-only, and conditions that never hold", () => {
    const t = trigger("promote", "{ property: lead_score, op: gte, value: 60 }", ["setStage: mql"]);
    assert.deepEqual(lint(t, false), []);
    const never = trigger(
      "never",
      "{ all: [{ property: lead_score, op: gte, value: 60 }, { property: lead_score, op: lt, value: 10 }] }",
      ["setStage: mql"],
    );
    assert.deepEqual(lint(never), []);
  });

  it("checks every setStage action, and event tests constrain nothing", () => {
    const t = trigger(
      "two",
      "{ all: [{ event: demo, op: occurred }, { property: lifecyclestage, op: eq, value: lead }] }",
      ["setStage: mql", "setStage: subscriber"],
    );
    const files = { "definitions/event.yaml": "kind: Event\nid: demo\nobject: contact\n" };
    const found = lintTriggers("stage-backward", t, { files });
    assert.deepEqual(found.map(brief), ["stage-backward definitions/t.yaml:7:15-7:25"]);
    assert.ok(
      found[0]?.message.includes(
        "sets stage `subscriber` but its condition admits records already at `lead`",
      ),
    );
  });
});
