/**
 * `stage-unreachable`: a stage after a pipeline's first that no Trigger sets
 * (`setStage`), that has no `entry` condition and is not `manual: true`.
 * Nothing explains how records get there, so the funnel has a dead step or an
 * undocumented automation.
 */
import type { PipelineDef, StageDef } from "../model/kinds.js";
import type { Definition, Model, Reference } from "../model/model.js";
import { changesKind, type Rule, relatedAt } from "./rule.js";

/** Whether some valid Trigger sets the stage with `setStage`. */
function setByTrigger(model: Model, stage: Definition): boolean {
  return model.referencesTo(stage).some(isSetStage);
}

function isSetStage(ref: Reference): boolean {
  return ref.field === "setStage" && ref.from?.kind === "Trigger";
}

/** Stage keys the edited file's triggers set before and after (the stages whose "way in" may have changed). */
function setStageKeys(refs: readonly Reference[]): string {
  return refs
    .filter((r) => isSetStage(r) && r.resolved)
    .map((r) => r.resolved?.key)
    .sort()
    .join("\u0000");
}

const rule: Rule = {
  meta: {
    id: "stage-unreachable",
    severity: "warn",
    description: "a stage after the first that no trigger sets, with no entry condition and not manual",
    docs: "docs/rules/stage-unreachable.md",
    fixable: false,
  },
  scope: {
    by: "workspace",
    reads: (c) =>
      changesKind(c, ["Stage", "Pipeline"]) ||
      setStageKeys(c.referencesBefore) !== setStageKeys(c.referencesAfter),
  },
  check({ model, report }) {
    for (const pipeline of model.valid<PipelineDef>("Pipeline")) {
      pipeline.value.stages.forEach((id, index) => {
        if (index === 0 || model.stagePipeline.get(id) !== pipeline) return;
        const stage = model.get<StageDef>("Stage", id);
        if (!stage?.valid || stage.value.entry !== undefined || stage.value.manual === true) return;
        if (setByTrigger(model, stage)) return;
        report({
          file: stage.file,
          range: model.absentRange(stage),
          message: `stage \`${id}\` of pipeline \`${pipeline.id}\` has no way in: no trigger sets it, it has no \`entry\` condition and it is not \`manual: true\``,
          suggestion: `add a trigger with \`setStage: ${id}\`, an \`entry\` condition, or \`manual: true\` if people move records here by hand`,
          related: [relatedAt(model, pipeline, `listed by pipeline \`${pipeline.id}\``, `/stages/${index}`)],
        });
      });
    }
  },
};

export default rule;
