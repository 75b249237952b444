/**
 * Deterministic synthetic revbook workspace for the lint benchmark.
 *
 * Writes `bench/.work/synthetic/` (ignored by git): `revbook.yaml`, 200 Objects
 * × 40 properties, 50 pipelines with their stages (40 forward-only lifecycles,
 * 10 deal pipelines), teams, events, 5,000 Triggers (one per file), scoring
 * models, metrics, command plans and 2,000 Markdown docs that link to all of
 * it. Everything is meant to be valid per FORMAT.md, so the linter does real
 * work instead of reporting errors; a few dozen warnings (stale docs) are
 * generated on purpose.
 *
 * Determinism: a seeded PRNG (mulberry32), fixed dates (`BENCH_NOW`), no
 * `Math.random`, no clock. The workspace is regenerated only when it is missing
 * or when `GENERATOR_VERSION` / `SEED` changed (a stamp file records them).
 *
 * Validity rules of thumb the generator follows (see FORMAT.md / RULES.md):
 * - every Trigger's `when` is an `all` whose first test is a `territory_code`
 *   range unique to that trigger within its object, so no two triggers can
 *   enrol the same record (no `trigger-conflict`);
 * - triggers only *test* "input" properties and only *set* "output"
 *   properties, so no `trigger-no-effect` and no `trigger-loop`;
 * - a trigger that sets stage S admits only stages before S (`stage-backward`)
 *   and tests the score property only with the model's threshold for S;
 * - every non-first stage is set by some trigger or is `manual`.
 *
 * Run alone: `node dist/bench/synthetic-workspace.js [--force]`.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import GithubSlugger from "github-slugger";
import type { PropertyType } from "../core/model/kinds.js";

/** Bump whenever the generated content changes: the workspace is then regenerated. */
export const GENERATOR_VERSION = 1;
export const SEED = 0x5eed_2026;
/** The date `doc-stale` measures from (`--now`); `reviewed` dates are relative to it. */
export const BENCH_NOW = "2026-11-01";

/** Repository root (this file runs from `dist/bench/`). */
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const WORK_DIR = path.join(REPO_ROOT, "bench", ".work");
export const SYNTHETIC_DIR = path.join(WORK_DIR, "synthetic");
const STAMP_FILE = ".bench-generator.json";

export const COUNTS = {
  objects: 200,
  propertiesPerObject: 40,
  pipelines: 50,
  dealPipelineEvery: 5,
  teams: 24,
  triggers: 5000,
  scoringModels: 10,
  commandPlans: 5,
  docs: 2000,
} as const;

/** The trigger file the incremental benchmark edits, and the line pattern it changes. */
export const EDIT_TARGET = {
  file: "definitions/triggers/account/account-route-0.yaml",
  pattern: /(\{ property: employees, op: gte, value: )(\d+)( \})/,
};

export interface GeneratedWorkspace {
  dir: string;
  regenerated: boolean;
  files: { yaml: number; markdown: number };
  bytes: { yaml: number; markdown: number };
}

// ---------------------------------------------------------------------------
// PRNG

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32: uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** `k` distinct items, in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items];
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, n);
  }
}

// ---------------------------------------------------------------------------
// Model of what gets written

type PropType = PropertyType;

/** input: tested by conditions; output: set by actions; the rest are neither (or special). */
type PropRole = "input" | "output" | "discriminator" | "stage" | "score" | "entered" | "legacy";

interface PropDef {
  id: string;
  name: string;
  type: PropType;
  role: PropRole;
  options?: string[];
  /** Write options as `{value, label}` mappings. */
  labelled?: boolean;
  target?: string;
  status?: "deprecated" | "retired";
  replacedBy?: string;
  required?: boolean;
  crmName?: string;
  description?: string;
}

interface StageDef {
  id: string;
  name: string;
  crmValue: string;
  enteredAt: string;
  bowtie: string;
  owner: string;
  terminal: boolean;
  manual: boolean;
  probability?: number;
  forecast?: string;
  closed?: boolean;
  won?: boolean;
  entry?: Cond;
  /** Score threshold of the object's scoring model for this stage. */
  threshold?: number;
}

interface PipelineDef {
  id: string;
  name: string;
  object: string;
  kind: "lifecycle" | "deal";
  stages: StageDef[];
  owner: string;
}

interface EventDef {
  id: string;
  name: string;
  object: string;
  source: string;
}

interface ObjDef {
  index: number;
  id: string;
  name: string;
  owner: string;
  props: PropDef[];
  pipeline?: PipelineDef;
  events: EventDef[];
  model?: ModelDef;
  triggers: TriggerDef[];
}

interface ModelDef {
  id: string;
  name: string;
  object: string;
}

interface TriggerDef {
  id: string;
  name: string;
  object: string;
  file: string;
}

interface TeamDef {
  id: string;
  name: string;
  channel: string;
}

interface MetricDef {
  id: string;
  name: string;
}

interface PlanDef {
  id: string;
  name: string;
}

type Scalar = string | number | boolean;
type Value = Scalar | Scalar[];
type Cond =
  | { all: Cond[] }
  | { any: Cond[] }
  | { not: Cond }
  | { property: string; op: string; value?: Value }
  | { event: string; op: string; within?: string; value?: number };

// ---------------------------------------------------------------------------
// Vocabulary

const OBJECT_BASES = [
  "contact",
  "company",
  "deal",
  "ticket",
  "lead",
  "account",
  "opportunity",
  "quote",
  "invoice",
  "subscription",
  "product",
  "line_item",
  "campaign",
  "meeting",
  "call",
  "task",
  "partner",
  "order",
  "contract",
  "renewal",
  "case",
  "asset",
  "entitlement",
  "territory",
  "forecast",
  "goal",
  "payment",
  "refund",
  "workspace",
  "license",
  "project",
  "survey",
  "referral",
  "event_registration",
  "webinar",
  "trial",
  "usage_record",
  "onboarding",
  "escalation",
  "feedback",
];
const OBJECT_SUFFIXES = ["", "partner", "emea", "apac", "smb"];

const TEAMS: Array<[string, string]> = [
  ["revops", "Revenue Operations"],
  ["sdr", "Sales Development"],
  ["bdr", "Business Development"],
  ["sales", "Sales"],
  ["sales-enterprise", "Enterprise Sales"],
  ["sales-midmarket", "Mid-Market Sales"],
  ["sales-smb", "SMB Sales"],
  ["customer-success", "Customer Success"],
  ["support", "Support"],
  ["marketing", "Marketing"],
  ["demand-gen", "Demand Generation"],
  ["marketing-ops", "Marketing Operations"],
  ["partners", "Partnerships"],
  ["finance", "Finance"],
  ["deal-desk", "Deal Desk"],
  ["legal", "Legal"],
  ["security", "Security"],
  ["enablement", "Sales Enablement"],
  ["product", "Product"],
  ["data", "Data and Analytics"],
  ["onboarding", "Onboarding"],
  ["renewals", "Renewals"],
  ["solutions", "Solutions Engineering"],
  ["leadership", "Revenue Leadership"],
];

