/**
 * The ajv validator of each schema, and what the error wording needs to know
 * about the schema nodes ajv hands back in its errors (their titles and `if`
 * guards). Compiling the schemas at run time costs a third of a second (ajv
 * validates every schema against the 2020-12 meta-schema, then generates
 * code), so `npm run build` generates standalone validators once
 * (write-standalone.ts, into `dist/core/validate/generated/`); each is loaded
 * when its schema is first needed. Without them (running from sources, or a
 * bundle that leaves them out) the schemas are compiled at run time, with the
 * same options and formats, giving the same errors (test/standalone.test.ts).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Ajv2020, Options, ValidateFunction } from "ajv/dist/2020.js";
import { FORMATS } from "./formats.js";
import { SCHEMA_BASE_URL, SCHEMA_NAMES, schemaFilePath } from "./schema-files.js";

/** A JSON object as read from a schema file. */
export type JsonObject = { [key: string]: unknown };

export interface ConditionContext {
  /** The `if` schema guarding the `then` the node is under. */
  ifSchema: JsonObject;
  /** How many data levels the node is below the `if`/`then`'s instance. */
  levelsUp: number;
}

export interface SchemaNodeInfo {
  /** Title of the nearest titled schema describing the same value. */
  title?: string;
  /** `if`/`then` guards the node is under, innermost last. */
  conditions: ConditionContext[];
}

/** A schema's validator and the info of every schema node its errors can point at. */
export interface CompiledSchema {
  validate: ValidateFunction;
  nodes: WeakMap<object, SchemaNodeInfo>;
}

/** The ajv options of every validator, compiled at run time or generated at build time. */
export const AJV_OPTIONS: Options = {
  allErrors: true,
  strict: true,
  // `type: ["string", "number"]` and friends.
  allowUnionTypes: true,
  // parentSchema on errors: titles and field lists for messages.
  verbose: true,
  // Keys such as `__proto__` or `constructor` are plain data, never inherited.
  ownProperties: true,
};

/** Folder of the generated validators, relative to this module (compiled: dist/core/validate/). */
export const GENERATED_DIR = "generated";

/** What a generated module exports (see write-standalone.ts). */
export interface StandaloneModule {
  (formats: typeof FORMATS): {
    validate: ValidateFunction;
    /** The schema objects the generated code holds: the roots its errors' `parentSchema`s are inside. */
    schemas: unknown[];
  };
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Records, for every schema node, its title and the `if` guards above it (ajv hands back these very objects). */
function indexSchema(
  node: unknown,
  title: string | undefined,
  conditions: ConditionContext[],
  nodes: WeakMap<object, SchemaNodeInfo>,
): void {
  if (!isObject(node)) return;
  const own = typeof node.title === "string" ? node.title : title;
  nodes.set(node, { title: own, conditions });
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    const list = node[key];
    if (Array.isArray(list)) for (const sub of list) indexSchema(sub, own, conditions, nodes);
  }
  for (const key of ["if", "else", "not"]) indexSchema(node[key], own, conditions, nodes);
  const guard = isObject(node.if) ? [...conditions, { ifSchema: node.if, levelsUp: 0 }] : conditions;
  indexSchema(node.then, own, guard, nodes);
  const deeper = conditions.map((c) => ({ ifSchema: c.ifSchema, levelsUp: c.levelsUp + 1 }));
  if (isObject(node.properties)) {
    for (const sub of Object.values(node.properties)) indexSchema(sub, undefined, deeper, nodes);
  }
  indexSchema(node.items, undefined, deeper, nodes);
  indexSchema(node.additionalProperties, undefined, deeper, nodes);
  if (isObject(node.$defs))
    for (const sub of Object.values(node.$defs)) indexSchema(sub, undefined, [], nodes);
}

/** Every schema file, parsed. */
export function readSchemas(): JsonObject[] {
  return SCHEMA_NAMES.map((name) => {
    const schema: unknown = JSON.parse(readFileSync(schemaFilePath(name), "utf8"));
    if (!isObject(schema)) throw new Error(`schemas/${name}.schema.json is not a JSON object`);
    return schema;
  });
}

/** An ajv instance with revbook's options, formats and every schema added (compiled when first used). */
export function createAjv(AjvClass: typeof Ajv2020, extra: Options = {}, schemas = readSchemas()): Ajv2020 {
  const ajv = new AjvClass({ ...AJV_OPTIONS, ...extra });
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
  for (const schema of schemas) ajv.addSchema(schema);
  return ajv;
}

/** The `$id` of a schema by file name. */
export function schemaId(name: string): string {
  return `${SCHEMA_BASE_URL}${name}.schema.json`;
}

// Validation is synchronous (config parsing, the loader): the generated modules are CommonJS,
// loaded with a `require` made for this module.
const requireHere = createRequire(import.meta.url);

/** The generated validator of a schema; undefined when it was not generated (or cannot be loaded). */
export function standaloneSchema(name: string): CompiledSchema | undefined {
  let factory: StandaloneModule;
  try {
    factory = requireHere(`./${GENERATED_DIR}/${name}.cjs`) as StandaloneModule;
  } catch {
    return undefined;
  }
  const { validate, schemas } = factory(FORMATS);
  const nodes = new WeakMap<object, SchemaNodeInfo>();
  // Each object the generated code holds is a schema file or the `$defs` entry a `$ref` points
  // to: indexed as roots, they get the info the run-time index gives the same nodes.
  for (const schema of schemas) indexSchema(schema, undefined, [], nodes);
  return { validate, nodes };
}

let runtime: { ajv: Ajv2020; nodes: WeakMap<object, SchemaNodeInfo> } | undefined;

/** A schema's validator compiled now (ajv is loaded only for this). */
export function runtimeSchema(name: string): CompiledSchema {
  if (!runtime) {
    // ajv is loaded only here, synchronously (it is CommonJS). In the editor extension's CommonJS
    // bundle `require` is defined and esbuild bundles ajv at this very call.
    const { Ajv2020: AjvClass } = (
      typeof require === "function"
        ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle's require (see above)
          require("ajv/dist/2020.js")
        : requireHere("ajv/dist/2020.js")
    ) as { Ajv2020: typeof Ajv2020 };
    const schemas = readSchemas();
    const nodes = new WeakMap<object, SchemaNodeInfo>();
    for (const schema of schemas) indexSchema(schema, undefined, [], nodes);
    runtime = { ajv: createAjv(AjvClass, {}, schemas), nodes };
  }
  const validate = runtime.ajv.getSchema(schemaId(name));
  if (!validate) throw new Error(`schema ${name} did not compile`);
  return { validate, nodes: runtime.nodes };
}

const loaded = new Map<string, CompiledSchema>();
let forceRuntime = false;

/** Test hook: compile every schema at run time (true) or prefer the generated validators (false). */
export function preferRuntimeValidators(on: boolean): void {
  forceRuntime = on;
  loaded.clear();
}

/** The validator of schema `name` (e.g. `stage`, `revbook`), generated if available, else compiled. */
export function compiledSchema(name: string): CompiledSchema {
  let compiled = loaded.get(name);
  if (!compiled) {
    if (name === "common" || !SCHEMA_NAMES.includes(name)) throw new Error(`no schema named ${name}`);
    compiled = (forceRuntime ? undefined : standaloneSchema(name)) ?? runtimeSchema(name);
    loaded.set(name, compiled);
  }
  return compiled;
}
