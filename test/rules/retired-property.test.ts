/**
 * `retired-property`: error for retired, warning for deprecated (a configured
 * severity applies to both), and a fix to `replacedBy` that keeps the
 * reference's own path style, in YAML and in doc links.
 */
import { strict as assert } from "node:assert";
import type { Diagnostic } from "../../core/diagnostic.js";
import { brief, memoryWorkspace } from "../helpers/workspace.js";

const OBJECTS = `kind: Object
id: contact
properties:
  - { id: lead_score, type: number }
  - { id: hubspotscore, type: number, status: retired, replacedBy: lead_score }
  - { id: old_score, type: number, status: retired, replacedBy: contact.hubspotscore }
  - { id: legacy_flag, type: boolean, status: retired }
  - { id: source, type: string, status: deprecated, replacedBy: channel }
  - { id: channel, type: string }
  - { id: company, type: reference, target: company }
---
kind: Object
id: company
properties:
  - { id: employees, type: number }
  - { id: old_size, type: number, status: retired, replacedBy: employees }
`;

const TRIGGER = `kind: Trigger
id: t
object: contact
when:
  all:
    - { property: hubspotscore, op: gte, value: 60 }
    - { property: contact.hubspotscore, op: lte, value: 90 }
    - { property: company.old_size, op: gte, value: 200 }
    - { property: old_score, op: known }
    - { property: legacy_flag, op: eq, value: true }
    - { property: source, op: known }
actions:
  - notify: { channel: "#x" }
`;

function lint(
  files: Record<string, string>,
  config = "version: 1\nrules: { unused-definition: off }\n",
): Diagnostic[] {
  const ws = memoryWorkspace({ "definitions/objects.yaml": OBJECTS, ...files }, config);
  return ws.lint().filter((d) => d.rule === "retired-property");
}

describe("retired-property", () => {
  it("fixes to replacedBy in the reference's own path style, following retired replacements", () => {
    const found = lint({ "definitions/t.yaml": TRIGGER }).filter((d) => d.file === "definitions/t.yaml");
    assert.deepEqual(
      found.map((d) => [brief(d), d.severity, d.fix?.text]),
      [
        ["retired-property definitions/t.yaml:6:19-6:31", "error", "lead_score"],
        ["retired-property definitions/t.yaml:7:19-7:39", "error", "contact.lead_score"],
        ["retired-property definitions/t.yaml:8:19-8:35", "error", "company.employees"],
        ["retired-property definitions/t.yaml:9:19-9:28", "error", "lead_score"],
        ["retired-property definitions/t.yaml:10:19-10:30", "error", undefined],
        ["retired-property definitions/t.yaml:11:19-11:25", "warn", "channel"],
      ],
    );
    assert.equal(
      found[0]?.message,
      "this condition tests `hubspotscore`, which is retired: the CRM no longer updates it",
    );
    assert.equal(found[0]?.suggestion, "use `lead_score` instead");
  });

  it("reports a replacedBy that points at a retired property", () => {
    const found = lint({});
    assert.deepEqual(found.map(brief), ["retired-property definitions/objects.yaml:6:65-6:85"]);
    assert.equal(found[0]?.fix?.text, "contact.lead_score");
  });

  it("applies a severity set in revbook.yaml to retired and deprecated alike", () => {
    const found = lint(
      { "definitions/t.yaml": TRIGGER },
      "version: 1\nrules: { unused-definition: off, retired-property: warn }\n",
    );
    assert.ok(found.length > 0 && found.every((d) => d.severity === "warn"));
  });

  it("reports doc links to retired properties, with the replacement's link as fix", () => {
    const found = lint({
      "handbook/scoring.md": "---\ntitle: Scoring\n---\n\nSee the [score](property:contact.hubspotscore).\n",
    });
    const doc = found.filter((d) => d.file === "handbook/scoring.md");
    assert.deepEqual(doc.map(brief), ["retired-property handbook/scoring.md:5:17-5:46"]);
    assert.equal(doc[0]?.fix?.text, "property:contact.lead_score");
  });
});
