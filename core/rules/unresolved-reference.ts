/**
 * `unresolved-reference`: any reference that names nothing (stage, object,
 * property path, team, event, trigger, scoring model, pipeline, `KIND:ID`
 * links in docs), with a "did you mean" and a fix when one name is close.
 */
import { referencesChecked, type Rule } from "./rule.js";

const rule: Rule = {
  meta: {
    id: "unresolved-reference",
    severity: "error",
    description:
      "a reference (stage, object, property path, team, event, trigger, model, pipeline, doc link) that names nothing",
    docs: "docs/rules/unresolved-reference.md",
    fixable: true,
  },
  // An in-place model change never adds or removes an id, so references elsewhere resolve as before.
  scope: { by: "file", readsAcrossFiles: [] },
  check(context) {
    const { report } = context;
    for (const ref of referencesChecked(context)) {
      if (ref.resolved || !ref.problem) continue;
      report({
        file: ref.file,
        range: ref.range,
        message: ref.problem.message,
        suggestion: ref.problem.suggestion,
        fix:
          ref.problem.replacement === undefined
            ? undefined
            : { range: ref.range, text: ref.problem.replacement },
      });
    }
  },
};

export default rule;
