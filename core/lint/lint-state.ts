/**
 * The diagnostics of the last lint, kept per rule and per part (the file, or
 * the group or definition a rule names, see `RuleScope` in rules/rule.ts), so
 * that after an in-place model change (`Model.updateYamlFile`) only the parts
 * the change can affect are rerun, and only the files those parts report in
 * are put together again: deduplicated, filtered through that file's inline
 * suppressions (plus its `unused-disable` reports), alias sites added, sorted.
 * A full lint and an incremental one share every step but the choice of
 * parts, so they give the same diagnostics in the same order.
 */
import { type Config, ruleSetting } from "../config.js";
import { compareDiagnostics, type Diagnostic, diagnosticKey, type Severity } from "../diagnostic.js";
import type { AnchorUse } from "../load/source-file.js";
import type { Model, ModelChange } from "../model/model.js";
import { rangeContains } from "../position.js";
import { changesKind, type Rule } from "../rules/rule.js";
import { applySuppressions, type Suppression } from "./suppressions.js";

/** Where the per-file inputs of the last step come from (the workspace's parsed files). */
export interface FileInputs {
  suppressions(file: string): readonly Suppression[];
  anchors(file: string): readonly AnchorUse[];
}

/** Diagnostics of one rule, by part; only non-empty parts are kept. */
type Parts = Map<string, Diagnostic[]>;

/** One rule's settings for this workspace, resolved once. */
interface ActiveRule {
  rule: Rule;
  severity: Severity;
  explicit: boolean;
  options: Readonly<Record<string, unknown>>;
}

/** Files whose diagnostics changed, with their complete new lists. */
export type ChangedFiles = Map<string, Diagnostic[]>;

export class LintState {
  private readonly active: ActiveRule[] = [];
  private readonly raw: Parts[] = [];
  private readonly unusedDisable: Severity | undefined;
  private readonly known: ReadonlySet<string>;
  /** Sorted diagnostics per file (files without any are left out). */
  private final = new Map<string, Diagnostic[]>();
  private sorted: Diagnostic[] | undefined;

  constructor(
    config: Config | undefined,
    rules: readonly Rule[],
    private readonly inputs: FileInputs,
  ) {
    let unusedDisable: Severity | undefined;
    for (const rule of rules) {
      const setting = ruleSetting(config, rule.meta);
      if (setting.severity === "off") continue;
      if (rule.meta.id === "unused-disable") {
        unusedDisable = setting.severity;
        continue;
      }
      this.active.push({
        rule,
        severity: setting.severity,
        explicit: setting.explicit,
        options: setting.options,
      });
      this.raw.push(new Map());
    }
    this.unusedDisable = unusedDisable;
    this.known = new Set(rules.map((r) => r.meta.id));
  }

  /** Lints the whole model; `files` are every file of the workspace (suppressions may sit in any). */
  full(model: Model, now: number, files: readonly string[]): void {
    this.active.forEach((active, i) => {
      this.raw[i] = this.run(active, model, now, undefined);
    });
    const all = new Set(files);
    for (const parts of this.raw) for (const list of parts.values()) for (const d of list) all.add(d.file);
    this.final = new Map();
    this.sorted = undefined;
    for (const [file, list] of this.assemble(all)) if (list.length > 0) this.final.set(file, list);
  }

  /** Reruns what an in-place model change can affect; returns the files whose diagnostics changed. */
  apply(model: Model, change: ModelChange, now: number): ChangedFiles {
    const touched = new Set<string>([change.file]);
    this.active.forEach((active, i) => {
      const parts = this.raw[i] as Parts;
      const only = this.rerunParts(active.rule, change, model, now);
      if (only === "none") return;
      if (only !== "all") {
        const fresh = this.run(active, model, now, only);
        if ([...fresh.keys()].every((part) => only.has(part))) {
          for (const part of only) {
            for (const d of parts.get(part) ?? []) touched.add(d.file);
            parts.delete(part);
          }
          for (const [part, list] of fresh) {
            parts.set(part, list);
            for (const d of list) touched.add(d.file);
          }
          return;
        }
        // A rule reported outside the parts it was asked about: its scope is wrong, so rerun it whole.
      }
      for (const list of parts.values()) for (const d of list) touched.add(d.file);
      const fresh = this.run(active, model, now, undefined);
      for (const list of fresh.values()) for (const d of list) touched.add(d.file);
      this.raw[i] = fresh;
    });
    const changed: ChangedFiles = new Map();
    for (const [file, list] of this.assemble(touched)) {
      const before = this.final.get(file) ?? [];
      if (!sameKeys(before, list)) changed.set(file, list);
      if (list.length > 0) this.final.set(file, list);
      else this.final.delete(file);
    }
    // Lists of files left out of `changed` may still differ beyond the key (a related location moved).
    this.sorted = undefined;
    return changed;
  }

