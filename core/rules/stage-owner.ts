/**
 * `stage-owner`: a stage without an `owner` team. Every stage needs a team
 * that answers for its SLA and its backlog; otherwise records wait there
 * and nobody is paged.
 */
import type { StageDef } from "../model/kinds.js";
import { type Rule, subjects } from "./rule.js";

const rule: Rule = {
  meta: {
    id: "stage-owner",
    severity: "warn",
    description: "a stage without owner",
    docs: "docs/rules/stage-owner.md",
    fixable: false,
  },
  scope: { by: "file", readsAcrossFiles: [] },
  check(context) {
    const { model, report } = context;
    for (const stage of subjects<StageDef>(context, "Stage")) {
      if (stage.value.owner !== undefined) continue;
      report({
        file: stage.file,
        range: model.absentRange(stage),
        message: `stage \`${stage.id}\` has no \`owner\`: name the team that answers for records in it`,
        suggestion: "add `owner: TEAM_ID`",
      });
    }
  },
};

export default rule;
