/**
 * `value-type`: a condition or `setProperty` value that does not fit the
 * property's type or the operator: text for a number, a bad ISO 8601 date or
 * duration, `between` without two ordered values, a value given to `known`.
 * The CRM would reject the filter or compare the wrong things.
 */
import type { Range } from "../position.js";
import { siteLocation, sitePath, siteRange, type ValueSite, valueSites } from "./property-values.js";
import type { Rule } from "./rule.js";
import { valueProblems } from "./value-shape.js";

/** Where a problem points: the node, or the `value:` key when the value is empty. */
function problemRange(site: ValueSite, sub: string): Range {
  const loc = siteLocation(site, sub);
  if (
    loc?.key &&
    loc.value.start.line === loc.value.end.line &&
    loc.value.start.column === loc.value.end.column
  )
    return loc.key;
  return siteRange(site, sub);
}

const rule: Rule = {
  meta: {
    id: "value-type",
    severity: "error",
    description: "a condition or setProperty value that does not fit the property type or operator",
    docs: "docs/rules/value-type.md",
    fixable: true,
  },
  scope: { by: "file", readsAcrossFiles: ["Property", "Object"] },
  check({ model, only, report }) {
    for (const site of valueSites(model, only)) {
      if (site.expected === undefined) continue; // operator-type reports the operator
      const ctx = { op: site.op, type: site.property.value.type, path: sitePath(site) };
      for (const problem of valueProblems(site.expected, site.value, ctx)) {
        const range = problemRange(site, problem.sub);
        report({
          file: site.from.file,
          range,
          message: problem.message,
          suggestion: problem.suggestion,
          fix: problem.fix === undefined ? undefined : { range, text: problem.fix },
        });
      }
    }
  },
};

export default rule;
