/**
 * `unused-definition`: walked reference properties, pipeline properties,
 * doc links and owners count as uses; retired properties are never reported.
 */
import { strict as assert } from "node:assert";
import { brief, memoryWorkspace } from "../helpers/workspace.js";

const OBJECTS = `kind: Object
id: contact
properties:
  - { id: lifecyclestage, type: enum, options: [lead] }
  - { id: company, type: reference, target: company }
  - { id: hubspotscore, type: number, status: retired }
  - { id: phone, type: string }
  - { id: email, type: string }
---
kind: Object
id: company
properties:
  - { id: size, type: number }
---
kind: Team
id: revops
---
kind: Team
id: sdr
---
kind: Pipeline
id: lifecycle
object: contact
property: lifecyclestage
owner: revops
stages: [lead]
---
kind: Stage
id: lead
definition: Raised a hand.
`;

function lint(files: Record<string, string>): string[] {
  const ws = memoryWorkspace(
    { "definitions/objects.yaml": OBJECTS, ...files },
    "version: 1\nrules: { stage-owner: off, stage-exit-criteria: off, doc-owner: off }\n",
  );
  return ws
    .lint()
    .filter((d) => d.rule === "unused-definition")
    .map(brief);
}

describe("unused-definition", () => {
  it("reports unreferenced properties and teams, skipping retired properties", () => {
    assert.deepEqual(lint({}), [
      "unused-definition definitions/objects.yaml:5:11-5:18",
      "unused-definition definitions/objects.yaml:7:11-7:16",
      "unused-definition definitions/objects.yaml:8:11-8:16",
      "unused-definition definitions/objects.yaml:13:11-13:15",
      "unused-definition definitions/objects.yaml:19:5-19:8",
    ]);
  });

  it("counts walked reference properties, doc links and doc owners as uses", () => {
    const found = lint({
      "definitions/t.yaml":
        'kind: Trigger\nid: t\nobject: contact\nwhen: { property: company.size, op: gte, value: 10 }\nactions:\n  - notify: { channel: "#x" }\n',
      "handbook/contact.md":
        "---\ntitle: Contacts\nowner: sdr\n---\n\nCall the [phone](property:contact.phone), then [email](property:contact.email).\n",
    });
    assert.deepEqual(found, []);
  });
});
