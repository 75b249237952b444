/**
 * Where a definition is used, counted by what uses it: the triggers that set
 * it (`setStage`, `setProperty`, `clearProperty`), the triggers whose
 * conditions test it, the scoring rules that depend on it and the docs that
 * link to it. The editor shows it as a code lens above each stage and
 * property ("set by 2 triggers · used by 3 scoring rules · 4 docs"); the site
 * can print the same line. Read-only over the model's reference index.
 */
import type { Definition, Model, Reference } from "./model.js";

export interface Usage {
  /** Triggers whose actions set (or clear) it, in definition order. */
  setBy: Definition[];
  /** Triggers whose conditions test it (properties, and reference properties a path walks). */
  testedBy: Definition[];
  /**
   * Scoring rules that depend on it: for a property, the rules whose `when`
   * tests it; for a stage, the model thresholds that lead to it (a threshold
   * is the rule "score ≥ min → this stage").
   */
  scoringRules: number;
  /** Scoring models those rules belong to. */
  scoringModels: Definition[];
  /** Markdown docs that link to it or embed it (workspace paths, sorted). */
  docs: string[];
  /** Every reference, of any kind, that names it. */
  references: number;
}

const SETTERS = new Set(["setStage", "setProperty", "clearProperty"]);
const SCORING_PLACE = /^\/(groups\/\d+\/rules\/\d+|thresholds\/\d+)\//;

function addOnce(list: Definition[], def: Definition): void {
  if (!list.includes(def)) list.push(def);
}

/** How a definition is used across the workspace. */
export function usageOf(model: Model, def: Definition): Usage {
  const setBy: Definition[] = [];
  const testedBy: Definition[] = [];
  const scoringModels: Definition[] = [];
  const scoring = new Set<string>();
  const docs = new Set<string>();
  const refs: readonly Reference[] = model.referencesTo(def);
  for (const ref of refs) {
    const from = ref.from;
    if (!from) {
      docs.add(ref.file);
      continue;
    }
    if (from.kind === "Trigger") {
      if (SETTERS.has(ref.field) && ref.resolved === def) addOnce(setBy, from);
      else if (ref.field === "condition" || ref.field === "event") addOnce(testedBy, from);
    } else if (from.kind === "ScoringModel") {
      const place = SCORING_PLACE.exec((ref.pointer ?? "").slice(from.pointer.length) + "/");
      if (place) {
        scoring.add(`${from.key}${place[1] as string}`);
        addOnce(scoringModels, from);
      }
    }
  }
  setBy.sort((a, b) => a.order - b.order);
  testedBy.sort((a, b) => a.order - b.order);
  return {
    setBy,
    testedBy,
    scoringRules: scoring.size,
    scoringModels,
    docs: [...docs].sort(),
    references: refs.length,
  };
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One line: "set by 2 triggers · used by 3 scoring rules · 4 docs" (plus "tested by N triggers" when any). */
export function usageLine(usage: Usage): string {
  const parts = [`set by ${count(usage.setBy.length, "trigger")}`];
  if (usage.testedBy.length > 0) parts.push(`tested by ${count(usage.testedBy.length, "trigger")}`);
  parts.push(`used by ${count(usage.scoringRules, "scoring rule")}`);
  parts.push(count(usage.docs.length, "doc"));
  return parts.join(" · ");
}
