/**
 * `trigger-conflict`: when two triggers' conditions can both hold (numbers,
 * integer scores, enums, paths), what counts as the same property and a
 * different value (stages vs crmValues, clears), forward-only stages, and
 * where it points; plus a scale check.
 */
import { strict as assert } from "node:assert";
import conflictRule from "../../core/rules/trigger-conflict.js";
import { lintTriggers, trigger } from "../helpers/trigger-workspace.js";
import { brief, memoryWorkspace } from "../helpers/workspace.js";

const lint = (triggers: string[], options: { forwardOnly?: boolean; files?: Record<string, string> } = {}) =>
  lintTriggers("trigger-conflict", triggers.join("---\n"), options);

const SET_OPEN = "setProperty: { property: status, value: open }";
const SET_NEW = "setProperty: { property: status, value: new }";

describe("trigger-conflict", () => {
  it("reports the later trigger at its action value, with the earlier action related", () => {
    const found = lint([
      trigger("warm", "{ property: lead_score, op: gte, value: 50 }", [SET_OPEN]),
      trigger("hot", "{ property: lead_score, op: gte, value: 90 }", [SET_NEW]),
    ]);
    assert.deepEqual(found.map(brief), ["trigger-conflict definitions/t.yaml:13:45-13:48"]);
    assert.equal(
      found[0]?.message,
      "trigger `hot` sets `status` to `new`, but trigger `warm` sets `status` to `open` and both can enrol the same `contact` record, so `status` ends up with whichever runs last",
    );
    assert.equal(found[0]?.severity, "warn");
    const related = found[0]?.related?.[0];
    assert.equal(related?.file, "definitions/t.yaml");
    assert.deepEqual(related?.range, { start: { line: 5, column: 44 }, end: { line: 5, column: 48 } });
  });

  it("does not report conditions that cannot both hold", () => {
    const disjoint: [string, string][] = [
      ["{ property: lead_score, op: gte, value: 50 }", "{ property: lead_score, op: lt, value: 50 }"],
      [
        "{ property: lead_score, op: gte, value: 50 }",
        "{ not: { property: contact.lead_score, op: gte, value: 50 } }",
      ],
      [
        "{ property: status, op: in, value: [new, open] }",
        "{ property: status, op: notIn, value: [new, open] }",
      ],
      ["{ property: optin, op: eq, value: true }", "{ property: optin, op: neq, value: true }"],
      ["{ property: owner, op: known }", "{ property: owner, op: unknown }"],
      [
        "{ property: last_touch, op: before, value: 2025-01-01 }",
        "{ property: last_touch, op: after, value: 2025-06-01 }",
      ],
      [
        "{ all: [{ property: amount, op: between, value: [0, 10] }, { property: status, op: eq, value: open }] }",
        "{ any: [{ property: amount, op: gt, value: 10 }, { property: status, op: neq, value: open }] }",
      ],
    ];
    for (const [a, b] of disjoint) {
      assert.deepEqual(lint([trigger("a", a, [SET_OPEN]), trigger("b", b, [SET_NEW])]), [], `${a} / ${b}`);
    }
  });

  it("treats `gt 59` and `lt 60` as disjoint only on an integer score", () => {
    const pair = [
      trigger("a", "{ property: lead_score, op: gt, value: 59 }", [SET_OPEN]),
      trigger("b", "{ property: lead_score, op: lt, value: 60 }", [SET_NEW]),
    ];
    assert.equal(lint(pair).length, 1, "59.5 is a real score");
    const scoring = [
      "kind: ScoringModel",
      "id: lead-score",
      "object: contact",
      "property: lead_score",
      "groups:",
      "  - id: fit",
      "    rules:",
      "      - { when: { property: optin, op: eq, value: true }, points: 10 }",
      "",
    ].join("\n");
    assert.deepEqual(lint(pair, { files: { "definitions/scoring.yaml": scoring } }), []);
  });

  it("does not report the same value, or properties of different objects", () => {
    assert.deepEqual(
      lint([
        trigger("a", "{ property: lead_score, op: gte, value: 50 }", [SET_OPEN]),
        trigger("b", "{ property: lead_score, op: gte, value: 90 }", [SET_OPEN]),
        trigger("c", "{ property: tier, op: eq, value: t1 }", [SET_NEW], { object: "company" }),
      ]),
      [],
    );
  });

  it("treats a setStage as writing the stage's crmValue", () => {
    const same = lint([
      trigger("a", "{ property: lead_score, op: gte, value: 50 }", ["setStage: mql"]),
      trigger("b", "{ property: lead_score, op: gte, value: 90 }", [
        "setProperty: { property: lifecyclestage, value: marketingqualifiedlead }",
      ]),
    ]);
    assert.deepEqual(same, []);
    const different = lint([
      trigger("a", "{ property: lead_score, op: gte, value: 50 }", ["setStage: mql"]),
      trigger("b", "{ property: lead_score, op: gte, value: 90 }", [
        "setProperty: { property: lifecyclestage, value: lead }",
      ]),
    ]);
    assert.equal(different.length, 1);
    assert.equal(
      different[0]?.message,
      "trigger `b` sets `lifecyclestage` to `lead`, but trigger `a` sets stage `mql` and both can enrol the same `contact` record, so `lifecyclestage` ends up with whichever runs last",
    );
  });

  it("lets two setStages in a forward-only pipeline through, but not in another pipeline", () => {
    const pair = [
      trigger("mql-at-60", "{ property: lead_score, op: gte, value: 60 }", ["setStage: mql"]),
      trigger("customer-at-50", "{ property: lead_score, op: gte, value: 50 }", ["setStage: customer"]),
    ];
    assert.deepEqual(lint(pair, { forwardOnly: true }), []);
    const found = lint(pair, { forwardOnly: false });
    assert.deepEqual(found.map(brief), ["trigger-conflict definitions/t.yaml:13:15-13:23"]);
    assert.ok(
      found[0]?.message.startsWith(
        "trigger `customer-at-50` sets stage `customer`, but trigger `mql-at-60` sets stage `mql`",
      ),
    );
  });

  it("treats clearProperty as writing empty", () => {
    const found = lint([
      trigger("a", "{ property: status, op: eq, value: new }", ["clearProperty: { property: owner }"]),
      trigger("b", "{ property: status, op: in, value: [new, open] }", [
        'setProperty: { property: owner, value: "sdr-queue" }',
      ]),
    ]);
    assert.equal(found.length, 1);
    assert.equal(
      found[0]?.message,
      "trigger `b` sets `owner` to `sdr-queue`, but trigger `a` clears `owner` and both can enrol the same `contact` record, so `owner` ends up with whichever runs last",
    );
  });

  it("reports each later trigger once, naming the first earlier one, with every earlier one related", () => {
    const found = lint([
      trigger("a", "{ property: lead_score, op: gte, value: 10 }", [SET_OPEN]),
      trigger("b", "{ property: lead_score, op: gte, value: 20 }", [SET_NEW]),
      trigger("c", "{ property: lead_score, op: gte, value: 30 }", [
        "setProperty: { property: status, value: closed }",
      ]),
    ]);
    assert.deepEqual(
      found.map((d) => [d.range.start.line, d.related?.map((r) => r.range.start.line)]),
      [
        [12, [5]],
        [19, [5, 12]],
      ],
    );
    assert.equal(
      found[1]?.message,
      "trigger `c` sets `status` to `closed`, but trigger `a` sets `status` to `open` and both can enrol the same `contact` record, so `status` ends up with whichever runs last (1 more earlier trigger conflicts with it too)",
    );
  });

  it("scales to thousands of triggers writing one property", function () {
    this.timeout(60_000);
    const statuses = ["new", "open", "working", "nurture", "closed"];
    const docs: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const lo = (i % 301) * 10;
      const when = `{ all: [{ property: amount, op: between, value: [${lo}, ${lo + 5}] }, { property: status, op: neq, value: ${statuses[i % 5]} }] }`;
      docs.push(
        trigger(`t${i}`, when, [`setProperty: { property: status, value: ${statuses[(i + 1) % 5]} }`]),
      );
    }
    const contact =
      "kind: Object\nid: contact\nproperties:\n  - { id: amount, type: number }\n  - { id: status, type: enum, options: [new, open, working, nurture, closed] }\n";
    const ws = memoryWorkspace({
      "definitions/contact.yaml": contact,
      "definitions/t.yaml": docs.join("---\n"),
    });
    const model = ws.model;
    let found = 0;
    // Speed is measured by `npm run bench:lint`, not here: this checks the grouping finds every conflict.
    conflictRule.check({ model, options: {}, now: ws.now, report: () => found++ });
    // Triggers i and j overlap when i ≡ j (mod 301) and set different statuses; each later one is reported once.
    assert.equal(found, 2000 - 301);
  });
});
