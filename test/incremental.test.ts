/**
 * Incremental relinting (`Workspace.update` / `remove` with the model updated
 * in place and only the affected rule parts rerun) against linting from
 * scratch: after every step of random edit sequences, on examples/acme and on
 * a small workspace built to make many rules fire, both the returned map of
 * changed files and the full `lint()` output must be deep-equal to a fresh
 * Workspace linted on the same files. Plus focused cases: a cross-file rename,
 * and the in-place path keeping the model (and every other definition) as is.
 */
import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import type { Diagnostic } from "../core/diagnostic.js";
import { diagnosticKey } from "../core/diagnostic.js";
import type { Workspace } from "../core/workspace.js";
import { REPO_ROOT } from "./helpers/cli.js";
import { brief, type Corpus, memoryWorkspace, readCorpus } from "./helpers/workspace.js";

const SEED = 20261122;

/** A small workspace where conflicts, loops, backward moves, unused and unresolved names all occur. */
const SMALL: Corpus = {
  name: "a small synthetic workspace",
  config: "version: 1\n",
  files: new Map([
    [
      "definitions/contact.yaml",
      `kind: Object
id: contact
owner: ops
properties:
  - { id: stage, type: enum, options: [new, warm, hot, won, lost] }
  - { id: score, type: number }
  - { id: status, type: enum, options: [open, working, done] }
  - { id: region, type: enum, options: [emea, amer, apac] }
  - { id: touched_at, type: datetime }
  - { id: old_score, type: number, status: deprecated, replacedBy: score }
  - { id: spare, type: string }
`,
    ],
    [
      "definitions/pipeline.yaml",
      `kind: Pipeline
id: funnel
object: contact
property: stage
forwardOnly: true
stages: [new, warm, hot, won, lost]
---
kind: Stage
id: new
definition: A new record.
owner: ops
exitCriteria: [qualified]
---
kind: Stage
id: warm
definition: A warm record.
owner: ops
exitCriteria: [engaged]
---
kind: Stage
id: hot
definition: A hot record.
owner: sales
exitCriteria: [meeting]
`,
    ],
    [
      // Stages alone in a file: edits of them take the in-place path.
      "definitions/closed-stages.yaml",
      `kind: Stage
id: won
definition: A won record.
owner: sales
terminal: true
---
kind: Stage
id: lost
definition: A lost record.
owner: sales
terminal: true
`,
    ],
    [
      "definitions/teams.yaml",
      `kind: Team
id: ops
name: Ops
---
kind: Team
id: sales
name: Sales
---
kind: Team
id: idle
name: Idle
`,
    ],
    [
      "definitions/events.yaml",
      `kind: Event
id: demo
object: contact
---
kind: Event
id: webinar
object: contact
`,
    ],
    [
      "definitions/triggers/warm.yaml",
      `kind: Trigger
id: to-warm
object: contact
owner: ops
when:
  all:
    - { property: score, op: gte, value: 40 }
    - { property: stage, op: eq, value: new }
actions:
  - setStage: warm
  - setProperty: { property: status, value: open }
---
kind: Trigger
id: to-hot
object: contact
owner: sales
when:
  all:
    - { property: score, op: gte, value: 70 }
    - { event: demo, op: occurred }
actions:
  - setStage: hot
  - setProperty: { property: status, value: working }
`,
    ],
    [
      "definitions/triggers/status.yaml",
      `kind: Trigger
id: reopen
object: contact
owner: ops
reenroll: true
when: { property: status, op: eq, value: done }
actions:
  - setProperty: { property: status, value: open }
---
kind: Trigger
id: close
object: contact
owner: ops
reenroll: true
when: { property: status, op: eq, value: open }
actions:
  - setProperty: { property: status, value: done }
  - setProperty: { property: touched_at, value: now }
`,
    ],
    [
      "definitions/triggers/region.yaml",
      `kind: Trigger
id: emea-route
object: contact
owner: sales
when: { property: region, op: eq, value: emea }
actions:
  - setProperty: { property: old_score, value: 5 }
  - assign: { team: sales, method: round-robin }
`,
    ],
    [
      "definitions/scoring.yaml",
      `kind: ScoringModel
id: fit
object: contact
property: score
groups:
  - id: engagement
    rules:
      - { when: { event: demo, op: occurred }, points: 50 }
      - { when: { event: webinar, op: occurred }, points: 30 }
thresholds:
  - { stage: warm, min: 40 }
  - { stage: hot, min: 70 }
`,
    ],
    [
      "handbook/index.md",
      `---
title: Funnel
owner: ops
---
# Funnel

Records start [new](stage:new), warm up ([warm](stage:warm)) and are routed by
[emea-route](trigger:emea-route). See [scoring](#scoring) and [the guide](guide.md#steps).

## Scoring

The [fit model](scoring:fit) adds points.
`,
    ],
    [
      "handbook/guide.md",
      `---
title: Guide
---
# Guide

## Steps

Ask [sales](team:sales); read the [index](index.md).
`,
    ],
  ]),
};

