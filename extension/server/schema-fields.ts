/**
 * Field names and their descriptions, read from `schemas/*.schema.json`
 * (the same files the validator uses): completion lists them, hover shows
 * them. A field is found by walking the schema along the YAML keys above
 * the cursor, following `$ref`s and array `items`.
 */
import { readFileSync } from "node:fs";
import { schemaFilePath, schemaNameForKind } from "../../core/validate/schema-validator.js";

interface SchemaNode {
  $ref?: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  $defs?: Record<string, SchemaNode>;
  const?: unknown;
  enum?: unknown[];
}

export interface FieldInfo {
  name: string;
  description: string;
}

const cache = new Map<string, SchemaNode>();

function load(name: string): SchemaNode {
  let schema = cache.get(name);
  if (!schema) {
    schema = JSON.parse(readFileSync(schemaFilePath(name), "utf8")) as SchemaNode;
    cache.set(name, schema);
  }
  return schema;
}

/** Follows `$ref`s (same file or `common.schema.json#/$defs/…`). */
function resolve(node: SchemaNode | undefined, file: string): { node: SchemaNode; file: string } | undefined {
  let current = node;
  let where = file;
  for (let i = 0; current?.$ref && i < 10; i++) {
    const [target, fragment] = current.$ref.split("#");
    if (target) where = target.replace(/\.schema\.json$/, "");
    const defName = fragment?.replace(/^\/\$defs\//, "");
    const next: SchemaNode | undefined = defName ? load(where).$defs?.[defName] : load(where);
    if (!next) break;
    current = next;
  }
  return current ? { node: current, file: where } : undefined;
}

const CONDITION_KEYS = new Set(["when", "entry", "appliesWhen", "all", "any", "not"]);

/** The schema node for the mapping reached by `path` (YAML keys from the document root) in a kind's document. */
function nodeAt(kind: string, path: readonly string[]): { node: SchemaNode; file: string } | undefined {
  const schemaName = kind === "frontmatter" ? "frontmatter" : schemaNameForKind(kind);
  if (!schemaName) return undefined;
  let at = resolve(load(schemaName), schemaName);
  for (const key of path) {
    if (!at) return undefined;
    let next = resolve(at.node.properties?.[key], at.file);
    if (next?.node.items) next = resolve(next.node.items, next.file);
    if (!next?.node.properties && CONDITION_KEYS.has(key)) {
      next = resolve(load("common").$defs?.condition, "common");
    }
    at = next;
  }
  return at;
}

/** The fields a mapping at `path` may hold, with descriptions. */
export function fieldsAt(kind: string, path: readonly string[]): FieldInfo[] {
  const at = nodeAt(kind, path);
  return Object.entries(at?.node.properties ?? {}).map(([name, n]) => ({
    name,
    description: n.description ?? resolve(n, at?.file ?? "common")?.node.description ?? "",
  }));
}

/** The description of one field. */
export function fieldDescription(kind: string, path: readonly string[], field: string): string | undefined {
  return fieldsAt(kind, path).find((f) => f.name === field)?.description;
}

/** The values a field's schema enumerates (`category: fit | engagement`), if it does. */
export function enumValuesAt(kind: string, path: readonly string[], field: string): string[] {
  const at = nodeAt(kind, path);
  const node = at ? resolve(at.node.properties?.[field], at.file)?.node : undefined;
  return (node?.enum ?? []).filter((v): v is string => typeof v === "string");
}
