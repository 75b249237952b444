/**
 * `stage-unreachable`: a stage after a pipeline's first that no Trigger sets
 * (`setStage`), that has no `entry` condition and is not `manual: true`.
 * Nothing explains how records get there, so the funnel has a dead step or an
 * undocumented automation.
 */
import type { PipelineDef, StageDef } from "../model/kinds.js";
import type { Model } from "../model/model.js";
import { type Rule, relatedAt } from "./rule.js";

/** Stage ids that some valid Trigger sets with `setStage`. */
function stagesSetByTriggers(model: Model): Set<string> {
  const set = new Set<string>();
  for (const ref of model.references) {
    if (ref.field === "setStage" && ref.from?.kind === "Trigger" && ref.resolved) set.add(ref.resolved.id);
  }
  return set;
}

const rule: Rule = {
  meta: {
    id: "stage-unreachable",
    severity: "warn",
    description: "a stage after the first that no trigger sets, with no entry condition and not manual",
    docs: "docs/rules/stage-unreachable.md",
    fixable: false,
  },
  check({ model, report }) {
    const setByTrigger = stagesSetByTriggers(model);
    for (const pipeline of model.valid<PipelineDef>("Pipeline")) {
      pipeline.value.stages.forEach((id, index) => {
        if (index === 0 || setByTrigger.has(id) || model.stagePipeline.get(id) !== pipeline) return;
        const stage = model.get<StageDef>("Stage", id);
        if (!stage?.valid || stage.value.entry !== undefined || stage.value.manual === true) return;
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
