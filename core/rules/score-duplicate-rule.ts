/**
 * `score-duplicate-rule`: two rules of one scoring model (in the same group or
 * not) with the same condition, compared after normalising (core/scoring/
 * condition-key.ts). A matching record collects both rules' points, which is
 * rarely what the model's author meant. Reported on the later rule.
 */
import type { ScoringModelDef } from "../model/kinds.js";
import type { Definition, Model } from "../model/model.js";
import { conditionKey } from "../scoring/condition-key.js";
import { type Rule, rangeAt, relatedAt, subjects } from "./rule.js";

const rule: Rule = {
  meta: {
    id: "score-duplicate-rule",
    severity: "warn",
    description: "two rules in one scoring model with the same condition",
    docs: "docs/rules/score-duplicate-rule.md",
    fixable: false,
  },
  scope: { by: "file", readsAcrossFiles: ["Property", "Object"] },
  check(context) {
    const { model, report } = context;
    for (const def of subjects<ScoringModelDef>(context, "ScoringModel")) {
      const resolve = pathResolver(model, def);
      const seen = new Map<string, { group: number; rule: number }>();
      def.value.groups.forEach((group, gi) => {
        group.rules.forEach((r, ri) => {
          const key = conditionKey(r.when, resolve);
          const first = seen.get(key);
          if (!first) {
            seen.set(key, { group: gi, rule: ri });
            return;
          }
          const firstLabel = ruleLabel(def, first.group, first.rule);
          report({
            file: def.file,
            range: rangeAt(model, def, `/groups/${gi}/rules/${ri}/when`),
            message: `${ruleLabel(def, gi, ri)} of scoring model \`${def.id}\` has the same condition as ${firstLabel}, so a matching record gets both rules' points; merge them or change one condition`,
            related: [
              relatedAt(
                model,
                def,
                `${firstLabel} has this condition`,
                `/groups/${first.group}/rules/${first.rule}/when`,
              ),
            ],
          });
        });
      });
    }
  },
};

/** Paths compare by the property they resolve to; unresolved ones by their text without the qualifier. */
function pathResolver(model: Model, def: Definition<ScoringModelDef>): (path: string) => string {
  const objectId = def.value.object;
  return (path) => {
    const r = model.resolvePath(objectId, path);
    if (r.ok) return r.property.key;
    return path.startsWith(`${objectId}.`) ? path.slice(objectId.length + 1) : path;
  };
}

/** "rule `Director` in group `fit`" or "rule 2 in group `fit`". */
function ruleLabel(def: Definition<ScoringModelDef>, group: number, index: number): string {
  const g = def.value.groups[group];
  const name = g?.rules[index]?.name;
  return `${name ? `rule \`${name}\`` : `rule ${index + 1}`} in group \`${g?.id ?? group}\``;
}

export default rule;
