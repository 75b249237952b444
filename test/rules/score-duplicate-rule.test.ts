/**
 * `score-duplicate-rule`: conditions compared by meaning (key order,
 * qualifier, `in` order, `all`/`any` order), across groups, reported on the
 * later rule with the first as related.
 */
import { strict as assert } from "node:assert";
import { brief, memoryWorkspace } from "../helpers/workspace.js";

const CONTACT = `kind: Object
id: contact
properties:
  - { id: lead_score, type: number }
  - { id: seniority, type: enum, options: [vp, director, manager] }
  - { id: country, type: string }
`;

/** A model whose rules (one `when` each, in group `fit`) start at line 8. */
function lint(...whens: string[]) {
  const rules = whens.map((w) => `      - when: ${w}\n        points: 10\n`).join("");
  const ws = memoryWorkspace(
    {
      "definitions/contact.yaml": CONTACT,
      "definitions/m.yaml": `kind: ScoringModel\nid: m\nobject: contact\nproperty: lead_score\ngroups:\n  - id: fit\n    rules:\n${rules}`,
    },
    "version: 1\nrules: { unused-definition: off }\n",
  );
  return ws.lint().filter((d) => d.rule === "score-duplicate-rule");
}

describe("score-duplicate-rule", () => {
  it("normalises key order, the object qualifier and in-lists", () => {
    const found = lint(
      "{ property: seniority, op: in, value: [vp, director] }",
      "{ value: [director, vp], op: in, property: contact.seniority }",
    );
    assert.deepEqual(found.map(brief), ["score-duplicate-rule definitions/m.yaml:10:15-10:77"]);
    assert.equal(found[0]?.related?.[0]?.range.start.line, 7);
    assert.match(found[0]?.message ?? "", /rule 2 in group `fit`.*same condition as rule 1 in group `fit`/);
  });

  it("normalises the order inside all and any", () => {
    const a =
      "{ all: [{ property: country, op: eq, value: US }, { property: seniority, op: eq, value: vp }] }";
    const b =
      "{ all: [{ property: seniority, op: eq, value: vp }, { property: country, op: eq, value: US }] }";
    assert.equal(lint(a, b).length, 1);
  });

  it("keeps different operators, values and list order outside in apart", () => {
    assert.deepEqual(
      lint(
        "{ property: seniority, op: eq, value: vp }",
        "{ property: seniority, op: neq, value: vp }",
        "{ property: seniority, op: eq, value: director }",
        "{ not: { property: seniority, op: eq, value: vp } }",
        "{ any: [{ property: seniority, op: eq, value: vp }, { property: country, op: known }] }",
        "{ all: [{ property: seniority, op: eq, value: vp }, { property: country, op: known }] }",
      ),
      [],
    );
  });

  it("reports every later copy against the first", () => {
    const w = "{ property: country, op: known }";
    const found = lint(w, w, w);
    assert.deepEqual(
      found.map((d) => [d.range.start.line, d.related?.[0]?.range.start.line]),
      [
        [9, 7],
        [11, 7],
      ],
    );
  });
});
