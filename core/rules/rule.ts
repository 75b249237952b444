/**
 * What a lint rule is: its metadata plus a `check` over the resolved model, in
 * the way ESLint structures rules. Rules are pure: they read the model and
 * report diagnostics through the context; they never touch the file system.
 */
import type { Diagnostic, Fix, RelatedLocation, Severity } from "../diagnostic.js";
import type { NodeLocation } from "../load/yaml-source.js";
import type { MarkdownDocument } from "../load/markdown-source.js";
import type { Kind } from "../model/kinds.js";
import type { Definition, Model, ModelChange, Reference } from "../model/model.js";
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
  /** For rules scoped `by: "part"`: the part (group, subject) the diagnostic belongs to. */
  part?: string;
}

export interface RuleContext {
  model: Model;
  /** The rule's options from revbook.yaml, with defaults applied. */
  options: Readonly<Record<string, unknown>>;
  /** The date `doc-stale` measures from (`--now`), as UTC milliseconds. */
  now: number;
  /**
   * Set for an incremental rerun: check only this part of the workspace (files
   * for rules scoped `by: "file"`, part names for `by: "part"`) and report
   * every diagnostic that belongs to it. Unset: check everything.
   */
  only?: ReadonlySet<string>;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
  /** What an edit must rerun (lint/incremental.ts); without it, the rule reruns on every edit. */
  scope?: RuleScope;
}

/**
 * How a rule's diagnostics depend on the workspace, so that an edit of one
 * file reruns only what it can change (lint/incremental.ts):
 * - `file`: diagnostics about a subject (definition, reference, doc) are
 *   reported in the subject's file and depend only on that file, plus on
 *   definitions of the kinds in `readsAcrossFiles` anywhere: an edit reruns
 *   the rule for the edited file, or everywhere when it changed such a kind.
 * - `part`: diagnostics belong to named parts (trigger write groups, checked
 *   definitions); `parts` names the parts an edit can change, or every part
 *   reruns when the edit changed a kind in `readsAcrossFiles`.
 * - `workspace`: the rule reruns whole when `reads` says the edit matters.
 */
export type RuleScope =
  | { by: "file"; readsAcrossFiles: readonly Kind[] }
  | {
      by: "part";
      parts: (change: ModelChange, model: Model, now: number) => ReadonlySet<string>;
      readsAcrossFiles?: readonly Kind[];
    }
  | { by: "workspace"; reads: (change: ModelChange) => boolean };

/** The valid first definitions of a kind a (possibly incremental) check covers, in workspace order. */
export function subjects<T>(context: RuleContext, kind: Kind): readonly Definition<T>[] {
  const { model, only } = context;
  if (!only) return model.valid<T>(kind);
  const out: Definition<T>[] = [];
  for (const file of only) {
    for (const d of model.definitionsIn(file))
      if (d.kind === kind && d.valid && model.byKey.get(d.key) === d) out.push(d as Definition<T>);
  }
  return out;
}

/** Whether a change touched definitions of any of these kinds. */
export function changesKind(change: ModelChange, kinds: readonly Kind[]): boolean {
  return kinds.some((k) => change.kinds.has(k));
}

/** The process docs a (possibly incremental) check of a `file`-scoped rule covers. */
export function docsChecked(context: RuleContext): Iterable<[string, MarkdownDocument]> {
  const { model, only } = context;
  if (!only) return model.docs;
  const out: [string, MarkdownDocument][] = [];
  for (const file of only) {
    const doc = model.docs.get(file);
    if (doc) out.push([file, doc]);
  }
  return out;
}

/** For `file`-scoped rules: whether a check covers a file. */
export function covers(context: RuleContext, file: string): boolean {
  return context.only === undefined || context.only.has(file);
}

/** The references a (possibly incremental) check of a `file`-scoped rule covers. */
export function referencesChecked(context: RuleContext): readonly Reference[] {
  const only = context.only;
  return only ? [...only].flatMap((file) => context.model.referencesIn(file)) : context.model.references;
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
