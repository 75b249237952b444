/**
 * The catalog of revbook's JSON Schemas: one file per definition kind plus
 * `common` (shared `$defs`), `revbook` (revbook.yaml) and `frontmatter`, their
 * `$id`s and where the files are on disk.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DOCUMENT_KINDS } from "../model/kinds.js";

/** Every definition kind, in the order the handbook lists them. */
export const KINDS: readonly string[] = DOCUMENT_KINDS;

/** Base URL of the schemas' `$id`s. */
export const SCHEMA_BASE_URL = "https://revbook.dev/schemas/";

const KIND_FILES: Record<string, string> = {
  Object: "object",
  Team: "team",
  Event: "event",
  Pipeline: "pipeline",
  Stage: "stage",
  Trigger: "trigger",
  ScoringModel: "scoring-model",
  CommandPlan: "command-plan",
  Metric: "metric",
};

/** Names of every schema file (`schemas/<name>.schema.json`). */
export const SCHEMA_NAMES: readonly string[] = Object.freeze([
  "common",
  ...Object.values(KIND_FILES),
  "revbook",
  "frontmatter",
]);

/** The schema file name (without `.schema.json`) of a kind, e.g. `ScoringModel` → `scoring-model`. */
export function schemaNameForKind(kind: string): string | undefined {
  return Object.hasOwn(KIND_FILES, kind) ? KIND_FILES[kind] : undefined;
}

/** The `$id` of a kind's schema (for editors), e.g. `https://revbook.dev/schemas/stage.schema.json`. */
export function schemaIdForKind(kind: string): string | undefined {
  const name = schemaNameForKind(kind);
  return name === undefined ? undefined : `${SCHEMA_BASE_URL}${name}.schema.json`;
}

let schemaDir: string | undefined;

/** Absolute path of `schemas/<name>.schema.json` at the package root (works from source and from dist/). */
export function schemaFilePath(name: string): string {
  if (schemaDir === undefined) {
    // Compiled: dist/core/validate/ → three levels up; run from source: core/validate/ → two.
    const candidates = ["../../../schemas/", "../../schemas/"].map((rel) =>
      fileURLToPath(new URL(rel, import.meta.url)),
    );
    schemaDir = candidates.find((dir) => existsSync(`${dir}common.schema.json`)) ?? (candidates[0] as string);
  }
  return `${schemaDir}${name}.schema.json`;
}
