/**
 * Turns schema problems (JSON pointers into a plain value) into `schema`
 * diagnostics at the exact YAML node: a missing field points at the mapping's
 * `id` (else `kind`), an unknown field at its key, a wrong value at the value.
 */
import type { Diagnostic } from "../diagnostic.js";
import type { YamlDocument } from "../load/yaml-source.js";
import type { Range } from "../position.js";
import type { SchemaProblem } from "./schema-validator.js";

export function schemaDiagnostics(
  doc: YamlDocument,
  problems: SchemaProblem[],
  fallback?: Range,
): Diagnostic[] {
  return problems.map((problem) => {
    const range = problemRange(doc, problem, fallback) ?? doc.range;
    const d: Diagnostic = {
      rule: "schema",
      severity: "error",
      message: problem.message,
      file: doc.file,
      range,
    };
    if (problem.suggestion) d.suggestion = problem.suggestion;
    if (problem.replacement !== undefined && problem.target !== "container")
      d.fix = { range, text: problem.replacement };
    return d;
  });
}

function problemRange(
  doc: YamlDocument,
  problem: SchemaProblem,
  fallback: Range | undefined,
): Range | undefined {
  const loc = doc.locations.get(problem.pointer);
  if (problem.target === "key") return loc?.key ?? loc?.value;
  if (problem.target === "value") return loc?.value ?? fallback;
  // Something absent: point at the mapping's `id` value, else `kind`, else the mapping.
  return (
    doc.locations.get(`${problem.pointer}/id`)?.value ??
    doc.locations.get(`${problem.pointer}/kind`)?.value ??
    (problem.pointer === "" ? undefined : loc?.value) ??
    doc.locations.get("/id")?.value ??
    doc.locations.get("/kind")?.value ??
    fallback ??
    loc?.value
  );
}