const CORPORA: Corpus[] = [SMALL];
const ACME = path.join(REPO_ROOT, "examples/acme");
if (existsSync(path.join(ACME, "revbook.yaml"))) CORPORA.unshift(readCorpus("examples/acme", ACME));

type Edit =
  | { kind: "number"; file: number; nth: number; value: number }
  | { kind: "op"; file: number; nth: number; op: string }
  | { kind: "setStage"; file: number; nth: number; stage: number }
  | { kind: "reenroll"; file: number; nth: number }
  | { kind: "setProperty"; file: number; nth: number; property: number }
  | { kind: "invalid"; file: number; nth: number }
  | { kind: "rename"; file: number; nth: number }
  | { kind: "remove"; file: number }
  | { kind: "add"; which: number; stage: number; value: number }
  | { kind: "link"; file: number; nth: number; target: number }
  | { kind: "heading"; file: number; nth: number }
  | { kind: "suppress"; file: number; line: number; rule: number }
  | { kind: "break"; file: number; line: number }
  | { kind: "restore"; file: number }
  | { kind: "stageField"; file: number; nth: number; field: number; value: number }
  | { kind: "stageDrop"; file: number; nth: number }
  | { kind: "points"; file: number; nth: number; value: number }
  | { kind: "propType"; file: number; nth: number; value: number }
  | { kind: "propField"; file: number; nth: number; field: number; value: number }
  | { kind: "options"; file: number; nth: number; value: number }
  | { kind: "stageOrder"; file: number; nth: number; at: number }
  | { kind: "pipelineField"; file: number; nth: number; value: number };

