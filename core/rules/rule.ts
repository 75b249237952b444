/**
 * What a lint rule is: its metadata plus a `check` over the resolved model, in
 * the way ESLint structures rules. Rules are pure: they read the model and
 * report diagnostics through the context; they never touch the file system.
 */
import type { Diagnostic, Fix, RelatedLocation, Severity } from "../diagnostic.js";
import type { NodeLocation } from "../load/yaml-source.js";
import type { Definition, Model } from "../model/model.js";
import type { Range } from "../position.js";
import type { RuleMeta } from "./meta.js";

export interface Report {
  file: string;
  range: Range;
  message: string;
  suggestion?: string;
  fix?: Fix;
  related?: RelatedLocation[];
  /** Only for rules with per-case defaults (retired vs deprecated); a severity set in revbook.yaml wins. */
  severity?: Severity;
}

export interface RuleContext {
  model: Model;
  /** The rule's options from revbook.yaml, with defaults applied. */
  options: Readonly<Record<string, unknown>>;
  /** The date `doc-stale` measures from (`--now`), as UTC milliseconds. */
  now: number;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** Range of a node below a definition; falls back to where "absent" things point. */
export function rangeAt(
  model: Model,
  def: Definition,
  sub: string,
  part: keyof NodeLocation = "value",
): Range {
  const loc = model.location(def, sub);
  return (part === "key" ? (loc?.key ?? loc?.value) : loc?.value) ?? model.absentRange(def);
}

export function relatedAt(model: Model, def: Definition, message: string, sub = ""): RelatedLocation {
  return { file: def.file, range: sub ? rangeAt(model, def, sub) : model.absentRange(def), message };
}

export type { Diagnostic };
