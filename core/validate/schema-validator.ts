/**
 * JSON Schema validation of definition documents, Markdown front matter and
 * revbook.yaml against the schemas in `schemas/` (draft 2020-12; validators
 * from compiled-validators.ts, each loaded when first needed); ajv's raw errors are turned into one plain-language problem per
 * real mistake, with a JSON pointer the loader maps back to a YAML node.
 */
import type { ErrorObject } from "ajv/dist/2020.js";
import { distance } from "fastest-levenshtein";
import { compiledSchema, isObject, type JsonObject, type SchemaNodeInfo } from "./compiled-validators.js";
import { KINDS, schemaNameForKind } from "./schema-files.js";

export {
  KINDS,
  SCHEMA_BASE_URL,
  SCHEMA_NAMES,
  schemaFilePath,
  schemaIdForKind,
  schemaNameForKind,
} from "./schema-files.js";

export interface SchemaProblem {
  /** JSON pointer into the validated value, e.g. "/when/all/0/op" ("" = the root). */
  pointer: string;
  /**
   * Where to point: the key of the field (unknown field), the value (wrong type/enum/format),
   * or the mapping itself (missing required field).
   */
  target: "key" | "value" | "container";
  /** One clear sentence for a RevOps admin. */
  message: string;
  /** A human hint such as "did you mean `definition`?". */
  suggestion?: string;
  /** The replacement text, present only when exactly one safe replacement exists. */
  replacement?: string;
}

// ---------------------------------------------------------------------------------------------
// Wording

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? "an" : "a";
}

function decodeSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

function encodeSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

function segmentsOf(pointer: string): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map(decodeSegment);
}

function pointerOf(segments: readonly string[]): string {
  return segments.map((s) => `/${encodeSegment(s)}`).join("");
}