const LIFECYCLE: Array<[string, string, string, string]> = [
  // suffix, name, crmValue, bowtie
  ["subscriber", "Subscriber", "subscriber", "awareness"],
  ["lead", "Lead", "lead", "awareness"],
  ["mql", "Marketing Qualified Lead", "marketingqualifiedlead", "education"],
  ["sql", "Sales Qualified Lead", "salesqualifiedlead", "selection"],
  ["opportunity", "Opportunity", "opportunity", "selection"],
  ["customer", "Customer", "customer", "onboarding"],
  ["evangelist", "Evangelist", "evangelist", "growth"],
];

const DEAL_STAGES: Array<[string, string, string, number, string]> = [
  // suffix, name, bowtie, probability, forecast
  ["appointment", "Appointment scheduled", "selection", 0.2, "pipeline"],
  ["qualified", "Qualified to buy", "selection", 0.4, "pipeline"],
  ["presentation", "Presentation scheduled", "selection", 0.6, "best_case"],
  ["decision", "Decision maker bought in", "commit", 0.8, "best_case"],
  ["contract", "Contract sent", "commit", 0.9, "commit"],
  ["won", "Closed won", "onboarding", 1, "closed"],
  ["lost", "Closed lost", "commit", 0, "omitted"],
];

/** Extra input properties, used to fill each object up to 40 properties. */
const EXTRA_PROPS: Array<[string, PropType, string[]?]> = [
  [
    "industry",
    "enum",
    ["software", "manufacturing", "healthcare", "finance", "retail", "education", "public"],
  ],
  ["lead_source", "enum", ["web", "event", "referral", "partner", "outbound", "paid"]],
  ["persona", "enum", ["champion", "economic_buyer", "user", "technical", "executive"]],
  ["product_line", "multienum", ["core", "analytics", "automation", "enterprise_addon"]],
  ["contract_term_months", "number"],
  ["nps", "number"],
  ["seats", "number"],
  ["billing_country", "string"],
  ["plan_tier", "enum", ["free", "starter", "pro", "business", "enterprise"]],
  ["csm_name", "string"],
  ["churn_risk", "percent"],
  ["last_login_on", "date"],
  ["support_tier", "enum", ["standard", "premium", "platinum"]],
  ["preferred_language", "string"],
  ["trial_end_on", "date"],
  ["sso_enabled", "boolean"],
  ["arr", "currency"],
  ["first_touch_at", "datetime"],
  ["notes", "text"],
];

const SECTIONS = [
  "sales",
  "marketing",
  "revops",
  "customer-success",
  "partners",
  "finance",
  "support",
  "enablement",
  "operations",
  "security",
  "product",
  "legal",
  "people",
  "analytics",
  "sdr",
  "channel",
  "renewals",
  "onboarding",
  "forecasting",
  "deal-desk",
];

const TOPICS = [
  "lead routing",
  "territory planning",
  "account scoring",
  "handoff checklist",
  "renewal playbook",
  "discount approvals",
  "data hygiene",
  "deduplication",
  "forecast call",
  "pipeline review",
  "quota setting",
  "commission rules",
  "partner referrals",
  "event follow-up",
  "trial conversion",
  "churn prevention",
  "expansion motions",
  "support escalations",
  "onboarding kickoff",
  "security reviews",
  "procurement",
  "order forms",
  "lead recycling",
  "campaign attribution",
  "enrichment",
  "round robin",
  "named accounts",
  "health scores",
  "QBR preparation",
  "win-loss analysis",
];

const HEADINGS = [
  "Purpose",
  "Scope",
  "Who owns this",
  "How it works",
  "Service levels",
  "Exceptions",
  "Escalation path",
  "Reporting",
  "Data we rely on",
  "Automation",
  "Common mistakes",
  "Checklist",
  "Definitions",
  "Change history",
  "Frequently asked questions",
  "Related processes",
  "Metrics and goals",
  "Roles and responsibilities",
  "Tools",
  "Review cadence",
];

const FILLER = [
  "This process exists so that every record has exactly one accountable owner at every point in its life.",
  "When in doubt, ask in the team channel before changing a field by hand; automations may overwrite it.",
  "We review the numbers in the weekly pipeline meeting and adjust thresholds at most once a quarter.",
  "Exceptions are approved by the team lead and logged in the record's timeline with a short reason.",
  "Nothing here replaces judgement: if a customer's situation does not fit, escalate rather than force it.",
  "Reports built on these fields are refreshed nightly, so a change made today shows up tomorrow.",
  "The CRM is the system of record; spreadsheets are for analysis, never for tracking status.",
  "Every automation listed on this page is owned by RevOps and changed only through a merge request.",
  "If a record is stuck for longer than the service level, the owner's manager is notified automatically.",
  "New hires shadow this process for two weeks before they run it on their own.",
  "Keep notes short and factual: what happened, what was agreed, and what happens next.",
  "Regional teams may add steps, but they may not skip any of the steps below.",
  "Duplicates are merged by the data team within two business days of being flagged.",
  "The goal is speed without losing context: the next team should never have to ask the customer again.",
  "We measure the process by conversion, velocity and the share of records that follow the happy path.",
  "Field values are case-sensitive in the CRM, so use the values exactly as listed in the data dictionary.",
  "All timestamps are stored in UTC and shown in the viewer's time zone.",
  "Changes to routing take effect at the start of the next business day to avoid split ownership.",
];

const TRIGGER_VERBS = [
  "route",
  "flag",
  "notify",
  "escalate",
  "stamp",
  "assign",
  "review",
  "tag",
  "recycle",
  "sync",
];

// ---------------------------------------------------------------------------
// YAML emission helpers

const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

/** A scalar as YAML text: plain when unambiguous, else double-quoted (JSON is valid YAML). */
function scalar(v: Scalar): string {
  if (typeof v !== "string") return String(v);
  if (/^[A-Za-z][A-Za-z0-9_.-]*$/.test(v) && !RESERVED.test(v)) return v;
  return JSON.stringify(v);
}

function value(v: Value): string {
  return Array.isArray(v) ? `[${v.map(scalar).join(", ")}]` : scalar(v);
}

function isLeaf(c: Cond): boolean {
  return "property" in c || "event" in c;
}

function leaf(c: Cond): string {
  if ("property" in c) {
    return c.value === undefined
      ? `{ property: ${c.property}, op: ${c.op} }`
      : `{ property: ${c.property}, op: ${c.op}, value: ${value(c.value)} }`;
  }
  if ("event" in c) {
    const parts = [`event: ${c.event}`, `op: ${c.op}`];
    if (c.within) parts.push(`within: ${c.within}`);
    if (c.value !== undefined) parts.push(`value: ${c.value}`);
    return `{ ${parts.join(", ")} }`;
  }
  throw new Error("not a leaf");
}

/** Lines of a condition written as the value of `key:` at `indent`. */
function condLines(key: string, c: Cond, indent: string): string[] {
  if (isLeaf(c)) return [`${indent}${key}: ${leaf(c)}`];
  return [`${indent}${key}:`, ...groupLines(c, `${indent}  `)];
}