  /** Sorted diagnostics per file, only files that have some. */
  byFile(): ReadonlyMap<string, Diagnostic[]> {
    return this.final;
  }

  /** Every diagnostic, sorted (file, line, column, rule, message). */
  all(): Diagnostic[] {
    if (!this.sorted) {
      const files = [...this.final.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      this.sorted = files.flatMap((f) => this.final.get(f) as Diagnostic[]);
    }
    return [...this.sorted];
  }

  /** Which parts of a rule a change reruns: none, some, or all. */
  private rerunParts(
    rule: Rule,
    change: ModelChange,
    model: Model,
    now: number,
  ): "none" | "all" | ReadonlySet<string> {
    const scope = rule.scope;
    if (!scope) return "all";
    switch (scope.by) {
      case "file":
        return changesKind(change, scope.readsAcrossFiles) ? "all" : new Set([change.file]);
      case "part": {
        if (scope.readsAcrossFiles && changesKind(change, scope.readsAcrossFiles)) return "all";
        const parts = scope.parts(change, model, now);
        return parts.size === 0 ? "none" : parts;
      }
      case "workspace":
        return scope.reads(change) ? "all" : "none";
    }
  }

  /** Runs one rule (on `only` these parts, or everywhere), its reports by part, severities applied. */
  private run(active: ActiveRule, model: Model, now: number, only: ReadonlySet<string> | undefined): Parts {
    const { rule, severity, explicit, options } = active;
    const by = rule.scope?.by ?? "workspace";
    const parts: Parts = new Map();
    const seen = new Set<string>();
    rule.check({
      model,
      options,
      now,
      only,
      report(report) {
        const d: Diagnostic = {
          rule: rule.meta.id,
          severity: explicit ? severity : (report.severity ?? severity),
          message: report.message,
          file: report.file,
          range: report.range,
        };
        if (report.suggestion) d.suggestion = report.suggestion;
        if (report.fix) d.fix = report.fix;
        if (report.related && report.related.length > 0) d.related = report.related;
        // Alias expansions report one diagnostic several times: the first one counts.
        const key = diagnosticKey(d);
        if (seen.has(key)) return;
        seen.add(key);
        const part = by === "file" ? d.file : by === "part" ? (report.part ?? "") : "";
        const list = parts.get(part);
        if (list) list.push(d);
        else parts.set(part, [d]);
      },
    });
    return parts;
  }

  /** The final, sorted diagnostics of each of `files`. */
  private assemble(files: ReadonlySet<string>): Map<string, Diagnostic[]> {
    const found = new Map<string, Diagnostic[]>();
    for (const file of files) found.set(file, []);
    for (const parts of this.raw) {
      const seen = new Set<string>();
      for (const list of parts.values()) {
        for (const d of list) {
          const into = found.get(d.file);
          if (!into) continue;
          // Parts of one rule may both hold a diagnostic (an alias expansion): keep it once.
          const key = diagnosticKey(d);
          if (seen.has(key)) continue;
          seen.add(key);
          into.push(d);
        }
      }
    }
    const out = new Map<string, Diagnostic[]>();
    for (const [file, list] of found) {
      const { kept, unused } = applySuppressions(list, [...this.inputs.suppressions(file)], this.known);
      if (this.unusedDisable !== undefined) {
        for (const d of unused) kept.push({ ...d, severity: this.unusedDisable });
      }
      const anchors = this.inputs.anchors(file);
      const withSites = anchors.length > 0 ? kept.map((d) => withAliasSites(d, anchors)) : kept;
      out.set(file, withSites.sort(compareDiagnostics));
    }
    return out;
  }
}

/** Content behind an anchor is checked once, at the anchor; the alias sites become related locations. */
function withAliasSites(d: Diagnostic, anchors: readonly AnchorUse[]): Diagnostic {
  let related: Diagnostic["related"];
  for (const anchor of anchors) {
    if (anchor.file !== d.file || !rangeContains(anchor.range, d.range)) continue;
    related ??= [...(d.related ?? [])];
    for (const site of anchor.aliasSites)
      related.push({ file: d.file, range: site, message: "also used here through an alias" });
  }
  // A copy: the kept raw diagnostic is put together again after later edits.
  return related ? { ...d, related } : d;
}

function sameKeys(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  return a.length === b.length && a.every((d, i) => diagnosticKey(d) === diagnosticKey(b[i] as Diagnostic));
}