/** The value at a pointer, following own properties only. */
function valueAt(root: unknown, segments: readonly string[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      current = /^\d+$/.test(segment) ? current[Number(segment)] : undefined;
    } else if (isObject(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

/** "`sla`", "item 2 of `stages`", "the document". */
function fieldLabel(segments: readonly string[]): string {
  if (segments.length === 0) return "the document";
  const last = segments[segments.length - 1] as string;
  if (/^\d+$/.test(last) && segments.length > 1) {
    return `item ${Number(last) + 1} of ${fieldLabel(segments.slice(0, -1))}`;
  }
  return `\`${last}\``;
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}

/** The value as quoted in a message: `2 hours`, `5`, "a list". */
function shown(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") {
    // Quote text that YAML would otherwise read as a number or true/false.
    const quoted = /^(?:[-+]?[\d.]+(?:e[-+]?\d+)?|true|false|null|~)$/i.test(value) ? `"${value}"` : value;
    return `\`${truncate(quoted)}\``;
  }
  return `\`${String(value)}\``;
}

/** ", not `x`" / " (it is empty)". */
function notPart(value: unknown): string {
  if (value === null || value === undefined) return " (it is empty)";
  return `, not ${shown(value)}`;
}

const YAML11_BOOLEANS: Record<string, string | undefined> = {
  yes: "true",
  y: "true",
  on: "true",
  no: "false",
  n: "false",
  off: "false",
};

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  integer: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  null: "empty",
};

function joinOr(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function joinAnd(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function code(words: readonly unknown[]): string[] {
  return words.map((w) => `\`${String(w)}\``);
}

interface Candidate {
  word: string;
  score: number;
}

/** Whether `a` becomes `b` by swapping two neighbouring letters (`tilte` → `title`). */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  const [i, j] = diff;
  return diff.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i];
}

/**
 * Near matches of a misspelt word: a case-only difference, an edit distance of at most 2
 * (at most 1 for words under 6 letters; a swap of two neighbouring letters counts as 1),
 * or a prefix of at least 3 letters (`warning` → `warn`). Best matches only.
 */
function nearest(input: string, choices: readonly string[]): string[] {
  const found: Candidate[] = [];
  const lower = input.toLowerCase();
  const allowed = Math.min(2, Math.max(1, Math.floor(input.length / 3)));
  for (const word of choices) {
    if (word === input) continue;
    const wl = word.toLowerCase();
    if (wl === lower) {
      found.push({ word, score: 0 });
      continue;
    }
    const d = isTransposition(lower, wl) ? 1 : distance(lower, wl);
    const shorter = Math.min(lower.length, wl.length);
    if (d <= allowed || (shorter >= 3 && (lower.startsWith(wl) || wl.startsWith(lower)))) {
      found.push({ word, score: d });
    }
  }
  if (found.length === 0) return [];
  const best = Math.min(...found.map((c) => c.score));
  return found.filter((c) => c.score === best).map((c) => c.word);
}

/** Adds "did you mean …?" and, for a single candidate, the replacement. */
function withSuggestion(problem: SchemaProblem, input: unknown, choices: readonly unknown[]): SchemaProblem {
  if (typeof input !== "string" && typeof input !== "number") return problem;
  const strings = choices.filter((c): c is string => typeof c === "string");
  const near = nearest(String(input), strings);
  if (near.length === 0) return problem;
  problem.suggestion = `did you mean ${joinOr(code(near))}?`;
  if (near.length === 1) problem.replacement = near[0];
  return problem;
}

// ---------------------------------------------------------------------------------------------
// Error mapping

interface Context {
  /** The validated value. */
  root: unknown;
  /** How the root is named after "is required": "on a Stage", "in revbook.yaml". */
  rootRequired: string;
  /** How the root is named after "unknown field `x`": "on Stage", "in revbook.yaml". */
  rootUnknown: string;
  nodes: WeakMap<object, SchemaNodeInfo>;
}

function infoOf(ctx: Context, schema: unknown): SchemaNodeInfo {
  return (isObject(schema) ? ctx.nodes.get(schema) : undefined) ?? { conditions: [] };
}

/** "on a property test", "on property `company`", or the root's wording. */
function where(
  ctx: Context,
  segments: readonly string[],
  schema: unknown,
  style: "required" | "unknown",
): string {
  if (segments.length === 0) return style === "required" ? ctx.rootRequired : ctx.rootUnknown;
  const title = infoOf(ctx, schema).title;
  const data = valueAt(ctx.root, segments);
  const id = isObject(data) && typeof data.id === "string" && data.id !== "" ? data.id : undefined;
  if (title === undefined) return `in ${fieldLabel(segments)}`;
  if (id !== undefined) return `on ${title} \`${id}\``;
  return `on ${article(title)} ${title}`;
}

/** " when `type` is `enum`" for requirements that come from an `if`/`then`. */
function reason(ctx: Context, segments: readonly string[], schema: unknown): string {
  const guard = infoOf(ctx, schema).conditions.at(-1);
  if (!guard || guard.levelsUp > segments.length) return "";
  const props = guard.ifSchema.properties;
  if (!isObject(props)) return "";
  const data = valueAt(ctx.root, segments.slice(0, segments.length - guard.levelsUp));
  if (!isObject(data)) return "";
  for (const [key, test] of Object.entries(props)) {
    if (!isObject(test) || !("const" in test || "enum" in test)) continue;
    if (!Object.hasOwn(data, key)) continue;
    const value = data[key];
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      return ` when \`${key}\` is \`${String(value)}\``;
    }
  }
  return "";
}

/** Known field names of the schema an error came from. */
function fieldsOf(schema: unknown): string[] {
  return isObject(schema) && isObject(schema.properties) ? Object.keys(schema.properties) : [];
}

/** Keys that say what a condition is, and every key a condition may have. */
const CONDITION_KINDS = ["all", "any", "not", "property", "event"];
const CONDITION_KEYS = [...CONDITION_KINDS, "op", "value", "within"];

const ID_PATTERN = "^[a-z][a-z0-9_-]*$";

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .replace(/-+$/, "");
}

function formatMessage(label: string, format: string, value: unknown): string {
  switch (format) {
    case "duration":
      return `${label} must be an ISO 8601 duration such as PT2H or P3D${notPart(value)}`;
    case "date":
      return `${label} must be a date written YYYY-MM-DD, such as 2025-01-31${notPart(value)}`;
    case "uri":
      return `${label} must be a web address such as https://gitlab.com/acme/handbook${notPart(value)}`;
    default:
      return `${label} must be a valid ${format}${notPart(value)}`;
  }
}

