/**
 * `score-property-type`: a ScoringModel whose `property` (where the CRM keeps
 * the score) is not a number property of the model's object. Scores are added
 * and compared with thresholds; a string or enum field cannot hold them.
 * Paths that resolve to nothing are `unresolved-reference`'s job.
 */
import type { ScoringModelDef } from "../model/kinds.js";
import { type Rule, rangeAt, subjects } from "./rule.js";

const rule: Rule = {
  meta: {
    id: "score-property-type",
    severity: "error",
    description: "a scoring model whose `property` is not a number property of its object",
    docs: "docs/rules/score-property-type.md",
    fixable: false,
  },
  scope: { by: "file", readsAcrossFiles: ["Property", "Object"] },
  check(context) {
    const { model, report } = context;
    for (const def of subjects<ScoringModelDef>(context, "ScoringModel")) {
      const { object, property } = def.value;
      const resolved = model.resolvePath(object, property, false);
      if (!resolved.ok) continue;
      const type = resolved.property.value.type;
      if (type === "number") continue;
      report({
        file: def.file,
        range: rangeAt(model, def, "/property"),
        message: `scoring model \`${def.id}\` writes its score to \`${property}\`, a ${type} property of \`${resolved.objectId}\`; the score property must be a number property`,
      });
    }
  },
};

export default rule;
