/**
 * Runs the rules over a model: applies severities and options from
 * `revbook.yaml`, deduplicates (alias expansions report once), filters through
 * inline suppressions and returns the sorted diagnostics.
 */
import { type Config, ruleSetting } from "../config.js";
import { compareDiagnostics, type Diagnostic, diagnosticKey } from "../diagnostic.js";
import type { AnchorUse } from "../load/source-file.js";
import type { Model } from "../model/model.js";
import { rangeContains } from "../position.js";
import type { Rule } from "../rules/rule.js";
import { applySuppressions, type Suppression } from "./suppressions.js";

export interface LintOptions {
  /** UTC milliseconds `doc-stale` measures from. */
  now: number;
}

export function lintModel(
  model: Model,
  suppressions: Suppression[],
  config: Config | undefined,
  rules: readonly Rule[],
  options: LintOptions,
  anchors: readonly AnchorUse[] = [],
): Diagnostic[] {
  const seen = new Set<string>();
  const found: Diagnostic[] = [];
  let unusedDisable: Rule | undefined;
  for (const rule of rules) {
    if (rule.meta.id === "unused-disable") {
      unusedDisable = rule;
      continue;
    }
    const setting = ruleSetting(config, rule.meta);
    if (setting.severity === "off") continue;
    const defaultSeverity = setting.severity;
    rule.check({
      model,
      options: setting.options,
      now: options.now,
      report(report) {
        const severity = setting.explicit ? defaultSeverity : (report.severity ?? defaultSeverity);
        const d: Diagnostic = {
          rule: rule.meta.id,
          severity,
          message: report.message,
          file: report.file,
          range: report.range,
        };
        if (report.suggestion) d.suggestion = report.suggestion;
        if (report.fix) d.fix = report.fix;
        if (report.related && report.related.length > 0) d.related = report.related;
        const key = diagnosticKey(d);
        if (seen.has(key)) return;
        seen.add(key);
        found.push(d);
      },
    });
  }
  const known = new Set(rules.map((r) => r.meta.id));
  const { kept, unused } = applySuppressions(found, suppressions, known);
  if (unusedDisable) {
    const setting = ruleSetting(config, unusedDisable.meta);
    if (setting.severity !== "off") {
      for (const d of unused) kept.push({ ...d, severity: setting.severity });
    }
  }
  if (anchors.length > 0) for (const d of kept) addAliasSites(d, anchors);
  return kept.sort(compareDiagnostics);
}

/** Content behind an anchor is checked once, at the anchor; the alias sites become related locations. */
function addAliasSites(d: Diagnostic, anchors: readonly AnchorUse[]): void {
  for (const anchor of anchors) {
    if (anchor.file !== d.file || !rangeContains(anchor.range, d.range)) continue;
    const related = d.related ?? [];
    for (const site of anchor.aliasSites)
      related.push({ file: d.file, range: site, message: "also used here through an alias" });
    d.related = related;
  }
}