/** `anyOf` whose branches are all `required`: "needs one of `team` or `channel`" (or a near-miss key). */
function oneOfKeysProblem(
  ctx: Context,
  error: ErrorObject,
  branches: readonly ErrorObject[],
): SchemaProblem[] {
  const segments = segmentsOf(error.instancePath);
  const alternatives = branches.map((b) =>
    String((b.params as { missingProperty?: unknown }).missingProperty),
  );
  const data = valueAt(ctx.root, segments);
  const known = fieldsOf(error.parentSchema);
  const problems: SchemaProblem[] = [];
  if (isObject(data)) {
    for (const key of Object.keys(data)) {
      if (known.includes(key)) continue;
      const near = nearest(key, alternatives);
      if (near.length === 0) continue;
      problems.push(
        withSuggestion(
          {
            pointer: pointerOf([...segments, key]),
            target: "key",
            message: `unknown field \`${key}\` ${where(ctx, segments, error.parentSchema, "unknown")}`,
          },
          key,
          alternatives,
        ),
      );
    }
    // A property or event test without its subject: `{op: gte, value: 60}`.
    const title = infoOf(ctx, error.parentSchema).title;
    if (problems.length === 0 && title === "condition" && Object.hasOwn(data, "op")) {
      const isEvent = ["occurred", "notOccurred", "countAtLeast"].includes(String(data.op));
      problems.push({
        pointer: error.instancePath,
        target: "container",
        message: isEvent
          ? "`event` is required on an event test"
          : "`property` is required on a property test",
      });
    }
  }
  if (problems.length > 0) return problems;
  return [
    {
      pointer: error.instancePath,
      target: "container",
      message: `${fieldLabel(segments)} needs one of ${joinOr(code(alternatives))}`,
    },
  ];
}

