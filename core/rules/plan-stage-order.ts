/**
 * `plan-stage-order`: a CommandPlan section `requiredAt` a stage that comes
 * after the plan's handoff stage `at` (the answer would be due only after the
 * other team took over), or `at` / `requiredAt` naming a stage that is not on
 * a pipeline of the plan's object. Stage ids that name nothing are
 * `unresolved-reference`'s job.
 */
import type { CommandPlanDef, PipelineDef, StageDef } from "../model/kinds.js";
import type { Definition, Model } from "../model/model.js";
import { type Rule, rangeAt, relatedAt, subjects } from "./rule.js";

const rule: Rule = {
  meta: {
    id: "plan-stage-order",
    severity: "warn",
    description:
      "a command plan section required at a stage after the handoff stage, or a stage not on the plan object's pipelines",
    docs: "docs/rules/plan-stage-order.md",
    fixable: false,
  },
  scope: { by: "file", readsAcrossFiles: ["Stage", "Pipeline"] },
  check(context) {
    const { model, report } = context;
    for (const plan of subjects<CommandPlanDef>(context, "CommandPlan")) {
      const objectId = plan.value.object;
      const placed = (
        stageId: string | undefined,
        sub: string,
        what: string,
      ): Definition<PipelineDef> | undefined => {
        if (stageId === undefined || !model.get("Stage", stageId)) return undefined;
        const pipeline = model.stagePipeline.get(stageId);
        if (pipeline && pipeline.value.object === objectId) return pipeline;
        const where = pipeline
          ? `is on pipeline \`${pipeline.id}\` of \`${pipeline.value.object}\``
          : "is listed by no pipeline";
        report({
          file: plan.file,
          range: rangeAt(model, plan, sub),
          message: `${what} of command plan \`${plan.id}\` is stage \`${stageId}\`, which ${where}, not on a pipeline of \`${objectId}\`, the plan's object`,
        });
        return undefined;
      };
      const at = plan.value.at;
      const atPipeline = placed(at, "/at", "the handoff stage `at`");
      plan.value.sections.forEach((section, i) => {
        const sub = `/sections/${i}/requiredAt`;
        const required = section.requiredAt;
        const pipeline = placed(required, sub, `\`requiredAt\` of section \`${section.id}\``);
        if (!pipeline || !atPipeline || at === undefined || required === undefined) return;
        const related = [relatedAt(model, plan, `the handoff happens at \`${at}\``, "/at")];
        if (pipeline !== atPipeline) {
          report({
            file: plan.file,
            range: rangeAt(model, plan, sub),
            message: `section \`${section.id}\` of command plan \`${plan.id}\` is required at \`${required}\` on pipeline \`${pipeline.id}\`, but the handoff stage \`${at}\` is on pipeline \`${atPipeline.id}\`; use a stage of \`${atPipeline.id}\``,
            related,
          });
          return;
        }
        if (stageRank(model, pipeline, required) <= stageRank(model, pipeline, at)) return;
        report({
          file: plan.file,
          range: rangeAt(model, plan, sub),
          message: `section \`${section.id}\` of command plan \`${plan.id}\` is required at \`${required}\`, which comes after the handoff stage \`${at}\` in pipeline \`${pipeline.id}\`; the answer would be due only after \`${plan.value.to}\` took over`,
          related,
        });
      });
    }
  },
};

/** Position of a stage in its pipeline: the `stages` order, terminal stages after every other. */
function stageRank(model: Model, pipeline: Definition<PipelineDef>, stageId: string): number {
  const stages = pipeline.value.stages;
  const index = stages.indexOf(stageId);
  const stage = model.get<StageDef>("Stage", stageId);
  const terminal = stage?.valid === true && stage.value.terminal === true;
  return index + (terminal ? stages.length : 0);
}

export default rule;
