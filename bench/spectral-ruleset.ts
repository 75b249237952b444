/**
 * Builds the Spectral ruleset the lint benchmark compares revbook against:
 * one rule per definition kind, each applying Spectral's core `schema`
 * function (AJV, dialect draft 2020-12, `allErrors`) with revbook's own JSON
 * Schema of that kind to every YAML document whose `kind` matches (a JSONPath
 * filter on `kind`, so a document only pays for its own kind's schema), plus
 * one rule for the `kind` itself.
 *
 * revbook's schemas reference each other across files
 * (`common.schema.json#/$defs/condition`); Spectral's `schema` function takes
 * one schema object, so each kind's schema is bundled: `common`'s `$defs` are
 * copied in unprefixed, a file's own `$defs` get a `<file>--` prefix, and
 * every `$ref` is rewritten to a local `#/$defs/...` pointer. Conditions are
 * recursive, so the refs cannot be inlined away; AJV resolves them. (Spectral's
 * ruleset loader also tries to resolve them against the ruleset file and emits
 * one `invalid-ref` notice per distinct ref, attributed to the ruleset file;
 * the benchmark counts those separately. They do not affect validation.)
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** A JSON value (the schemas are plain JSON). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface SchemaFile {
  /** File name without `.schema.json`, e.g. `trigger`. */
  base: string;
  schema: JsonObject;
}

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const COMMON = "common";
/** Schemas of files that are not definition kinds. */
const NOT_KINDS = new Set(["common", "revbook", "frontmatter"]);

/** The `$defs` name a file's local definition gets in a bundle. */
function defName(base: string, name: string): string {
  return base === COMMON ? name : `${base}--${name}`;
}

/** Rewrites `$ref`s of a schema from file `base` to bundle-local pointers; drops nested `$id` / `$schema`. */
function rewrite(node: Json, base: string, needed: Set<string>): Json {
  if (Array.isArray(node)) return node.map((n) => rewrite(n, base, needed));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$id" || key === "$schema") continue;
    if (key === "$ref" && typeof value === "string") {
      out[key] = rewriteRef(value, base, needed);
      continue;
    }
    out[key] = rewrite(value, base, needed);
  }
  return out;
}

function rewriteRef(ref: string, base: string, needed: Set<string>): string {
  const m = /^(?:([a-z-]+)\.schema\.json)?#(.*)$/.exec(ref);
  if (!m) throw new Error(`unsupported $ref ${ref} in ${base}.schema.json`);
  const file = m[1] ?? base;
  const pointer = m[2] ?? "";
  needed.add(file);
  if (pointer === "" || pointer === "/") return `#/$defs/${defName(file, "")}root`;
  const local = /^\/\$defs\/([^/]+)(\/.*)?$/.exec(pointer);
  if (!local) throw new Error(`unsupported $ref ${ref} in ${base}.schema.json`);
  return `#/$defs/${defName(file, local[1] as string)}${local[2] ?? ""}`;
}

export function readSchemas(schemaDir: string): SchemaFile[] {
  return readdirSync(schemaDir)
    .filter((f) => f.endsWith(".schema.json"))
    .sort()
    .map((f) => ({
      base: f.slice(0, -".schema.json".length),
      schema: JSON.parse(readFileSync(path.join(schemaDir, f), "utf8")) as JsonObject,
    }));
}

/** Every `$ref` string below a node. */
function refsIn(node: Json, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) refsIn(n, out);
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") out.push(value);
      else refsIn(value, out);
    }
  }
  return out;
}

/**
 * A self-contained set of `$defs` for one definition kind, its root under
 * `<file>--root`; only definitions reachable from that root are kept (Spectral
 * recompiles the schema for every document, so dead weight would be charged
 * to it).
 */
function bundle(files: readonly SchemaFile[], base: string): JsonObject {
  const byBase = new Map(files.map((f) => [f.base, f]));
  const all: JsonObject = {};
  const done = new Set<string>();
  const queue = [base];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    if (done.has(current)) continue;
    done.add(current);
    const file = byBase.get(current);
    if (!file) throw new Error(`schema ${current}.schema.json not found`);
    const needed = new Set<string>();
    const { $defs, ...root } = file.schema;
    all[`${defName(current, "")}root`] = rewrite(root, current, needed);
    if (isObject($defs)) {
      for (const [name, def] of Object.entries($defs))
        all[defName(current, name)] = rewrite(def, current, needed);
    }
    for (const n of needed) if (!done.has(n)) queue.push(n);
  }
  const kept: JsonObject = {};
  const pending = [`${defName(base, "")}root`];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (name in kept) continue;
    const def = all[name];
    if (def === undefined) throw new Error(`$defs/${name} is referenced but not defined (bundling ${base})`);
    kept[name] = def;
    for (const ref of refsIn(def)) pending.push((/^#\/\$defs\/([^/]+)/.exec(ref)?.[1] ?? name) as string);
  }
  return kept;
}

export interface SpectralRuleset {
  /** The ruleset object, ready to be written as YAML or JSON. */
  ruleset: JsonObject;
  /** The definition kinds covered, e.g. `Trigger`. */
  kinds: string[];
}

/** One `schema` rule per kind (`revbook-trigger`, …) and one for `kind` itself (`revbook-kind`). */
export function buildSpectralRuleset(schemaDir: string): SpectralRuleset {
  const files = readSchemas(schemaDir);
  const rules: JsonObject = {};
  const kinds: string[] = [];
  for (const f of files) {
    if (NOT_KINDS.has(f.base)) continue;
    const kindProp = isObject(f.schema.properties) ? f.schema.properties.kind : undefined;
    const kind = isObject(kindProp) && typeof kindProp.const === "string" ? kindProp.const : undefined;
    if (!kind) continue;
    kinds.push(kind);
    const $defs = bundle(files, f.base);
    rules[`revbook-${f.base}`] = {
      description: `A ${kind} definition matches revbook's ${f.base}.schema.json.`,
      message: "{{error}}",
      severity: "error",
      // The document root, only when its `kind` is this kind (`^` selects the parent of the match).
      given: `$[?(@property == 'kind' && @ == '${kind}')]^`,
      // Spectral's rule format names its action `then`.
      then: {
        function: "schema",
        functionOptions: {
          dialect: "draft2020-12",
          allErrors: true,
          schema: {
            $schema: "https://json-schema.org/draft/2020-12/schema",
            $defs,
            $ref: `#/$defs/${f.base}--root`,
          },
        },
      },
    };
  }
  rules["revbook-kind"] = {
    description: "Every YAML document is a definition with a known `kind`.",
    message: "{{error}}",
    severity: "error",
    given: "$",
    // Spectral's rule format names its action `then`.
    then: {
      function: "schema",
      functionOptions: {
        dialect: "draft2020-12",
        allErrors: true,
        schema: { type: "object", required: ["kind", "id"], properties: { kind: { enum: kinds } } },
      },
    },
  };
  return { ruleset: { rules }, kinds };
}
