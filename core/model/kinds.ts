/**
 * The shapes of the definition kinds of FORMAT.md §2–3, as they are once a
 * document has passed its JSON Schema. Rules read definitions through these
 * types; documents with schema errors never reach them.
 */

export type Kind =
  | "Object"
  | "Property"
  | "Team"
  | "Event"
  | "Pipeline"
  | "Stage"
  | "Trigger"
  | "ScoringModel"
  | "CommandPlan"
  | "Metric";

/** Kinds a YAML document can declare (`Property` lives inside an Object). */
export const DOCUMENT_KINDS = [
  "Object",
  "Team",
  "Event",
  "Pipeline",
  "Stage",
  "Trigger",
  "ScoringModel",
  "CommandPlan",
  "Metric",
] as const satisfies readonly Kind[];

/** The `KIND:ID` link prefixes of FORMAT.md §4 and the kinds they name. */
export const LINK_KINDS: Record<string, Kind> = {
  object: "Object",
  property: "Property",
  stage: "Stage",
  pipeline: "Pipeline",
  trigger: "Trigger",
  scoring: "ScoringModel",
  plan: "CommandPlan",
  team: "Team",
  event: "Event",
  metric: "Metric",
};

export type PropertyType =
  | "string"
  | "text"
  | "number"
  | "currency"
  | "percent"
  | "boolean"
  | "date"
  | "datetime"
  | "enum"
  | "multienum"
  | "reference";

export type Scalar = string | number | boolean | null;

export interface OptionObject {
  value: string | number | boolean;
  label?: string;
  hidden?: boolean;
}

interface Common {
  kind: string;
  id: string;
  name?: string;
  description?: string;
  owner?: string;
  tags?: string[];
}

export interface PropertyDef {
  id: string;
  name?: string;
  description?: string;
  crmName?: string;
  type: PropertyType;
  options?: (string | number | boolean | OptionObject)[];
  target?: string;
  required?: boolean;
  status?: "active" | "deprecated" | "retired";
  replacedBy?: string;
}

export interface ObjectDef extends Common {
  crmName?: string;
  properties: PropertyDef[];
}

export interface TeamDef extends Common {
  members?: string[];
  channel?: string;
}

export interface EventDef extends Common {
  object: string;
  source?: string;
}

export interface PipelineDef extends Common {
  object: string;
  property: string;
  forwardOnly?: boolean;
  stages: string[];
}

export interface PropertyTest {
  property: string;
  op: string;
  value?: unknown;
}

export interface EventTest {
  event: string;
  op: "occurred" | "notOccurred" | "countAtLeast";
  within?: string;
  value?: number;
}

export type Condition =
  { all: Condition[] } | { any: Condition[] } | { not: Condition } | PropertyTest | EventTest;

export interface StageDef extends Common {
  crmValue?: string | number | boolean;
  bowtie?: string;
  definition: string;
  entry?: Condition;
  exitCriteria?: string[];
  actions?: string[];
  sla?: string;
  enteredAt?: string;
  manual?: boolean;
  terminal?: boolean;
  probability?: number;
  forecast?: string;
  closed?: boolean;
  won?: boolean;
}

export type Action =
  | { setStage: string }
  | { setProperty: { property: string; value: unknown } }
  | { clearProperty: { property: string } }
  | { assign: { team: string; method?: string } }
  | { notify: { team?: string; channel?: string } }
  | { createTask: { team?: string; title: string; due?: string } };

export interface TriggerDef extends Common {
  object: string;
  crm?: "hubspot" | "salesforce";
  when: Condition;
  actions: Action[];
  reenroll?: boolean;
}

export interface ScoringRule {
  id?: string;
  name?: string;
  when: Condition;
  points: number;
  decay?: string;
  limit?: { count: number; per: string };
}

export interface ScoringGroup {
  id: string;
  name?: string;
  category?: "fit" | "engagement";
  limit?: number;
  rules: ScoringRule[];
}

export interface ScoringModelDef extends Common {
  object: string;
  property: string;
  max?: number;
  groups: ScoringGroup[];
  thresholds?: { stage: string; min: number }[];
}

export interface PlanSection {
  id: string;
  title: string;
  name?: string;
  prompt?: string;
  property?: string;
  requiredAt?: string;
  appliesWhen?: Condition;
}

export interface CommandPlanDef extends Common {
  object: string;
  from: string;
  to: string;
  at?: string;
  sla?: string;
  sections: PlanSection[];
}

export interface MetricDef extends Common {
  type: "volume" | "conversion" | "velocity" | "value";
  stage?: string;
  from?: string;
  to?: string;
  unit?: string;
  goal?: { period?: string; value: number };
}

export function isGroupAll(c: Condition): c is { all: Condition[] } {
  return typeof c === "object" && c !== null && "all" in c;
}
export function isGroupAny(c: Condition): c is { any: Condition[] } {
  return typeof c === "object" && c !== null && "any" in c;
}
export function isNot(c: Condition): c is { not: Condition } {
  return typeof c === "object" && c !== null && "not" in c;
}
export function isPropertyTest(c: Condition): c is PropertyTest {
  return typeof c === "object" && c !== null && "property" in c;
}
export function isEventTest(c: Condition): c is EventTest {
  return typeof c === "object" && c !== null && "event" in c;
}

/** The option value of an enum option as the CRM stores it, compared as a string. */
export function optionValue(option: string | number | boolean | OptionObject | null): string {
  if (option === null || option === undefined) return "";
  return typeof option === "object" ? String(option.value) : String(option);
}

/** Title-cases an id for display when a definition has no `name`. */
export function titleCase(id: string): string {
  return id
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}