/** Lines of a group (`all:` / `any:` / `not:`) mapping at `indent`. */
function groupLines(c: Cond, indent: string): string[] {
  if ("all" in c || "any" in c) {
    const key = "all" in c ? "all" : "any";
    const items = "all" in c ? c.all : (c as { any: Cond[] }).any;
    const lines = [`${indent}${key}:`];
    for (const item of items) {
      if (isLeaf(item)) lines.push(`${indent}  - ${leaf(item)}`);
      else {
        const inner = groupLines(item, `${indent}    `);
        lines.push(`${indent}  - ${(inner[0] as string).trimStart()}`, ...inner.slice(1));
      }
    }
    return lines;
  }
  if ("not" in c) return condLines("not", c.not, indent);
  return [`${indent}${leaf(c)}`];
}

/** A folded block scalar for Markdown descriptions. */
function block(key: string, text: string, indent = ""): string[] {
  const words = text.split(" ");
  const lines: string[] = [`${indent}${key}: >`];
  let line = "";
  for (const w of words) {
    if (line.length + w.length + 1 > 84 && line) {
      lines.push(`${indent}  ${line}`);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(`${indent}  ${line}`);
  return lines;
}

function title(id: string): string {
  const s = id.replace(/[_-]+/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const DAY = 86_400_000;
const NOW_MS = Date.parse(`${BENCH_NOW}T00:00:00Z`);

// ---------------------------------------------------------------------------
// Building the model

class Builder {
  readonly rng = new Rng(SEED);
  readonly files = new Map<string, string>();
  readonly teams: TeamDef[] = TEAMS.map(([id, name]) => ({ id, name, channel: `#${id}-alerts` }));
  readonly objects: ObjDef[] = [];
  readonly pipelines: PipelineDef[] = [];
  readonly events: EventDef[] = [];
  readonly models: ModelDef[] = [];
  readonly metrics: MetricDef[] = [];
  readonly plans: PlanDef[] = [];
  readonly triggers: TriggerDef[] = [];

  team(): TeamDef {
    return this.rng.pick(this.teams);
  }

  build(): void {
    this.buildObjects();
    this.writeConfig();
    this.writeTeams();
    this.writeObjects();
    this.writePipelines();
    this.writeEvents();
    this.writeModels();
    this.writeTriggers();
    this.writeMetrics();
    this.writePlans();
    new DocWriter(this).write();
  }

  // -- objects, pipelines, events ------------------------------------------

  private buildObjects(): void {
    const ids: string[] = [];
    for (let i = 0; i < COUNTS.objects; i++) {
      const base = OBJECT_BASES[i % OBJECT_BASES.length] as string;
      const suffix = OBJECT_SUFFIXES[Math.floor(i / OBJECT_BASES.length)] as string;
      ids.push(suffix ? `${base}_${suffix}` : base);
    }
    const pipelineEvery = Math.floor(COUNTS.objects / COUNTS.pipelines);
    for (let i = 0; i < COUNTS.objects; i++) {
      const id = ids[i] as string;
      const obj: ObjDef = {
        index: i,
        id,
        name: title(id),
        owner: this.team().id,
        props: [],
        events: [],
        triggers: [],
      };
      const isPipelineObject = i % pipelineEvery === 0 && this.pipelines.length < COUNTS.pipelines;
      obj.props.push(...this.baseProps(ids, i));
      if (isPipelineObject) {
        const p = this.pipelines.length;
        const kind = p % COUNTS.dealPipelineEvery === COUNTS.dealPipelineEvery - 1 ? "deal" : "lifecycle";
        obj.pipeline = this.buildPipeline(obj, kind);
        this.pipelines.push(obj.pipeline);
        for (const s of obj.pipeline.stages) {
          obj.props.push({ id: s.enteredAt, name: `Entered ${s.name}`, type: "datetime", role: "entered" });
        }
        obj.props.push({
          id: "lifecycle_stage",
          name: "Lifecycle stage",
          type: "enum",
          role: "stage",
          required: true,
          labelled: true,
          options: obj.pipeline.stages.map((s) => s.crmValue),
          description: `Held by the [${obj.pipeline.name}](pipeline:${obj.pipeline.id}) pipeline.`,
        });
        if (kind === "lifecycle") {
          obj.props.push({
            id: "lead_score",
            name: "Lead score",
            type: "number",
            role: "score",
            description: "Written by the scoring model (0–100).",
          });
        }
        const nEvents = kind === "lifecycle" ? 2 : 1;
        for (let e = 0; e < nEvents; e++) {
          const verb = ["demo-request", "pricing-view", "webinar-attended", "form-submitted"][
            (i + e) % 4
          ] as string;
          const ev: EventDef = {
            id: `${id.replace(/_/g, "-")}-${verb}`,
            name: `${title(id)} ${verb.replace(/-/g, " ")}`,
            object: id,
            source: ["web", "form", "email", "product", "meeting", "other"][(i + e) % 6] as string,
          };
          obj.events.push(ev);
          this.events.push(ev);
        }
      } else if (i % 10 === 1) {
        obj.props.push({
          id: "legacy_score",
          name: "Legacy score",
          type: "number",
          role: "legacy",
          status: "retired",
          replacedBy: "engagement_score",
          description: "Stopped updating; kept so old reports still open.",
        });
        obj.props.push({
          id: "old_segment",
          name: "Segment (old)",
          type: "enum",
          role: "legacy",
          status: "deprecated",
          replacedBy: "segment",
          options: ["small", "large"],
        });
      }
      // Fill up to 40 with extra input properties, rotated per object.
      let k = i;
      while (obj.props.length < COUNTS.propertiesPerObject) {
        const [pid, type, options] = EXTRA_PROPS[k % EXTRA_PROPS.length] as [string, PropType, string[]?];
        k++;
        const prop: PropDef = { id: pid, name: title(pid), type, role: "input" };
        if (options) prop.options = options;
        obj.props.push(prop);
      }
      this.objects.push(obj);
    }
    for (const obj of this.objects) {
      if (obj.pipeline?.kind === "lifecycle" && this.models.length < COUNTS.scoringModels) {
        obj.model = { id: `${obj.id.replace(/_/g, "-")}-score`, name: `${obj.name} score`, object: obj.id };
        this.models.push(obj.model);
        const stages = obj.pipeline.stages;
        (stages[2] as StageDef).threshold = 60;
        (stages[3] as StageDef).threshold = 80;
      }
    }
  }

  private baseProps(ids: readonly string[], i: number): PropDef[] {
    const parent = ids[(i + 1) % ids.length] as string;
    const account = ids[(i * 7 + 3) % ids.length] as string;
    const p = (id: string, type: PropType, role: PropRole, extra: Partial<PropDef> = {}): PropDef => ({
      id,
      name: title(id),
      type,
      role,
      ...extra,
    });
    return [
      p("record_name", "string", "input", { required: true, crmName: "name" }),
      p("summary", "text", "input"),
      p("owner_email", "string", "input"),
      p("region", "enum", "input", { options: ["na", "emea", "apac", "latam"] }),
      p("tier", "enum", "input", { options: ["tier1", "tier2", "tier3"], labelled: true }),
      p("segment", "enum", "input", { options: ["smb", "midmarket", "enterprise", "strategic"] }),
      p("status", "enum", "input", { options: ["new", "open", "in_progress", "on_hold", "closed"] }),
      p("priority", "enum", "output", { options: ["low", "medium", "high", "urgent"], labelled: true }),
      p("routing_queue", "enum", "output", {
        options: ["inbound", "outbound", "partner", "self_serve", "named_account"],
      }),
      p("health", "enum", "output", { options: ["green", "yellow", "red"] }),
      p("channels", "multienum", "input", { options: ["email", "phone", "chat", "social", "events"] }),
      p("interests", "multienum", "input", {
        options: ["analytics", "automation", "integrations", "security", "reporting"],
      }),
      p("territory_code", "number", "discriminator", {
        description: "Routing territory; each routing trigger owns a range of codes.",
      }),
      p("employees", "number", "input"),
      p("annual_revenue", "currency", "input"),
      p("amount", "currency", "input"),
      p("discount", "percent", "input"),
      p("engagement_score", "number", "input"),
      p("touch_count", "number", "output"),
      p("sla_hours", "number", "output"),
      p("is_customer", "boolean", "input"),
      p("do_not_contact", "boolean", "input"),
      p("needs_review", "boolean", "output"),
      p("created_on", "date", "input"),
      p("last_activity_at", "datetime", "input"),
      p("renewal_date", "date", "input"),
      p("last_routed_at", "datetime", "output"),
      p("review_due", "date", "output"),
      p("routing_reason", "string", "output"),
      p("parent", "reference", "input", { target: parent }),
      p("account", "reference", "input", { target: account }),
    ];
  }

  private buildPipeline(obj: ObjDef, kind: "lifecycle" | "deal"): PipelineDef {
    const slug = obj.id.replace(/_/g, "-");
    const pipeline: PipelineDef = {
      id: `${slug}-${kind === "lifecycle" ? "lifecycle" : "pipeline"}`,
      name: `${obj.name} ${kind === "lifecycle" ? "lifecycle" : "sales pipeline"}`,
      object: obj.id,
      kind,
      stages: [],
      owner: this.team().id,
    };
    if (kind === "lifecycle") {
      LIFECYCLE.forEach(([suffix, name, crmValue, bowtie], i) => {
        pipeline.stages.push({
          id: `${slug}-${suffix}`,
          name,
          crmValue,
          bowtie,
          enteredAt: `${suffix}_entered_at`,
          owner: this.team().id,
          terminal: i === LIFECYCLE.length - 1,
          manual: false,
        });
      });
    } else {
      DEAL_STAGES.forEach(([suffix, name, bowtie, probability, forecast]) => {
        pipeline.stages.push({
          id: `${slug}-${suffix}`,
          name,
          crmValue: `${suffix}stage`,
          bowtie,
          enteredAt: `${suffix}_entered_at`,
          owner: this.team().id,
          terminal: suffix === "won" || suffix === "lost",
          manual: true,
          probability,
          forecast,
          closed: suffix === "won" || suffix === "lost",
          won: suffix === "won",
        });
      });
    }
    return pipeline;
  }

  // -- writing definitions ---------------------------------------------------

  private writeConfig(): void {
    this.files.set(
      "revbook.yaml",
      [
        "# Synthetic workspace for `npm run bench:lint`; generated, do not edit.",
        "version: 1",
        "title: Synthetic Revenue Handbook",
        "crm: hubspot",
        'definitions: ["definitions/**/*.{yaml,yml}"]',
        'docs: ["handbook/**/*.md"]',
        "out: public",
        "baseUrl: /",
        "repo:",
        "  url: https://gitlab.com/synthetic/revops-handbook",
        "  branch: main",
        "  host: gitlab",
        "rules:",
        "  doc-stale: { severity: warn, maxAge: P365D }",
        "",
      ].join("\n"),
    );
  }

  private writeTeams(): void {
    for (const t of this.teams) {
      const members = Array.from(
        { length: this.rng.int(2, 6) },
        (_, k) => `${t.id.replace(/-/g, ".")}.${k + 1}@example.com`,
      );
      this.files.set(
        `definitions/teams/${t.id}.yaml`,
        [
          "kind: Team",
          `id: ${t.id}`,
          `name: ${scalar(t.name)}`,
          `channel: ${scalar(t.channel)}`,
          "members:",
          ...members.map((m) => `  - ${m}`),
          "",
        ].join("\n"),
      );
    }
  }

  private writeObjects(): void {
    for (const obj of this.objects) {
      const lines = [
        `# ${obj.name}: generated object with ${obj.props.length} properties.`,
        "kind: Object",
        `id: ${obj.id}`,
        `name: ${scalar(obj.name)}`,
        `crmName: ${obj.id}s`,
        `owner: ${obj.owner}`,
        ...block(
          "description",
          `Records of type ${obj.name}. Owned by the [${this.teams.find((t) => t.id === obj.owner)?.name}](team:${obj.owner}).` +
            (obj.pipeline
              ? ` They move through the [${obj.pipeline.name}](pipeline:${obj.pipeline.id}).`
              : ""),
        ),
        "properties:",
      ];
      for (const p of obj.props) {
        lines.push(`  - id: ${p.id}`, `    name: ${scalar(p.name)}`, `    type: ${p.type}`);
        if (p.crmName) lines.push(`    crmName: ${p.crmName}`);
        if (p.required) lines.push("    required: true");
        if (p.target) lines.push(`    target: ${p.target}`);
        if (p.status) lines.push(`    status: ${p.status}`);
        if (p.replacedBy) lines.push(`    replacedBy: ${p.replacedBy}`);
        if (p.description) lines.push(`    description: ${scalar(p.description)}`);
        if (p.options) {
          if (p.labelled) {
            lines.push("    options:");
            for (const o of p.options)
              lines.push(`      - { value: ${scalar(o)}, label: ${scalar(title(o))} }`);
          } else lines.push(`    options: ${value(p.options)}`);
        }
      }
      lines.push("");
      this.files.set(`definitions/objects/${obj.id}.yaml`, lines.join("\n"));
    }
  }

  private writePipelines(): void {
    for (const pl of this.pipelines) {
      const obj = this.objects.find((o) => o.id === pl.object) as ObjDef;
      this.files.set(
        `definitions/pipelines/${pl.id}.yaml`,
        [
          "kind: Pipeline",
          `id: ${pl.id}`,
          `name: ${scalar(pl.name)}`,
          `object: ${pl.object}`,
          "property: lifecycle_stage",
          `owner: ${pl.owner}`,
          `forwardOnly: ${pl.kind === "lifecycle"}`,
          "stages:",
          ...pl.stages.map((s) => `  - ${s.id}`),
          "",
        ].join("\n"),
      );
      pl.stages.forEach((s, i) => {
        const lines = ["kind: Stage", `id: ${s.id}`, `name: ${scalar(s.name)}`];
        if (s.crmValue !== s.id) lines.push(`crmValue: ${s.crmValue}`);
        lines.push(`bowtie: ${s.bowtie}`, `owner: ${s.owner}`);
        lines.push(
          ...block(
            "definition",
            `A ${obj.name.toLowerCase()} record in the ${s.name.toLowerCase()} stage of the ${pl.name.toLowerCase()}. ` +
              `The [${this.teams.find((t) => t.id === s.owner)?.name}](team:${s.owner}) is accountable while it is here.`,
          ),
        );
        if (pl.kind === "lifecycle" && s.threshold !== undefined && obj.model) {
          lines.push(
            "entry:",
            "  all:",
            `    - { property: lead_score, op: gte, value: ${s.threshold} }`,
            "    - { property: owner_email, op: known }",
          );
        }
        lines.push(`enteredAt: ${s.enteredAt}`);
        if (!s.terminal) {
          const next = pl.stages[i + 1];
          lines.push(
            "exitCriteria:",
            `  - ${scalar(`Moves on to ${next ? next.name : "the next stage"} once the owner confirms the criteria`)}`,
            "  - Or is disqualified with a reason recorded on the record",
          );
        }
        lines.push(
          "actions:",
          `  - ${scalar(`The owner reviews every new ${s.name.toLowerCase()} within a day`)}`,
        );
        lines.push(`sla: P${this.rng.int(1, 30)}D`);
        if (s.probability !== undefined) lines.push(`probability: ${s.probability}`);
        if (s.forecast) lines.push(`forecast: ${s.forecast}`);
        if (s.closed !== undefined) lines.push(`closed: ${s.closed}`);
        if (s.won !== undefined && s.closed) lines.push(`won: ${s.won}`);
        if (s.manual) lines.push("manual: true");
        if (s.terminal) lines.push("terminal: true");
        lines.push("");
        this.files.set(`definitions/stages/${pl.id}/${s.id}.yaml`, lines.join("\n"));
      });
    }
  }

  private writeEvents(): void {
    for (const e of this.events) {
      this.files.set(
        `definitions/events/${e.id}.yaml`,
        [
          "kind: Event",
          `id: ${e.id}`,
          `name: ${scalar(e.name)}`,
          `object: ${e.object}`,
          `source: ${e.source}`,
          "",
        ].join("\n"),
      );
    }
  }

  private writeModels(): void {
    for (const m of this.models) {
      const obj = this.objects.find((o) => o.id === m.object) as ObjDef;
      const stages = obj.pipeline?.stages ?? [];
      const [e1, e2] = obj.events;
      const lines = [
        "kind: ScoringModel",
        `id: ${m.id}`,
        `name: ${scalar(m.name)}`,
        `object: ${obj.id}`,
        "property: lead_score",
        `owner: ${this.team().id}`,
        "max: 100",
        "groups:",
        "  - id: fit",
        "    name: Fit",
        "    category: fit",
        "    limit: 50",
        "    rules:",
        "      - when: { property: segment, op: in, value: [enterprise, strategic] }",
        "        points: 20",
        "      - when: { property: employees, op: between, value: [200, 5000] }",
        "        points: 15",
        "      - when: { property: region, op: eq, value: emea }",
        "        points: 5",
        "      - when: { property: tier, op: eq, value: tier1 }",
        "        points: 15",
        '      - when: { property: owner_email, op: contains, value: "@gmail.com" }',
        "        points: -10",
        "      - when: { property: parent.employees, op: gte, value: 1000 }",
        "        points: 10",
        "  - id: engagement",
        "    name: Engagement",
        "    category: engagement",
        "    limit: 60",
        "    rules:",
      ];
      if (e1) {
        lines.push(
          `      - when: { event: ${e1.id}, op: occurred, within: P30D }`,
          "        points: 10",
          "        decay: P90D",
          "        limit: { count: 1, per: P1D }",
        );
      }
      if (e2) lines.push(`      - when: { event: ${e2.id}, op: occurred }`, "        points: 40");
      lines.push(
        "      - when: { property: engagement_score, op: gte, value: 50 }",
        "        points: 15",
        "      - when: { property: last_activity_at, op: withinLast, value: P14D }",
        "        points: 10",
        "thresholds:",
      );
      for (const s of stages)
        if (s.threshold !== undefined) lines.push(`  - { stage: ${s.id}, min: ${s.threshold} }`);
      lines.push("");
      this.files.set(`definitions/scoring/${m.id}.yaml`, lines.join("\n"));
    }
  }

  // -- triggers ----------------------------------------------------------------

  private writeTriggers(): void {
    const perObject = Math.floor(COUNTS.triggers / COUNTS.objects);
    let extra = COUNTS.triggers - perObject * COUNTS.objects;
    for (const obj of this.objects) {
      const n = perObject + (extra-- > 0 ? 1 : 0);
      for (let j = 0; j < n; j++) this.writeTrigger(obj, j);
    }
  }

  /** A random test of an input property, valid for its type. */
  private propertyTest(prop: PropDef, pathPrefix = ""): Cond {
    const r = this.rng;
    const property = `${pathPrefix}${prop.id}`;
    const date = (): string => isoDate(NOW_MS - r.int(30, 900) * DAY);
    if (r.chance(0.06) && prop.type !== "reference") return { property, op: r.pick(["known", "unknown"]) };
    switch (prop.type) {
      case "number":
      case "currency":
      case "percent": {
        const max = prop.type === "percent" ? 100 : prop.type === "currency" ? 500_000 : 10_000;
        const a = r.int(0, max / 2);
        const op = r.pick(["gt", "gte", "lt", "lte", "eq", "neq", "between", "in"]);
        if (op === "between") return { property, op, value: [a, a + r.int(1, max / 2)] };
        if (op === "in") return { property, op, value: [a, a + 1, a + 5] };
        return { property, op, value: a };
      }
      case "string":
      case "text": {
        const op = r.pick(["eq", "neq", "contains", "notContains", "startsWith", "in"]);
        const word = r.pick(["acme", "@example.com", "Inc", "GmbH", "test", "partner", "gov"]);
        if (op === "in") return { property, op, value: [word, `${word} Ltd`] };
        return { property, op, value: word };
      }
      case "boolean":
        return { property, op: r.pick(["eq", "neq"]), value: r.chance(0.5) };
      case "enum": {
        const options = prop.options ?? [];
        const op = r.pick(["eq", "neq", "in", "notIn"]);
        if (op === "in" || op === "notIn") return { property, op, value: r.sample(options, r.int(1, 3)) };
        return { property, op, value: r.pick(options) };
      }
      case "multienum":
        return { property, op: r.pick(["contains", "notContains"]), value: r.pick(prop.options ?? []) };
      case "date":
      case "datetime": {
        const op = r.pick(["before", "after", "between", "withinLast"]);
        if (op === "withinLast") return { property, op, value: r.pick(["P7D", "P30D", "P90D", "P1Y"]) };
        if (op === "between") {
          const start = NOW_MS - r.int(200, 900) * DAY;
          return { property, op, value: [isoDate(start), isoDate(start + r.int(10, 180) * DAY)] };
        }
        return { property, op, value: r.chance(0.1) ? "now" : date() };
      }
      case "reference":
        return { property, op: r.pick(["known", "unknown"]) };
    }
  }

  private randomTest(obj: ObjDef, allowEvents: boolean): Cond {
    const r = this.rng;
    if (allowEvents && obj.events.length > 0 && r.chance(0.2)) {
      const ev = r.pick(obj.events);
      const op = r.pick(["occurred", "notOccurred", "countAtLeast"]);
      const c: { event: string; op: string; within?: string; value?: number } = { event: ev.id, op };
      if (r.chance(0.6)) c.within = r.pick(["P7D", "P30D", "P90D"]);
      if (op === "countAtLeast") c.value = r.int(2, 5);
      return c;
    }
    const inputs = obj.props.filter((p) => p.role === "input");
    if (r.chance(0.08)) {
      // walk through a reference to the parent object's employee count
      return { property: "parent.employees", op: "gte", value: r.int(10, 5000) };
    }
    const prop = r.pick(inputs);
    return this.propertyTest(prop, r.chance(0.05) ? `${obj.id}.` : "");
  }

  /** A setProperty / clearProperty action on an output property not yet set by this trigger. */
  private setAction(obj: ObjDef, used: Set<string>): string | undefined {
    const r = this.rng;
    const outputs = obj.props.filter((p) => p.role === "output" && !used.has(p.id));
    if (outputs.length === 0) return undefined;
    const prop = r.pick(outputs);
    used.add(prop.id);
    if (r.chance(0.08)) return `  - clearProperty: { property: ${prop.id} }`;
    let v: Value;
    switch (prop.type) {
      case "enum":
        v = r.pick(prop.options ?? []);
        break;
      case "number":
        v = r.int(1, 48);
        break;
      case "boolean":
        v = r.chance(0.5);
        break;
      case "date":
        v = isoDate(NOW_MS + r.int(10, 120) * DAY);
        break;
      case "datetime":
        v = "now";
        break;
      default:
        v = r.pick(["Routed by territory", "Matched named account", "Partner sourced", "Re-engaged"]);
    }
    return `  - setProperty: { property: ${prop.id}, value: ${value(v)} }`;
  }

  private writeTrigger(obj: ObjDef, j: number): void {
    const r = this.rng;
    const slug = obj.id.replace(/_/g, "-");
    const pl = obj.pipeline;
    // On pipeline objects the first triggers set each non-first stage in turn, then 40% set a random one.
    let setsStage: StageDef | undefined;
    let stageIndex = -1;
    if (pl) {
      const n = pl.stages.length;
      if (j < n - 1) stageIndex = j + 1;
      else if (r.chance(0.4)) stageIndex = r.int(1, n - 1);
      setsStage = stageIndex > 0 ? pl.stages[stageIndex] : undefined;
    }
    const verb = setsStage
      ? "promote"
      : obj.id === "account" && j === 0
        ? "route"
        : (TRIGGER_VERBS[(j + obj.index) % TRIGGER_VERBS.length] as string);
    const id = `${slug}-${verb}-${j}`;
    const name = setsStage
      ? `Promote ${obj.name} to ${setsStage.name} (${j})`
      : `${title(verb)} ${obj.name} (${j})`;
    const lo = j * 100;
    const tests: Cond[] = [{ property: "territory_code", op: "between", value: [lo, lo + 99] }];
    if (obj.id === "account" && j === 0) tests.push({ property: "employees", op: "gte", value: 250 });
    if (setsStage && pl) {
      const before = pl.stages.slice(0, stageIndex).filter((s) => !s.terminal);
      const admitted = pl.kind === "lifecycle" ? before : before.slice(-2);
      if (admitted.length > 0) {
        tests.push({ property: "lifecycle_stage", op: "in", value: admitted.map((s) => s.crmValue) });
      }
      if (setsStage.threshold !== undefined && obj.model) {
        tests.push({ property: "lead_score", op: "gte", value: setsStage.threshold });
      }
    } else if (pl && r.chance(0.3)) {
      tests.push({
        property: "lifecycle_stage",
        op: "in",
        value: r.sample(pl.stages, 2).map((s) => s.crmValue),
      });
    }
    const nTests = r.int(1, 4);
    for (let k = 0; k < nTests; k++) tests.push(this.randomTest(obj, true));
    if (r.chance(0.35)) tests.push({ any: [this.randomTest(obj, true), this.randomTest(obj, true)] });
    if (r.chance(0.1)) tests.push({ not: this.randomTest(obj, false) });

    const actions: string[] = [];
    if (setsStage) {
      actions.push(`  - setStage: ${setsStage.id}`);
      actions.push(`  - setProperty: { property: ${setsStage.enteredAt}, value: now }`);
    }
    const nActions = r.int(setsStage ? 0 : 1, 3);
    const used = new Set<string>();
    for (let k = 0; k < nActions; k++) {
      const kind = r.pick(["set", "set", "assign", "notify", "task"]);
      const t = this.team();
      if (kind === "set") {
        const action = this.setAction(obj, used);
        if (action) actions.push(action);
      } else if (kind === "assign")
        actions.push(
          `  - assign: { team: ${t.id}, method: ${r.pick(["round-robin", "territory", "owner", "queue"])} }`,
        );
      else if (kind === "notify")
        actions.push(`  - notify: { team: ${t.id}, channel: ${scalar(t.channel)} }`);
      else
        actions.push(
          `  - createTask: { team: ${t.id}, title: ${scalar(`Follow up on ${obj.name.toLowerCase()}`)}, due: PT${r.int(1, 48)}H }`,
        );
    }
    if (actions.length === 0)
      actions.push(`  - notify: { team: ${obj.owner}, channel: "#${obj.owner}-alerts" }`);

    const owner = this.team();
    const lines = [
      "kind: Trigger",
      `id: ${id}`,
      `name: ${scalar(name)}`,
      `object: ${obj.id}`,
      `owner: ${owner.id}`,
    ];
    if (r.chance(0.5)) {
      const link = setsStage
        ? `[${setsStage.name}](stage:${setsStage.id})`
        : `[${obj.name}](object:${obj.id}) records`;
      lines.push(
        ...block(
          "description",
          `Runs for ${link} in territories ${lo}–${lo + 99}. Owned by the [${owner.name}](team:${owner.id}); ` +
            `see the [${title(obj.id)} data dictionary](property:${obj.id}.territory_code) for the codes.`,
        ),
      );
    }
    if (r.chance(0.15))
      lines.push(`tags: [${r.sample(["routing", "hygiene", "sla", "lifecycle", "alerts"], 2).join(", ")}]`);
    lines.push("when:", ...groupLines({ all: tests }, "  "));
    lines.push("actions:", ...actions);
    if (r.chance(0.1)) lines.push("reenroll: false");
    lines.push("");
    const file = `definitions/triggers/${obj.id}/${id}.yaml`;
    this.files.set(file, lines.join("\n"));
    const def: TriggerDef = { id, name, object: obj.id, file };
    obj.triggers.push(def);
    this.triggers.push(def);
  }

  // -- metrics and plans -------------------------------------------------------

  private writeMetrics(): void {
    for (const pl of this.pipelines.slice(0, 10)) {
      const st = pl.stages;
      const slug = pl.id;
      const entries: Array<[string, string[]]> = [
        [
          `${slug}-volume`,
          [
            "type: volume",
            `stage: ${(st[1] as StageDef).id}`,
            "unit: count",
            "goal: { period: month, value: 500 }",
          ],
        ],
        [
          `${slug}-conversion`,
          [
            "type: conversion",
            `from: ${(st[2] as StageDef).id}`,
            `to: ${(st[3] as StageDef).id}`,
            "unit: percent",
            "goal: { period: quarter, value: 35 }",
          ],
        ],
        [
          `${slug}-velocity`,
          [
            "type: velocity",
            `from: ${(st[1] as StageDef).id}`,
            `to: ${(st[4] as StageDef).id}`,
            "unit: days",
            "goal: { period: quarter, value: 21 }",
          ],
        ],
      ];
      for (const [id, body] of entries) {
        this.metrics.push({ id, name: title(id) });
        this.files.set(
          `definitions/metrics/${id}.yaml`,
          [
            "kind: Metric",
            `id: ${id}`,
            `name: ${scalar(title(id))}`,
            `owner: ${this.team().id}`,
            ...body,
            "",
          ].join("\n"),
        );
      }
    }
  }

  private writePlans(): void {
    const deals = this.pipelines.filter((p) => p.kind === "deal").slice(0, COUNTS.commandPlans);
    for (const pl of deals) {
      const obj = this.objects.find((o) => o.id === pl.object) as ObjDef;
      const id = `${pl.id}-handoff`;
      this.plans.push({ id, name: `${obj.name} handoff` });
      const st = pl.stages;
      const at = st[5] as StageDef; // closed won
      const textProps = obj.props.filter((p) => p.type === "text" || p.type === "string");
      const lines = [
        "kind: CommandPlan",
        `id: ${id}`,
        `name: ${scalar(`${obj.name} sales to customer success handoff`)}`,
        `object: ${obj.id}`,
        "from: sales",
        "to: customer-success",
        `at: ${at.id}`,
        "sla: P2D",
        "sections:",
      ];
      const questions = ["Why do anything?", "Why now?", "Why us?", "Economic buyer", "Decision criteria"];
      questions.forEach((q, i) => {
        const prop = textProps[i % textProps.length] as PropDef;
        lines.push(
          `  - id: ${q
            .toLowerCase()
            .replace(/[^a-z]+/g, "-")
            .replace(/-$/, "")}`,
          `    title: ${scalar(q)}`,
          `    prompt: ${scalar(`Answer "${q}" in one or two sentences.`)}`,
          `    property: ${obj.id}.${prop.id}`,
          `    requiredAt: ${(st[Math.min(i, 4)] as StageDef).id}`,
        );
        if (i === 4) lines.push("    appliesWhen: { property: amount, op: gte, value: 100000 }");
      });
      lines.push("");
      this.files.set(`definitions/plans/${id}.yaml`, lines.join("\n"));
    }
  }
}

// ---------------------------------------------------------------------------
// Markdown docs

interface Heading {
  depth: 2 | 3;
  text: string;
  slug: string;
}

interface DocPlan {
  path: string;
  title: string;
  kind: "dictionary" | "pipeline" | "scoring" | "plan" | "process";
  subject?: string;
  headings: Heading[];
}

class DocWriter {
  private readonly docs: DocPlan[] = [];
  private readonly rng: Rng;

  constructor(private readonly b: Builder) {
    this.rng = b.rng;
  }

  write(): void {
    this.plan();
    for (const d of this.docs) this.b.files.set(d.path, this.render(d));
  }

  /** Headings with their github-slugger anchors, slugged in document order after the H1 title. */
  private headings(docTitle: string, texts: string[]): Heading[] {
    const slugger = new GithubSlugger();
    slugger.slug(docTitle);
    return texts.map((text, i) => ({
      depth: i > 0 && this.rng.chance(0.25) ? 3 : 2,
      text,
      slug: slugger.slug(text),
    }));
  }

  private add(
    path: string,
    docTitle: string,
    kind: DocPlan["kind"],
    texts: string[],
    subject?: string,
  ): void {
    this.docs.push({ path, title: docTitle, kind, subject, headings: this.headings(docTitle, texts) });
  }

  private plan(): void {
    const b = this.b;
    for (const o of b.objects) {
      const file = `handbook/data/${o.id.replace(/_/g, "-")}.md`;
      this.add(
        file,
        `${o.name} data dictionary`,
        "dictionary",
        ["Properties", "Automation", "Ownership"],
        o.id,
      );
    }
    for (const p of b.pipelines) {
      const texts = ["Stages", "Funnel", "How records move", "Service levels"];
      this.add(`handbook/lifecycle/${p.id}.md`, p.name, "pipeline", texts, p.id);
    }
    for (const m of b.models) {
      this.add(`handbook/scoring/${m.id}.md`, m.name, "scoring", ["The model", "Thresholds", "Tuning"], m.id);
    }
    for (const p of b.plans) {
      const texts = ["The command plan", "When the handoff happens"];
      this.add(`handbook/handoff/${p.id}.md`, p.name, "plan", texts, p.id);
    }
    let n = 0;
    while (this.docs.length < COUNTS.docs) {
      const section = SECTIONS[n % SECTIONS.length] as string;
      const topic = TOPICS[Math.floor(n / SECTIONS.length) % TOPICS.length] as string;
      const round = Math.floor(n / (SECTIONS.length * TOPICS.length));
      const slug = topic.toLowerCase().replace(/[^a-z0-9]+/g, "-");
      const texts = this.rng.sample(HEADINGS, this.rng.int(4, 7));
      this.add(
        `handbook/${section}/${slug}${round > 0 ? `-${round + 1}` : ""}.md`,
        `${title(section)}: ${topic}${round > 0 ? ` (${round + 1})` : ""}`,
        "process",
        texts,
      );
      n++;
    }
  }

  private rel(from: DocPlan, to: DocPlan, anchor = true): string {
    let rel = path.posix.relative(path.posix.dirname(from.path), to.path);
    if (!rel.startsWith(".")) rel = `./${rel}`;
    if (!anchor) return rel;
    const h = this.rng.pick(to.headings);
    return `${rel}#${h.slug}`;
  }

  private otherDoc(d: DocPlan): DocPlan {
    for (;;) {
      const o = this.rng.pick(this.docs);
      if (o !== d) return o;
    }
  }

  private frontMatter(d: DocPlan): string[] {
    const r = this.rng;
    const stale = d.kind === "process" && r.chance(0.015);
    const reviewed = isoDate(NOW_MS - (stale ? r.int(400, 800) : r.int(5, 330)) * DAY);
    const team = this.b.team();
    const lines = [
      "---",
      `title: ${scalar(d.title)}`,
      `description: ${scalar(`How we handle ${d.title.toLowerCase()}, who owns it and where the data lives.`)}`,
      `owner: ${team.id}`,
      `reviewed: ${reviewed}`,
      `weight: ${r.int(1, 100)}`,
      `tags: [${r.sample(["process", "sla", "routing", "data", "forecast", "handoff"], 2).join(", ")}]`,
    ];
    const health = r.pick(["green", "green", "green", "yellow", "red"]);
    lines.push(`health: ${health}`);
    if (health !== "green")
      lines.push(`healthNote: ${scalar("Backlog of unreviewed records; plan agreed with the team lead.")}`);
    const trig = r.pick(this.b.triggers);
    lines.push("related:", `  - trigger:${trig.id}`, `  - ${this.rel(d, this.otherDoc(d), false)}`);
    lines.push("---", "");
    return lines;
  }

  private sentence(d: DocPlan): string {
    const r = this.rng;
    const b = this.b;
    const roll = r.int(0, 9);
    if (roll === 0) {
      const t = r.pick(b.triggers);
      return `The [${t.name}](trigger:${t.id}) workflow handles this automatically for matching records.`;
    }
    if (roll === 1) {
      const t = b.team();
      return `Questions go to the [${t.name}](team:${t.id}) in \`${t.channel}\`.`;
    }
    if (roll === 2) {
      const o = r.pick(b.objects);
      const p = r.pick(o.props.filter((x) => !x.status));
      return `Check the [${p.name.toLowerCase()}](property:${o.id}.${p.id}) field on the ${o.name.toLowerCase()} before you act.`;
    }
    if (roll === 3) {
      const o = this.otherDoc(d);
      return `See [${o.title}](${this.rel(d, o)}) for the details.`;
    }
    if (roll === 4 && b.pipelines.length > 0) {
      const pl = r.pick(b.pipelines);
      const s = r.pick(pl.stages);
      return `Records in [${s.name.toLowerCase()}](stage:${s.id}) of the [${pl.name}](pipeline:${pl.id}) get **priority** treatment.`;
    }
    if (roll === 5 && b.events.length > 0) {
      const e = r.pick(b.events);
      return `A [${e.name.toLowerCase()}](event:${e.id}) is the strongest buying signal we track.`;
    }
    if (roll === 6 && b.metrics.length > 0) {
      const m = r.pick(b.metrics);
      return `Progress is tracked as [${m.name}](metric:${m.id}) on the revenue dashboard.`;
    }
    return r.pick(FILLER);
  }

  private paragraph(d: DocPlan): string {
    return Array.from({ length: this.rng.int(3, 6) }, () => this.sentence(d)).join(" ");
  }

  private table(): string[] {
    const r = this.rng;
    const rows = ["| Step | Owner | Service level | Notes |", "|---|---|---:|---|"];
    for (let i = 0; i < r.int(3, 6); i++) {
      const t = this.b.team();
      rows.push(
        `| ${r.pick(["Qualify", "Route", "Review", "Approve", "Hand off", "Close"])} | [${t.name}](team:${t.id}) | ${r.int(1, 48)} hours | ${r.pick(FILLER).slice(0, 60).trim()} |`,
      );
    }
    return rows;
  }

  private render(d: DocPlan): string {
    const r = this.rng;
    const b = this.b;
    const out = this.frontMatter(d);
    out.push(`# ${d.title}`, "", this.paragraph(d), "");
    d.headings.forEach((h, i) => {
      out.push(`${"#".repeat(h.depth)} ${h.text}`, "");
      if (i === 0) {
        if (d.kind === "dictionary") {
          const o = b.objects.find((x) => x.id === d.subject) as ObjDef;
          out.push(`::properties{object="${o.id}"}`, "", "| Property | Type | Notes |", "|---|---|---|");
          for (const p of o.props) {
            const name = p.status ? p.name : `[${p.name}](property:${o.id}.${p.id})`;
            out.push(`| ${name} | \`${p.type}\` | ${p.status ?? p.role} |`);
          }
          out.push("");
        } else if (d.kind === "pipeline") {
          const pl = b.pipelines.find((x) => x.id === d.subject) as PipelineDef;
          out.push(`::stages{pipeline="${pl.id}"}`, "");
          for (const s of pl.stages)
            out.push(`- [${s.name}](stage:${s.id}): owned by [the team](team:${s.owner})`);
          out.push("");
        } else if (d.kind === "scoring") {
          out.push(`::scoring{model="${d.subject}"}`, "");
        } else if (d.kind === "plan") {
          out.push(`::plan{id="${d.subject}"}`, "");
        }
      }
      if (i === 1 && d.kind === "pipeline") out.push(`::funnel{pipeline="${d.subject}"}`, "");
      if (i === 1 && d.kind === "dictionary") {
        const o = b.objects.find((x) => x.id === d.subject) as ObjDef;
        for (const t of o.triggers.slice(0, 12)) out.push(`- [${t.name}](trigger:${t.id})`);
        out.push("");
      }
      for (let k = 0; k < r.int(1, 3); k++) out.push(this.paragraph(d), "");
      if (d.kind === "process" && i === 1) out.push(...this.table(), "");
      if (d.kind === "process" && i === 2 && r.chance(0.5)) {
        for (let k = 0; k < r.int(2, 5); k++) out.push(`- [${r.chance(0.5) ? "x" : " "}] ${r.pick(FILLER)}`);
        out.push("");
      }
      if (d.kind === "process" && i === 3 && r.chance(0.3)) {
        out.push("```yaml", "when:", "  all:", "    - { property: region, op: eq, value: emea }", "```", "");
      }
    });
    return out.join("\n");
  }
}

// ---------------------------------------------------------------------------
// Entry points

function stamp(): string {
  return JSON.stringify({ version: GENERATOR_VERSION, seed: SEED, now: BENCH_NOW, counts: COUNTS });
}

function summarize(dir: string, regenerated: boolean, files: Map<string, string>): GeneratedWorkspace {
  const result: GeneratedWorkspace = {
    dir,
    regenerated,
    files: { yaml: 0, markdown: 0 },
    bytes: { yaml: 0, markdown: 0 },
  };
  for (const [file, text] of files) {
    if (file === "revbook.yaml") continue;
    const kind = file.endsWith(".md") ? "markdown" : "yaml";
    result.files[kind]++;
    result.bytes[kind] += Buffer.byteLength(text);
  }
  return result;
}

/** Builds the workspace's files in memory: path (relative, `/`) → text. */
export function buildSyntheticFiles(): Map<string, string> {
  const b = new Builder();
  b.build();
  return b.files;
}

/** Generates the workspace unless an up-to-date one exists. */
export function ensureSyntheticWorkspace(options: { force?: boolean } = {}): GeneratedWorkspace {
  const stampPath = path.join(SYNTHETIC_DIR, STAMP_FILE);
  const upToDate = existsSync(stampPath) && readFileSync(stampPath, "utf8") === stamp();
  const files = buildSyntheticFiles();
  if (upToDate && !options.force) return summarize(SYNTHETIC_DIR, false, files);
  const tmp = `${SYNTHETIC_DIR}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  const dirs = new Set<string>();
  for (const [file, text] of files) {
    const target = path.join(tmp, file);
    const dir = path.dirname(target);
    if (!dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    writeFileSync(target, text);
  }
  writeFileSync(path.join(tmp, STAMP_FILE), stamp());
  rmSync(SYNTHETIC_DIR, { recursive: true, force: true });
  renameSync(tmp, SYNTHETIC_DIR);
  return summarize(SYNTHETIC_DIR, true, files);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  const ws = ensureSyntheticWorkspace({ force: process.argv.includes("--force") });
  process.stdout.write(
    `${ws.regenerated ? "generated" : "up to date"}: ${ws.dir}\n` +
      `  ${ws.files.yaml} YAML files (${(ws.bytes.yaml / 1e6).toFixed(1)} MB), ` +
      `${ws.files.markdown} Markdown docs (${(ws.bytes.markdown / 1e6).toFixed(1)} MB) ` +
      `in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
