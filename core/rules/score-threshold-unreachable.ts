/**
 * `score-threshold-unreachable`: a scoring model threshold (`{stage, min}`)
 * above the most points a record can ever reach (core/scoring/reachable.ts).
 * No record would ever reach that stage through the score, however engaged.
 */

import type { RelatedLocation } from "../diagnostic.js";
import type { ScoringModelDef } from "../model/kinds.js";
import type { Definition, Model } from "../model/model.js";
import { type ReachableScore, reachableScore } from "../scoring/reachable.js";
import { type Rule, rangeAt, relatedAt, subjects } from "./rule.js";

/** Sums of floating-point points (0.1 + 0.2) must not make a reachable threshold look unreachable. */
const EPSILON = 1e-9;

const rule: Rule = {
  meta: {
    id: "score-threshold-unreachable",
    severity: "error",
    description: "a scoring threshold above the most points a record can reach",
    docs: "docs/rules/score-threshold-unreachable.md",
    fixable: false,
  },
  scope: { by: "file", readsAcrossFiles: [] },
  check(context) {
    const { model, report } = context;
    for (const def of subjects<ScoringModelDef>(context, "ScoringModel")) {
      const reachable = reachableScore(def.value);
      (def.value.thresholds ?? []).forEach((threshold, i) => {
        if (!(threshold.min > reachable.total + EPSILON)) return;
        report({
          file: def.file,
          range: rangeAt(model, def, `/thresholds/${i}/min`),
          message: `the \`${threshold.stage}\` threshold of scoring model \`${def.id}\` is ${formatPoints(threshold.min)}, but the most points a record can reach is ${formatPoints(reachable.total)} (${explain(def, reachable)})`,
          related: capLocations(model, def, reachable),
        });
      });
    }
  },
};

function formatPoints(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

/** "fit 50 (capped by its limit), engagement 5; capped by the model's `max`". */
function explain(def: Definition<ScoringModelDef>, reachable: ReachableScore): string {
  const parts = reachable.groups.map(
    (g) => `\`${g.id}\` ${formatPoints(g.total)}${g.capped ? " after its `limit`" : ""}`,
  );
  const groups = parts.length > 0 ? parts.join(", ") : "no rules";
  return reachable.capped ? `${groups}; the model's \`max\` is ${formatPoints(def.value.max ?? 0)}` : groups;
}

/** The caps that bind, so the user sees where the ceiling comes from. */
function capLocations(
  model: Model,
  def: Definition<ScoringModelDef>,
  reachable: ReachableScore,
): RelatedLocation[] {
  if (reachable.capped) return [relatedAt(model, def, "the model's `max` caps the score here", "/max")];
  const out: RelatedLocation[] = [];
  reachable.groups.forEach((g, i) => {
    if (g.capped)
      out.push(relatedAt(model, def, `group \`${g.id}\`'s \`limit\` caps it here`, `/groups/${i}/limit`));
  });
  return out;
}

export default rule;
