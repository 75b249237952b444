/**
 * A small contact lifecycle workspace for the trigger rules' tests
 * (`stage-backward`, `trigger-conflict`, `trigger-loop`, `trigger-no-effect`):
 * the triggers under test go in `definitions/t.yaml`, so their positions are
 * those of the text passed in.
 */
import type { Diagnostic } from "../../core/diagnostic.js";
import { memoryWorkspace } from "./workspace.js";

export const CONTACT = `kind: Object
id: contact
properties:
  - id: lifecyclestage
    type: enum
    options: [subscriber, lead, marketingqualifiedlead, customer, evangelist, disqualified]
  - { id: lead_score, type: number }
  - { id: amount, type: number }
  - { id: status, type: enum, options: [new, open, working, nurture, closed] }
  - { id: optin, type: boolean }
  - { id: last_touch, type: datetime }
  - { id: owner, type: string }
  - { id: company, type: reference, target: company }
---
kind: Object
id: company
properties:
  - { id: tier, type: enum, options: [t1, t2] }
  - { id: status, type: enum, options: [new, open] }
---
kind: Team
id: sdr
`;

/** The lifecycle: evangelist and disqualified are terminal. */
export function lifecycle(forwardOnly = true): string {
  const stage = (id: string, extra = "") =>
    `---\nkind: Stage\nid: ${id}\ndefinition: The ${id} stage.\n${extra}`;
  return [
    "kind: Pipeline",
    "id: lifecycle",
    "object: contact",
    "property: lifecyclestage",
    `forwardOnly: ${forwardOnly}`,
    "stages: [subscriber, lead, mql, customer, evangelist, disqualified]",
    stage("subscriber"),
    stage("lead"),
    stage("mql", "crmValue: marketingqualifiedlead\n"),
    stage("customer"),
    stage("evangelist", "terminal: true\n"),
    stage("disqualified", "terminal: true\n"),
  ].join("\n");
}

const CONFIG =
  "version: 1\nrules: { unused-definition: off, stage-owner: off, stage-exit-criteria: off, stage-unreachable: off }\n";

/** Lints the triggers (YAML documents) and returns the diagnostics of `rule`. */
export function lintTriggers(
  rule: string,
  triggers: string,
  options: { forwardOnly?: boolean; files?: Record<string, string> } = {},
): Diagnostic[] {
  const ws = memoryWorkspace(
    {
      "definitions/contact.yaml": CONTACT,
      "definitions/lifecycle.yaml": lifecycle(options.forwardOnly ?? true),
      "definitions/t.yaml": triggers,
      ...options.files,
    },
    CONFIG,
  );
  return ws.lint().filter((d) => d.rule === rule);
}

/** One trigger document. */
export function trigger(
  id: string,
  when: string,
  actions: string[],
  extra: { object?: string; reenroll?: boolean } = {},
): string {
  return [
    "kind: Trigger",
    `id: ${id}`,
    `object: ${extra.object ?? "contact"}`,
    `when: ${when}`,
    "actions:",
    ...actions.map((a) => `  - ${a}`),
    ...(extra.reenroll === undefined ? [] : [`reenroll: ${extra.reenroll}`]),
    "",
  ].join("\n");
}
