/**
 * `operator-type`: a condition test whose operator the property's type does
 * not allow (FORMAT.md §3), such as `contains` on a number or `gte` on an enum.
 * The CRM would refuse such a filter, or silently match nothing.
 */
import { operatorsFor } from "../model/operators.js";
import { sitePath, siteRange, valueSites } from "./property-values.js";
import type { Rule } from "./rule.js";
import { withArticle } from "./yaml-text.js";

const rule: Rule = {
  meta: {
    id: "operator-type",
    severity: "error",
    description: "a condition operator that the property's type does not allow",
    docs: "docs/rules/operator-type.md",
    fixable: false,
  },
  scope: { by: "file", readsAcrossFiles: ["Property", "Object"] },
  check({ model, only, report }) {
    for (const site of valueSites(model, only)) {
      if (site.op === "setProperty" || site.expected !== undefined) continue;
      const type = site.property.value.type;
      const allowed = operatorsFor(type);
      const range = siteRange(site, "/op");
      report({
        file: site.from.file,
        range,
        message: `operator \`${site.op}\` does not apply to \`${sitePath(site)}\`, ${withArticle(type)} property`,
        suggestion: `${type} properties take ${allowed.map((op) => `\`${op}\``).join(", ")}`,
      });
    }
  },
};

export default rule;
