/**
 * `score-threshold-mismatch`: a Trigger that sets stage S and tests a scoring
 * model's score property with a lower bound other than the model's threshold
 * for S. The model says "MQL at 60", the workflow that really moves contacts
 * says 50: the handbook and the CRM disagree. `gt 59` equals `gte 60` when
 * every score is an integer. Triggers that do not test the score are not judged.
 */
import type { Action, ScoringModelDef, TriggerDef } from "../model/kinds.js";
import { type LowerBound, lowerBounds, normalizeBound, sameBound } from "../scoring/score-bounds.js";
import { type Rule, rangeAt, relatedAt, subjects } from "./rule.js";

const rule: Rule = {
  meta: {
    id: "score-threshold-mismatch",
    severity: "warn",
    description: "a trigger that sets a stage with a score bound other than the scoring model's threshold",
    docs: "docs/rules/score-threshold-mismatch.md",
    // Which side is right (the trigger or the model) is a business decision, so `--fix` never picks one.
    fixable: false,
  },
  // Subjects are triggers; the thresholds they are held to live in scoring models anywhere.
  scope: { by: "file", readsAcrossFiles: ["ScoringModel", "Property", "Object"] },
  check(context) {
    const { model, report } = context;
    const models = model.valid<ScoringModelDef>("ScoringModel");
    for (const trigger of subjects<TriggerDef>(context, "Trigger")) {
      for (const stageId of stagesSet(trigger.value.actions)) {
        for (const scoring of models) {
          if (scoring.value.object !== trigger.value.object) continue;
          const index = (scoring.value.thresholds ?? []).findIndex((t) => t.stage === stageId);
          const threshold = scoring.value.thresholds?.[index];
          if (!threshold) continue;
          const score = model.resolvePath(scoring.value.object, scoring.value.property, false);
          if (!score.ok) continue;
          const testsScore = (path: string): boolean => {
            const r = model.resolvePath(trigger.value.object, path);
            return r.ok && r.property.key === score.property.key;
          };
          const integers = integerScores(scoring.value);
          const wanted = { value: threshold.min, inclusive: true };
          for (const bound of lowerBounds(trigger.value.when, testsScore)) {
            if (sameBound(bound, wanted, integers)) continue;
            const replacement = fixValue(bound, threshold.min, integers);
            const range = rangeAt(model, trigger, `/when${bound.valuePointer}`);
            report({
              file: trigger.file,
              range,
              message: `trigger \`${trigger.id}\` sets stage \`${stageId}\` at \`${bound.test.property} ${boundText(bound)}\`, but scoring model \`${scoring.id}\` puts the \`${stageId}\` threshold at ${threshold.min}`,
              suggestion:
                replacement === undefined
                  ? `make the trigger's bound match the threshold (${threshold.min}), or change the threshold`
                  : `change the bound to \`${replacement}\` to match the threshold`,
              related: [
                relatedAt(
                  model,
                  scoring,
                  `scoring model \`${scoring.id}\` sets the \`${stageId}\` threshold here`,
                  `/thresholds/${index}/min`,
                ),
              ],
            });
          }
        }
      }
    }
  },
};

/** Stage ids a trigger's `setStage` actions name, once each. */
function stagesSet(actions: Action[]): string[] {
  const out: string[] = [];
  for (const a of actions) if ("setStage" in a && !out.includes(a.setStage)) out.push(a.setStage);
  return out;
}

/** Scores are integers when every points value (and every cap) is. */
function integerScores(m: ScoringModelDef): boolean {
  const caps = [m.max, ...m.groups.map((g) => g.limit)].filter((n): n is number => n !== undefined);
  return (
    m.groups.every((g) => g.rules.every((r) => Number.isInteger(r.points))) && caps.every(Number.isInteger)
  );
}

/** "gte 50", "between 50 and 100", "not lt 50" (a negated upper bound). */
function boundText(bound: LowerBound): string {
  const { op, value } = bound.test;
  if (op === "between" && Array.isArray(value)) return `between ${value[0]} and ${value[1]}`;
  return op === "lt" || op === "lte" ? `not ${op} ${String(value)}` : `${op} ${String(value)}`;
}

/** The one value that makes the bound equal the threshold while keeping the operator, if any (named in the suggestion). */
function fixValue(bound: LowerBound, min: number, integers: boolean): string | undefined {
  if (bound.inclusive) return String(min);
  if (!integers) return undefined;
  return String(normalizeBound({ value: min, inclusive: true }, true).value - 1);
}

export default rule;