const OPS = ["eq", "neq", "gte", "lt", "in", "known", "contains"];
const TARGETS = [
  "stage:warm",
  "stage:mql",
  "stage:nope",
  "team:sales",
  "trigger:to-hot",
  "property:contact.spare",
];
const PROPERTIES = [
  "status",
  "stage",
  "touched_at",
  "score",
  "region",
  "lifecyclestage",
  "hs_lead_status",
  "bogus",
];
/** Stage fields the lifecycle rules read, one line each (inserted below a stage's id; may duplicate a key). */
const STAGE_FIELDS = [
  (v: number) => `owner: ${pick(["ops", "sales", "idle", "marketing", "nope"], v)}`,
  (v: number) => `crmValue: ${pick(["warm", "hot", "new", "won", "marketingqualifiedlead", "x"], v)}`,
  (v: number) => `sla: ${pick(["3d", "2w", "soon"], v)}`,
  (v: number) => `exitCriteria: ${pick(["[]", "[done]", "nope"], v)}`,
  (v: number) => `terminal: ${v % 2 === 0}`,
  (v: number) => `manual: ${v % 2 === 0}`,
  (v: number) =>
    `entry: { property: ${pick(PROPERTIES, v)}, op: ${pick(OPS, v)}, value: ${pick(["new", "warm", "40", "emea"], v)} }`,
  (v: number) => `enteredAt: ${pick(["touched_at", "createdate", "score", "bogus"], v)}`,
];
const TYPES = ["string", "number", "enum", "datetime", "boolean", "multienum", "reference", "percent"];
/** Property fields rules read, inserted after a property's id (may duplicate a key). */
const PROPERTY_FIELDS = [
  (v: number) => `status: ${pick(["retired", "deprecated", "active"], v)}`,
  (v: number) => `name: ${pick(["Label", "Other label"], v)}`,
  (v: number) => `required: ${v % 2 === 0}`,
  (v: number) => `replacedBy: ${pick(["score", "status", "lead_score", "bogus"], v)}`,
  (v: number) => `options: ${pick(OPTION_LISTS, v)}`,
];
const OPTION_LISTS = [
  "[new, warm, hot]",
  "[open, done]",
  "[emea, amer]",
  "[]",
  "[subscriber, lead, marketingqualifiedlead]",
];
const SUPPRESSED = ["", "unresolved-reference", "trigger-conflict", "stage-owner", "no-such-rule"];

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("stageOrder" as const),
      file: fc.nat(),
      nth: fc.nat(),
      at: fc.nat(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("pipelineField" as const),
      file: fc.nat(),
      nth: fc.nat(),
      value: fc.nat(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("propType" as const),
      file: fc.nat(),
      nth: fc.nat(),
      value: fc.nat(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("propField" as const),
      file: fc.nat(),
      nth: fc.nat(),
      field: fc.nat(),
      value: fc.nat(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("options" as const),
      file: fc.nat(),
      nth: fc.nat(),
      value: fc.nat(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("stageField" as const),
      file: fc.nat(),
      nth: fc.nat(),
      field: fc.nat(),
      value: fc.nat(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("stageDrop" as const), file: fc.nat(), nth: fc.nat() }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("points" as const),
      file: fc.nat(),
      nth: fc.nat(),
      value: fc.integer({ min: 0, max: 240 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("number" as const),
      file: fc.nat(),
      nth: fc.nat(),
      value: fc.integer({ min: 0, max: 120 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("op" as const),
      file: fc.nat(),
      nth: fc.nat(),
      op: fc.constantFrom(...OPS),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("setStage" as const),
      file: fc.nat(),
      nth: fc.nat(),
      stage: fc.nat(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("reenroll" as const), file: fc.nat(), nth: fc.nat() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("rename" as const), file: fc.nat(), nth: fc.nat() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("remove" as const), file: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("add" as const),
      which: fc.nat(),
      stage: fc.nat(),
      value: fc.integer({ min: 0, max: 120 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("link" as const),
      file: fc.nat(),
      nth: fc.nat(),
      target: fc.nat(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("suppress" as const),
      file: fc.nat(),
      line: fc.nat(),
      rule: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("break" as const), file: fc.nat(), line: fc.nat() }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("restore" as const), file: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("setProperty" as const),
      file: fc.nat(),
      nth: fc.nat(),
      property: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("invalid" as const), file: fc.nat(), nth: fc.nat() }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("heading" as const), file: fc.nat(), nth: fc.nat() }),
  },
);

/** Replaces the nth (mod count) match of `pattern` in `text`; unchanged when nothing matches. */
function replaceNth(
  text: string,
  pattern: RegExp,
  nth: number,
  replace: (m: RegExpExecArray) => string,
): string {
  const matches = [...text.matchAll(new RegExp(pattern.source, `${pattern.flags}g`))];
  if (matches.length === 0) return text;
  const m = matches[nth % matches.length] as RegExpExecArray;
  return text.slice(0, m.index) + replace(m) + text.slice(m.index + m[0].length);
}

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length] as T;
}

/** Applies one edit to the file map; returns the file touched and its new text (undefined: removed). */
function applyEdit(
  corpus: Corpus,
  files: Map<string, string>,
  edit: Edit,
): { file: string; text: string | undefined } | undefined {
  const names = [...files.keys()].sort();
  const yaml = names.filter((f) => f.endsWith(".yaml"));
  const md = names.filter((f) => f.endsWith(".md"));
  const stageIds = [...[...files.values()].join("\n").matchAll(/kind: Stage\nid: ([\w-]+)/g)].map(
    (m) => m[1] as string,
  );
  const stages = [...stageIds, "bogus"];
  const set = (file: string, text: string): { file: string; text: string } => ({ file, text });
  const withKind = (kind: string): string[] =>
    yaml.filter((f) => (files.get(f) as string).includes(`kind: ${kind}\n`));
  switch (edit.kind) {
    case "stageField": {
      const candidates = withKind("Stage");
      if (candidates.length === 0) return undefined;
      const file = pick(candidates, edit.file);
      const line = pick(STAGE_FIELDS, edit.field)(edit.value);
      return set(
        file,
        replaceNth(
          files.get(file) as string,
          /kind: Stage\nid: [\w-]+\n/,
          edit.nth,
          (m) => `${m[0]}${line}\n`,
        ),
      );
    }
    case "stageDrop": {
      const candidates = withKind("Stage");
      if (candidates.length === 0) return undefined;
      const file = pick(candidates, edit.file);
      return set(
        file,
        replaceNth(
          files.get(file) as string,
          /\n(?:owner|crmValue|sla|exitCriteria|terminal|manual|entry|enteredAt): [^\n]+/,
          edit.nth,
          () => "",
        ),
      );
    }
    case "points": {
      // Scoring-model points, caps and thresholds; odd values become halves (non-integer scores).
      const candidates = withKind("ScoringModel");
      if (candidates.length === 0) return undefined;
      const file = pick(candidates, edit.file);
      const value = edit.value % 2 === 1 ? `${(edit.value - 1) / 2}.5` : `${edit.value / 2}`;
      return set(
        file,
        replaceNth(
          files.get(file) as string,
          /\b(points|min|limit|max): \d+(?:\.\d+)?/,
          edit.nth,
          (m) => `${m[1]}: ${value}`,
        ),
      );
    }
    case "propType": {
      const candidates = withKind("Object");
      if (candidates.length === 0) return undefined;
      const file = pick(candidates, edit.file);
      const type = pick(TYPES, edit.value);
      return set(
        file,
        replaceNth(files.get(file) as string, /\btype: \w+/, edit.nth, () => `type: ${type}`),
      );
    }
    case "propField": {
      // After a property's id, in flow (`{ id: x, …}`) or block (`- id: x`) style.
      const candidates = withKind("Object");
      if (candidates.length === 0) return undefined;
      const file = pick(candidates, edit.file);
      const field = pick(PROPERTY_FIELDS, edit.field)(edit.value);
      return set(
        file,
        replaceNth(files.get(file) as string, /\{ id: [\w-]+|\n {2}- id: [\w-]+/, edit.nth, (m) =>
          m[0].startsWith("{") ? `${m[0]}, ${field}` : `${m[0]}\n    ${field}`,
        ),
      );
    }
    case "options": {
      const candidates = withKind("Object");
      if (candidates.length === 0) return undefined;
      const file = pick(candidates, edit.file);
      const options = pick(OPTION_LISTS, edit.value);
      return set(
        file,
        replaceNth(files.get(file) as string, /options: \[[^\]\n]*\]/, edit.nth, () => `options: ${options}`),
      );
    }
    case "stageOrder": {
      // Swaps two neighbouring stages of a pipeline's list (flow or block style).
      const candidates = withKind("Pipeline");
      if (candidates.length === 0) return undefined;
      const file = pick(candidates, edit.file);
      const swap = (items: string[]): string[] => {
        if (items.length < 2) return items;
        const i = edit.at % (items.length - 1);
        const out = [...items];
        [out[i], out[i + 1]] = [items[i + 1] as string, items[i] as string];
        return out;
      };
      return set(
        file,
        replaceNth(
          files.get(file) as string,
          /stages: \[([^\]\n]*)\]|stages:\n((?: {2}- [\w-]+\n)+)/,
          edit.nth,
          (m) =>
            m[1] !== undefined
              ? `stages: [${swap(m[1].split(", ")).join(", ")}]`
              : `stages:\n${swap((m[2] as string).split("\n").slice(0, -1)).join("\n")}\n`,
        ),
      );
    }
    case "pipelineField": {
      const candidates = withKind("Pipeline");
      if (candidates.length === 0) return undefined;
      const file = pick(candidates, edit.file);
      const line = pick(
        [
          `forwardOnly: ${edit.value % 2 === 0}`,
          `property: ${pick(["stage", "lifecyclestage", "status", "dealstage", "contact.stage", "bogus"], edit.value)}`,
          `owner: ${pick(["ops", "sales", "revops", "nope"], edit.value)}`,
        ],
        edit.value,
      );
      const key = line.slice(0, line.indexOf(":"));
      return set(
        file,
        replaceNth(files.get(file) as string, new RegExp(`\\n${key}: [\\w.-]+`), edit.nth, () => `\n${line}`),
      );
    }
    case "number": {
      if (yaml.length === 0) return undefined;
      const file = pick(yaml, edit.file);
      return set(
        file,
        replaceNth(files.get(file) as string, /value: \d+/, edit.nth, () => `value: ${edit.value}`),
      );
    }
    case "op": {
      if (yaml.length === 0) return undefined;
      const file = pick(yaml, edit.file);
      return set(
        file,
        replaceNth(files.get(file) as string, /op: \w+/, edit.nth, () => `op: ${edit.op}`),
      );
    }
    case "setStage": {
      if (yaml.length === 0) return undefined;
      const file = pick(yaml, edit.file);
      const stage = pick(stages, edit.stage);
      return set(
        file,
        replaceNth(files.get(file) as string, /setStage: [\w-]+/, edit.nth, () => `setStage: ${stage}`),
      );
    }
    case "reenroll": {
      if (yaml.length === 0) return undefined;
      const file = pick(yaml, edit.file);
      return set(
        file,
        replaceNth(files.get(file) as string, /kind: Trigger\n/, edit.nth, (m) => `${m[0]}reenroll: true\n`),
      );
    }
    case "setProperty": {
      if (yaml.length === 0) return undefined;
      const file = pick(yaml, edit.file);
      const property = pick(PROPERTIES, edit.property);
      return set(
        file,
        replaceNth(
          files.get(file) as string,
          /(setProperty|clearProperty): \{ property: [\w.]+/,
          edit.nth,
          (m) => `${m[1]}: { property: ${property}`,
        ),
      );
    }
    case "invalid": {
      // Still YAML, but no longer passes the schema: the definition stays, marked invalid.
      if (yaml.length === 0) return undefined;
      const file = pick(yaml, edit.file);
      return set(
        file,
        replaceNth(files.get(file) as string, /\bowner: [\w-]+/, edit.nth, () => "owner: [1, 2]"),
      );
    }
    case "rename": {
      if (yaml.length === 0) return undefined;
      const file = pick(yaml, edit.file);
      return set(
        file,
        replaceNth(files.get(file) as string, /\bid: ([\w-]+)/, edit.nth, (m) => `id: ${m[1]}x`),
      );
    }
    case "remove": {
      if (names.length === 0) return undefined;
      return { file: pick(names, edit.file), text: undefined };
    }
    case "add": {
      const stage = pick(stages, edit.stage);
      const object = /\bid: contact\b/.test([...files.values()].join("\n")) ? "contact" : "company";
      const text =
        edit.which % 2 === 0
          ? `kind: Trigger\nid: added-${edit.which}\nobject: ${object}\nowner: ops\nwhen: { property: score, op: gte, value: ${edit.value} }\nactions:\n  - setStage: ${stage}\n`
          : `kind: Team\nid: added-team-${edit.which}\nname: Added\n`;
      return set(`definitions/added-${edit.which % 4}.yaml`, text);
    }
    case "link": {
      if (md.length === 0) return undefined;
      const file = pick(md, edit.file);
      const text = files.get(file) as string;
      const target = pick(TARGETS, edit.target);
      const linked = replaceNth(text, /\]\([a-z]+:[\w.-]+\)/, edit.nth, () => `](${target})`);
      return set(file, linked === text ? `${text}\nSee [this](${target}).\n` : linked);
    }
    case "heading": {
      // Renames a heading: links from other docs to its anchor break (or a broken one is mended by `restore`).
      if (md.length === 0) return undefined;
      const file = pick(md, edit.file);
      return set(
        file,
        replaceNth(files.get(file) as string, /^(#+ .+)$/m, edit.nth, (m) => `${m[1]} again`),
      );
    }
    case "suppress": {
      if (names.length === 0) return undefined;
      const file = pick(names, edit.file);
      const lines = (files.get(file) as string).split("\n");
      const rule = pick(SUPPRESSED, edit.rule);
      const at = edit.line % lines.length;
      // In YAML a comment line; in Markdown an HTML comment after the front matter.
      const comment = file.endsWith(".md")
        ? `<!-- revbook-disable-next-line ${rule} -->`
        : `# revbook-disable${rule === "" ? "" : "-next-line"} ${rule}`.trimEnd();
      if (file.endsWith(".md") && at < 5) return undefined;
      lines.splice(at, 0, comment);
      return set(file, lines.join("\n"));
    }
    case "break": {
      if (yaml.length === 0) return undefined;
      const file = pick(yaml, edit.file);
      const lines = (files.get(file) as string).split("\n");
      lines.splice(edit.line % lines.length, 0, "  - : [");
      return set(file, lines.join("\n"));
    }
    case "restore": {
      const originals = [...corpus.files.keys()].sort();
      const file = pick(originals, edit.file);
      return set(file, corpus.files.get(file) as string);
    }
  }
}

function fresh(corpus: Corpus, files: Map<string, string>): Workspace {
  return memoryWorkspace(Object.fromEntries(files), corpus.config);
}

function byFile(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const map = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) map.set(d.file, [...(map.get(d.file) ?? []), d]);
  return map;
}

/** What `update` must return: files whose diagnostics (by identity key) differ, with their new lists. */
function expectedChanges(
  before: Map<string, Diagnostic[]>,
  after: Map<string, Diagnostic[]>,
): [string, Diagnostic[]][] {
  const out: [string, Diagnostic[]][] = [];
  for (const file of new Set([...before.keys(), ...after.keys()])) {
    const a = (before.get(file) ?? []).map(diagnosticKey);
    const b = (after.get(file) ?? []).map(diagnosticKey);
    if (a.length !== b.length || a.some((k, i) => k !== b[i])) out.push([file, after.get(file) ?? []]);
  }
  return out.sort(([x], [y]) => (x < y ? -1 : 1));
}

function sortedEntries(map: Map<string, Diagnostic[]>): [string, Diagnostic[]][] {
  return [...map].sort(([x], [y]) => (x < y ? -1 : 1));
}

for (const corpus of CORPORA) {
  describe(`incremental relint: random edits of ${corpus.name}`, function () {
    this.timeout(300_000);

    it("update / remove give the same changes and diagnostics as a fresh lint, after every step", () => {
      let inPlace = 0;
      const inPlaceOf = new Map<string, number>();
      fc.assert(
        fc.property(fc.array(editArb, { minLength: 1, maxLength: 7 }), (edits) => {
          const files = new Map(corpus.files);
          const ws = fresh(corpus, files);
          let previous = byFile(ws.lint());
          for (const edit of edits) {
            const step = applyEdit(corpus, files, edit);
            if (!step) continue;
            const model = ws.model;
            let changed: Map<string, Diagnostic[]>;
            if (step.text === undefined) {
              files.delete(step.file);
              changed = ws.remove(step.file);
            } else {
              files.set(step.file, step.text);
              changed = ws.update(step.file, step.text);
            }
            if (ws.model === model) {
              inPlace++;
              for (const kind of ["Stage", "ScoringModel", "Object", "Pipeline"])
                if (step.text?.includes(`kind: ${kind}\n`))
                  inPlaceOf.set(kind, (inPlaceOf.get(kind) ?? 0) + 1);
            }
            const expected = fresh(corpus, files).lint();
            const context = `after ${JSON.stringify(edit)} on ${step.file}`;
            assert.deepEqual(sortedEntries(changed), expectedChanges(previous, byFile(expected)), context);
            assert.deepEqual(ws.lint(), expected, context);
            previous = byFile(expected);
          }
        }),
        { seed: SEED, numRuns: corpus === SMALL ? 100 : 12 },
      );
      // The in-place path must have been exercised, not only full rebuilds.
      assert.ok(inPlace > 10, `only ${inPlace} in-place updates`);
      // …including edits of stages and scoring models.
      for (const kind of ["Stage", "ScoringModel", "Object", "Pipeline"])
        assert.ok(
          (inPlaceOf.get(kind) ?? 0) >= (corpus === SMALL ? 5 : 2),
          `only ${inPlaceOf.get(kind) ?? 0} in-place ${kind} edits`,
        );
    });
  });
}

describe("incremental relint: focused cases", () => {
  it("renaming a stage in one file changes exactly the files that name it", () => {
    const files = new Map(SMALL.files);
    const ws = fresh(SMALL, files);
    ws.lint();
    const pipeline = (files.get("definitions/pipeline.yaml") as string).replace("id: hot\n", "id: hotter\n");
    const changed = ws.update("definitions/pipeline.yaml", pipeline);
    assert.deepEqual([...changed.keys()].sort(), [
      "definitions/pipeline.yaml",
      "definitions/scoring.yaml",
      "definitions/triggers/warm.yaml",
    ]);
    // A file's entry is its complete new list: the stage-backward on `setStage: hot` became an unresolved reference.
    assert.deepEqual(changed.get("definitions/triggers/warm.yaml")?.map(brief), [
      "trigger-conflict definitions/triggers/warm.yaml:11:45-11:49",
      "unresolved-reference definitions/triggers/warm.yaml:22:15-22:18",
      "trigger-conflict definitions/triggers/warm.yaml:23:45-23:52",
    ]);
    assert.deepEqual(changed.get("definitions/scoring.yaml")?.map(brief), [
      "unresolved-reference definitions/scoring.yaml:12:14-12:17",
    ]);
    files.set("definitions/pipeline.yaml", pipeline);
    assert.deepEqual(ws.lint(), fresh(SMALL, files).lint());
  });

  it("renaming a heading breaks the links to its anchor in other docs, and only those files change", () => {
    const files = new Map(SMALL.files);
    const ws = fresh(SMALL, files);
    ws.lint();
    const model = ws.model;
    const guide = (files.get("handbook/guide.md") as string).replace("## Steps", "## First steps");
    const changed = ws.update("handbook/guide.md", guide);
    assert.equal(ws.model, model);
    assert.deepEqual([...changed.keys()], ["handbook/index.md"]);
    assert.deepEqual(changed.get("handbook/index.md")?.map(brief), [
      "doc-broken-link handbook/index.md:8:75-8:89",
    ]);
    files.set("handbook/guide.md", guide);
    assert.deepEqual(ws.lint(), fresh(SMALL, files).lint());
  });

  it("editing a trigger's condition updates the model in place and keeps other definitions", () => {
    const files = new Map(SMALL.files);
    const ws = fresh(SMALL, files);
    ws.lint();
    const model = ws.model;
    const close = model.get("Trigger", "close");
    const text = (files.get("definitions/triggers/warm.yaml") as string).replace("value: 70", "value: 20");
    ws.update("definitions/triggers/warm.yaml", text);
    assert.equal(ws.model, model);
    assert.equal(model.get("Trigger", "close"), close);
    assert.notEqual(model.get("Trigger", "to-hot"), undefined);
    files.set("definitions/triggers/warm.yaml", text);
    assert.deepEqual(ws.lint(), fresh(SMALL, files).lint());
  });

  it("triggers that stop writing a property drop the conflicts they had there", () => {
    const files = new Map(SMALL.files);
    const ws = fresh(SMALL, files);
    assert.deepEqual(
      ws
        .lint()
        .filter((d) => d.file === "definitions/triggers/warm.yaml")
        .map(brief),
      [
        "trigger-conflict definitions/triggers/warm.yaml:11:45-11:49",
        "stage-backward definitions/triggers/warm.yaml:22:15-22:18",
        "trigger-conflict definitions/triggers/warm.yaml:23:45-23:52",
      ],
    );
    // Neither trigger of the file writes `status` any more: the `status` group must be rechecked.
    const text = (files.get("definitions/triggers/warm.yaml") as string)
      .replace(
        "- setProperty: { property: status, value: open }",
        "- setProperty: { property: region, value: emea }",
      )
      .replace(
        "- setProperty: { property: status, value: working }",
        "- setProperty: { property: region, value: emea }",
      );
    const changed = ws.update("definitions/triggers/warm.yaml", text);
    assert.equal(ws.model.revision, 1);
    assert.deepEqual([...changed.keys()], ["definitions/triggers/warm.yaml"]);
    assert.deepEqual(changed.get("definitions/triggers/warm.yaml")?.map(brief), [
      "stage-backward definitions/triggers/warm.yaml:22:15-22:18",
    ]);
    files.set("definitions/triggers/warm.yaml", text);
    assert.deepEqual(ws.lint(), fresh(SMALL, files).lint());
  });

  it("a trigger edit reruns its write groups: the conflict it reports names another trigger", () => {
    const files = new Map(SMALL.files);
    const ws = fresh(SMALL, files);
    ws.lint();
    // `to-warm` now sets status `done`: it no longer conflicts with `close` (which sets `done`) but with `reopen`.
    const text = (files.get("definitions/triggers/warm.yaml") as string).replace(
      "- setProperty: { property: status, value: open }",
      "- setProperty: { property: status, value: done }",
    );
    const changed = ws.update("definitions/triggers/warm.yaml", text);
    assert.deepEqual([...changed.keys()], ["definitions/triggers/warm.yaml"]);
    const conflict = changed
      .get("definitions/triggers/warm.yaml")
      ?.find((d) => d.rule === "trigger-conflict");
    assert.equal(
      brief(conflict as Diagnostic),
      "trigger-conflict definitions/triggers/warm.yaml:11:45-11:49",
    );
    assert.match(
      (conflict as Diagnostic).message,
      /^trigger `to-warm` sets `status` to `done`, but trigger `reopen` sets `status` to `open`/,
    );
    files.set("definitions/triggers/warm.yaml", text);
    assert.deepEqual(ws.lint(), fresh(SMALL, files).lint());
  });
});