/** One ajv error in words. */
function mapError(ctx: Context, error: ErrorObject): SchemaProblem {
  const segments = segmentsOf(error.instancePath);
  const label = fieldLabel(segments);
  const value = valueAt(ctx.root, segments);
  const schema: unknown = error.parentSchema;
  const params = error.params as Record<string, unknown>;
  const pointer = error.instancePath;
  switch (error.keyword) {
    case "required": {
      const missing = String(params.missingProperty);
      return {
        pointer,
        target: "container",
        message: `\`${missing}\` is required ${where(ctx, segments, schema, "required")}${reason(ctx, segments, schema)}`,
      };
    }
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const present = isObject(value) ? Object.keys(value) : [];
      const choices = fieldsOf(schema).filter((f) => !present.includes(f));
      const message = `unknown field \`${key}\` ${where(ctx, segments, schema, "unknown")}`;
      const title = infoOf(ctx, schema).title;
      if (
        (title?.endsWith(" group") || title?.endsWith(" test")) &&
        CONDITION_KEYS.includes(key) &&
        isObject(value)
      ) {
        // `{all: [...], property: x, op: known}`: one problem for the mix-up, not one per extra key.
        const found = CONDITION_KINDS.filter((k) => Object.hasOwn(value, k));
        if (found.length > 1) {
          return {
            pointer,
            target: "container",
            message: `a condition has exactly one of ${joinOr(code(CONDITION_KINDS))}, found ${joinAnd(code(found))}; give each its own condition`,
          };
        }
      }
      return withSuggestion({ pointer: pointerOf([...segments, key]), target: "key", message }, key, choices);
    }
    case "type": {
      const expected = Array.isArray(params.type) ? params.type.map(String) : String(params.type).split(",");
      if (isObject(schema) && typeof schema.format === "string") {
        return { pointer, target: "value", message: formatMessage(label, schema.format, value) };
      }
      if (infoOf(ctx, schema).title === "rule setting") {
        return {
          pointer,
          target: "value",
          message: `${label} must be a severity (error, warn, info or off) or a mapping such as \`{ severity: warn }\``,
        };
      }
      const words = expected.map((t) =>
        t === "boolean" && expected.length > 1 ? "true/false" : (TYPE_WORDS[t] ?? t),
      );
      const problem: SchemaProblem = {
        pointer,
        target: "value",
        message: `${label} must be ${joinOr(words)}${notPart(value)}`,
      };
      // YAML 1.1 habits: under YAML 1.2, `yes` / `no` / `on` / `off` are text.
      const truth = typeof value === "string" ? YAML11_BOOLEANS[value.toLowerCase()] : undefined;
      if (expected.includes("boolean") && truth !== undefined && typeof value === "string") {
        problem.suggestion = `YAML 1.2 reads \`${value}\` as text; did you mean \`${truth}\`?`;
        problem.replacement = truth;
      }
      return problem;
    }
    case "enum": {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      return withSuggestion(
        {
          pointer,
          target: "value",
          message: `${label} must be one of ${allowed.map(String).join(", ")}${notPart(value)}`,
        },
        value,
        allowed,
      );
    }
    case "const":
      return {
        pointer,
        target: "value",
        message: `${label} must be ${String(params.allowedValue)}${notPart(value)}`,
      };
    case "format":
      return { pointer, target: "value", message: formatMessage(label, String(params.format), value) };
    case "pattern": {
      const pattern = String(params.pattern);
      if (pattern === ID_PATTERN) {
        const problem: SchemaProblem = {
          pointer,
          target: "value",
          message: `${label} must start with a lowercase letter and use only lowercase letters, digits, \`_\` and \`-\`${notPart(value)}`,
        };
        const slug = typeof value === "string" ? slugify(value) : "";
        // Renaming an id is not safe (references use it), so a hint without a replacement.
        if (slug !== "" && new RegExp(ID_PATTERN).test(slug)) problem.suggestion = `use \`${slug}\``;
        return problem;
      }
      if (pattern === "\\{path\\}") {
        return {
          pointer,
          target: "value",
          message: `${label} must contain \`{path}\`, where the file's path goes`,
        };
      }
      return {
        pointer,
        target: "value",
        message: `${label} does not have the expected form${notPart(value)}`,
      };
    }
    case "minLength":
      return { pointer, target: "value", message: `${label} must not be empty` };
    case "minItems": {
      const limit = Number(params.limit);
      return {
        pointer,
        target: "value",
        message:
          limit === 1 ? `${label} needs at least one entry` : `${label} needs at least ${limit} entries`,
      };
    }
    case "uniqueItems": {
      const later = Math.max(Number(params.i), Number(params.j));
      const item = valueAt(ctx.root, [...segments, String(later)]);
      return {
        pointer: pointerOf([...segments, String(later)]),
        target: "value",
        message: `${shown(item)} is listed twice in ${label}`,
      };
    }
    case "minimum":
      return {
        pointer,
        target: "value",
        message: `${label} must be at least ${String(params.limit)}${reason(ctx, segments, schema)}${notPart(value)}`,
      };
    case "maximum":
      return {
        pointer,
        target: "value",
        message: `${label} must be at most ${String(params.limit)}${reason(ctx, segments, schema)}${notPart(value)}`,
      };
    case "minProperties": {
      const fields = fieldsOf(schema);
      return {
        pointer,
        target: "container",
        message: `${label} is empty: it needs one of ${joinOr(code(fields))}`,
      };
    }
    case "maxProperties": {
      const keys = isObject(value) ? Object.keys(value) : [];
      if (infoOf(ctx, schema).title === "action") {
        const parent = segments.length > 1 ? fieldLabel(segments.slice(0, -1)) : "`actions`";
        return {
          pointer,
          target: "container",
          message: `each action has exactly one key: split ${joinAnd(code(keys))} into separate items of ${parent}`,
        };
      }
      return {
        pointer,
        target: "container",
        message: `${label} may have at most ${String(params.limit)} fields, not ${keys.length}`,
      };
    }
    default:
      return { pointer, target: "value", message: `${label} ${error.message ?? "is not valid"}` };
  }
}

