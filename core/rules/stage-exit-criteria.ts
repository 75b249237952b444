/**
 * `stage-exit-criteria`: a non-terminal stage without `exitCriteria`. Without
 * written criteria, reps decide case by case when a record moves on, and
 * stage-to-stage conversion numbers stop meaning anything.
 */
import type { StageDef } from "../model/kinds.js";
import { type Rule, rangeAt, subjects } from "./rule.js";

const rule: Rule = {
  meta: {
    id: "stage-exit-criteria",
    severity: "warn",
    description: "a non-terminal stage without exitCriteria",
    docs: "docs/rules/stage-exit-criteria.md",
    fixable: false,
  },
  scope: { by: "file", readsAcrossFiles: [] },
  check(context) {
    const { model, report } = context;
    for (const stage of subjects<StageDef>(context, "Stage")) {
      const { terminal, exitCriteria } = stage.value;
      if (terminal === true || (exitCriteria !== undefined && exitCriteria.length > 0)) continue;
      const empty = exitCriteria !== undefined;
      report({
        file: stage.file,
        range: empty ? rangeAt(model, stage, "/exitCriteria") : model.absentRange(stage),
        message: empty
          ? `stage \`${stage.id}\` has an empty \`exitCriteria\` list: write what must be true for a record to leave it`
          : `stage \`${stage.id}\` has no \`exitCriteria\`: write what must be true for a record to leave it`,
        suggestion: "add `exitCriteria`, or `terminal: true` if records never leave this stage",
      });
    }
  },
};

export default rule;
