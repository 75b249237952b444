/**
 * `unused-definition` (info): a property, event or team that nothing
 * references: no condition, action, pipeline, model, plan, owner field or doc
 * link names it. Dead definitions make the handbook longer and the data model
 * harder to trust. A property walked through in a path (`company` in
 * `company.numberofemployees`) counts as used; a retired property is meant to
 * be unused and is left alone.
 */
import type { PropertyDef } from "../model/kinds.js";
import type { Model } from "../model/model.js";
import { type Rule, rangeAt } from "./rule.js";

/** Keys of every definition something refers to, walked reference properties included. */
function usedKeys(model: Model): Set<string> {
  const used = new Set<string>();
  for (const ref of model.references) {
    if (!ref.resolved || ref.from === ref.resolved) continue;
    used.add(ref.resolved.key);
    for (const walked of ref.via ?? []) used.add(walked.key);
  }
  return used;
}

const rule: Rule = {
  meta: {
    id: "unused-definition",
    severity: "info",
    description: "a property, event or team that nothing references",
    docs: "docs/rules/unused-definition.md",
    fixable: false,
  },
  check({ model, report }) {
    const used = usedKeys(model);
    for (const property of model.valid<PropertyDef>("Property")) {
      if (used.has(property.key) || property.value.status === "retired") continue;
      report({
        file: property.file,
        range: rangeAt(model, property, "/id"),
        message: `property \`${property.value.id}\` of object \`${property.objectId}\` is not used by any definition or doc`,
      });
    }
    for (const kind of ["Event", "Team"] as const) {
      for (const def of model.valid(kind)) {
        if (used.has(def.key)) continue;
        report({
          file: def.file,
          range: model.absentRange(def),
          message:
            kind === "Team"
              ? `team \`${def.id}\` owns nothing and no definition or doc names it`
              : `event \`${def.id}\` is not used by any scoring rule, trigger or doc`,
        });
      }
    }
  },
};

export default rule;