/** Turns ajv's errors into one problem per real mistake. */
function mapErrors(ctx: Context, errors: readonly ErrorObject[]): SchemaProblem[] {
  // `anyOf` whose branches are all `required` becomes one "needs one of" problem.
  const keyGroups = new Map<ErrorObject, ErrorObject[]>();
  const consumed = new Set<ErrorObject>();
  for (const error of errors) {
    if (error.keyword !== "anyOf" && error.keyword !== "oneOf") continue;
    const alternatives: unknown[] = Array.isArray(error.schema) ? error.schema : [];
    const branches = errors.filter(
      (e) => e !== error && e.instancePath === error.instancePath && alternatives.includes(e.parentSchema),
    );
    if (branches.length > 0 && branches.every((b) => b.keyword === "required")) {
      keyGroups.set(error, branches);
      for (const b of branches) consumed.add(b);
    }
  }
  const problems: SchemaProblem[] = [];
  /** Required-field problems and the field they miss. */
  const missing = new Map<SchemaProblem, string>();
  for (const error of errors) {
    if (consumed.has(error)) continue;
    const branches = keyGroups.get(error);
    if (branches) {
      problems.push(...oneOfKeysProblem(ctx, error, branches));
      continue;
    }
    // Other `anyOf`/`oneOf` wrappers and `if` only say "a branch failed"; the branch's own errors say why.
    if (error.keyword === "if" || error.keyword === "anyOf" || error.keyword === "oneOf") continue;
    const problem = mapError(ctx, error);
    if (error.keyword === "required") missing.set(problem, String(error.params.missingProperty));
    problems.push(problem);
  }
  // A misspelt required field (`defintion`) is one mistake: keep the unknown-field problem, which
  // carries the fix, and drop "`definition` is required".
  const misspelt = new Set<string>();
  for (const p of problems) {
    if (p.target === "key" && p.replacement !== undefined) {
      misspelt.add(`${p.pointer.slice(0, p.pointer.lastIndexOf("/"))}\u0000${p.replacement}`);
    }
  }
  const seen = new Set<string>();
  return problems.filter((p) => {
    const field = missing.get(p);
    if (field !== undefined && misspelt.has(`${p.pointer}\u0000${field}`)) return false;
    const key = `${p.pointer}\u0000${p.target}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function run(name: string, value: unknown, rootRequired: string, rootUnknown: string): SchemaProblem[] {
  const { validate, nodes } = compiledSchema(name);
  if (validate(value)) return [];
  return mapErrors({ root: value, rootRequired, rootUnknown, nodes }, validate.errors ?? []);
}

function isMapping(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Public API

/** Validates one definition document against the schema of its `kind`. */
export function validateDefinition(value: unknown): SchemaProblem[] {
  if (!isMapping(value)) {
    return [
      { pointer: "", target: "container", message: "a definition must be a mapping with `kind` and `id`" },
    ];
  }
  if (!Object.hasOwn(value, "kind")) {
    return [
      {
        pointer: "",
        target: "container",
        message: `\`kind\` is required: one of ${KINDS.join(", ")}`,
      },
    ];
  }
  const kind = value.kind;
  const name = typeof kind === "string" ? schemaNameForKind(kind) : undefined;
  if (typeof kind !== "string" || name === undefined) {
    const message =
      typeof kind === "string"
        ? `unknown kind \`${truncate(kind)}\`: \`kind\` must be one of ${KINDS.join(", ")}`
        : `\`kind\` must be one of ${KINDS.join(", ")}${notPart(kind)}`;
    return [withSuggestion({ pointer: "/kind", target: "value", message }, kind, KINDS)];
  }
  return run(name, value, `on ${article(kind)} ${kind}`, `on ${kind}`);
}

/** Validates the YAML front matter of a Markdown process doc. */
export function validateFrontmatter(value: unknown): SchemaProblem[] {
  if (!isMapping(value)) {
    return [
      { pointer: "", target: "container", message: "front matter must be a mapping with at least a `title`" },
    ];
  }
  return run("frontmatter", value, "in the front matter", "in the front matter");
}

/** Validates revbook.yaml (rule ids and rule options are checked elsewhere). */
export function validateConfig(value: unknown): SchemaProblem[] {
  if (!isMapping(value)) {
    return [
      {
        pointer: "",
        target: "container",
        message: "revbook.yaml must be a mapping that starts with `version: 1`",
      },
    ];
  }
  return run("revbook", value, "in revbook.yaml", "in revbook.yaml");
}
