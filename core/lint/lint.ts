/**
 * Runs the rules over a model: applies severities and options from
 * `revbook.yaml`, deduplicates (alias expansions report once), filters through
 * inline suppressions and returns the sorted diagnostics. A one-off lint; the
 * workspace keeps a `LintState` to relint in part after edits.
 */
import type { Config } from "../config.js";
import type { Diagnostic } from "../diagnostic.js";
import type { AnchorUse } from "../load/source-file.js";
import type { Model } from "../model/model.js";
import type { Rule } from "../rules/rule.js";
import { LintState } from "./lint-state.js";
import type { Suppression } from "./suppressions.js";

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
  const suppressionsByFile = groupBy(suppressions, (s) => s.file);
  const anchorsByFile = groupBy(anchors, (a) => a.file);
  const state = new LintState(config, rules, {
    suppressions: (file) => suppressionsByFile.get(file) ?? [],
    anchors: (file) => anchorsByFile.get(file) ?? [],
  });
  state.full(model, options.now, [...suppressionsByFile.keys()]);
  return state.all();
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}
