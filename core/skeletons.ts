/**
 * Skeletons of every definition kind: the smallest schema-valid document of
 * each, with a comment per field to fill in. One source for the editor's
 * "New definition…" command (`skeleton(kind, id)`) and its snippets
 * (`snippetBody(kind)`, written to extension/snippets/ by the extension bundle).
 * References name the starter workspace's ids (`contact`, `marketing`, `lead`…);
 * `__ID__` marks where the new id goes.
 */
import type { DOCUMENT_KINDS } from "./model/kinds.js";

export interface Skeleton {
  /** The kind, e.g. `ScoringModel`. */
  kind: (typeof DOCUMENT_KINDS)[number];
  /** One line for pickers and snippet descriptions. */
  description: string;
  /** Suggested file name below `definitions/` (`__ID__` replaced by the id). */
  file: string;
  /** The YAML, `__ID__` standing for the id. */
  text: string;
}

const ID = "__ID__";

export const SKELETONS: readonly Skeleton[] = [
  {
    kind: "Object",
    description: "A CRM object and its properties",
    file: "objects/__ID__.yaml",
    text: `kind: Object
id: __ID__
name: Company
crmName: companies # the object's name in the CRM
owner: marketing # Team id
properties:
  - id: domain
    name: Company domain
    type: string
`,
  },
  {
    kind: "Team",
    description: "A team that owns definitions and receives handoffs",
    file: "teams/__ID__.yaml",
    text: `kind: Team
id: __ID__
name: Customer Success
channel: "#customer-success"
`,
  },
  {
    kind: "Event",
    description: "Something that happens to a record (a form fill, a meeting booked)",
    file: "events/__ID__.yaml",
    text: `kind: Event
id: __ID__
name: Demo requested
object: contact # Object id the event happens to
source: form
`,
  },
  {
    kind: "Pipeline",
    description: "An ordered set of stages stored in one CRM property",
    file: "pipelines/__ID__.yaml",
    text: `kind: Pipeline
id: __ID__
name: Sales pipeline
object: deal # Object id
property: dealstage # the enum property holding the stage
forwardOnly: true
owner: marketing
stages: [discovery, closedwon] # Stage ids, in order (each stage belongs to one pipeline)
`,
  },
  {
    kind: "Stage",
    description: "One step of the customer journey, with its plain-language definition",
    file: "stages/__ID__.yaml",
    text: `kind: Stage
id: __ID__
definition: What is true of a record in this stage, in one sentence.
owner: marketing # Team id
exitCriteria: [What must happen to move on]
manual: true
`,
  },
  {
    kind: "Trigger",
    description: "A workflow: when a condition holds, run actions",
    file: "triggers/__ID__.yaml",
    text: `kind: Trigger
id: __ID__
name: Notify SDR on a high score
object: contact # Object id
owner: marketing
when:
  all:
    - { property: lead_score, op: gte, value: 60 }
actions:
  - notify: { team: sdr, channel: "#sdr" }
`,
  },
  {
    kind: "ScoringModel",
    description: "Points for fit and engagement, with stage thresholds",
    file: "scoring/__ID__.yaml",
    text: `kind: ScoringModel
id: __ID__
object: contact # Object id
property: lead_score # the number property holding the score
owner: marketing
max: 100
groups:
  - id: fit
    name: Fit
    category: fit
    rules:
      - when: { property: jobtitle, op: contains, value: Director }
        points: 60
`,
  },
  {
    kind: "CommandPlan",
    description: "The handoff record one team fills before another takes over",
    file: "handoff/__ID__.yaml",
    text: `kind: CommandPlan
id: __ID__
name: Marketing to SDR handoff
object: contact # Object id
from: marketing # Team handing over
to: sdr # Team taking over
sla: P1D
sections:
  - id: context
    title: Context
    prompt: What should the next team know before the first call?
`,
  },
  {
    kind: "Metric",
    description: "A funnel number: volume, value, conversion or velocity",
    file: "metrics/__ID__.yaml",
    text: `kind: Metric
id: __ID__
name: Leads per month
type: volume # volume | value | conversion | velocity
stage: lead # Stage id (volume/value); conversion/velocity take from + to
`,
  },
];

/** The skeleton of a kind, or undefined for an unknown kind. */
export function skeletonOf(kind: string): Skeleton | undefined {
  return SKELETONS.find((s) => s.kind === kind);
}

/** The YAML of a new definition of `kind` with `id`. */
export function skeleton(kind: string, id: string): string | undefined {
  return skeletonOf(kind)?.text.replaceAll(ID, id);
}

/** The suggested path of a new definition, relative to the definitions folder. */
export function skeletonFile(kind: string, id: string): string | undefined {
  return skeletonOf(kind)?.file.replaceAll(ID, id);
}

/** A VS Code / TextMate snippet body: the skeleton with the id as the first tab stop. */
export function snippetBody(kind: string): string[] | undefined {
  const text = skeletonOf(kind)?.text;
  if (text === undefined) return undefined;
  let first = true;
  const escaped = text.replace(/[$}\\]/g, (c) => `\\${c}`);
  return escaped
    .replace(/__ID__/g, () => {
      if (!first) return "$1";
      first = false;
      return "${1:new-id}";
    })
    .replace(/\n$/, "\n$0")
    .split("\n");
}
