/**
 * `stage-backward`: in a `forwardOnly` pipeline, a Trigger that sets stage S
 * (with `setStage`, or with a `setProperty` of S's `crmValue` on the pipeline's
 * property) while its `when` admits records already past S. The admitted values of the
 * pipeline's property are computed from the condition (`all` intersects,
 * `any` unites, `not` / `neq` / `notIn` complement, other properties leave it
 * free); terminal stages rank after every other stage, and moving a record
 * from one terminal stage into another counts as backward. Such a workflow
 * pulls customers back to MQL, or flips closed-won deals to closed-lost.
 */
import { valuesOf } from "../conditions/admitted.js";
import { isTerminal, rankedStages, stagesPast } from "../conditions/stage-order.js";
import {
  factsIn,
  TRIGGER_FACTS_READ,
  type TriggerFacts,
  type TriggerWrite,
} from "../conditions/trigger-facts.js";
import { containsValue } from "../conditions/value-set.js";
import { quotedList } from "../conditions/wording.js";
import type { PipelineDef, StageDef } from "../model/kinds.js";
import type { Definition, Model } from "../model/model.js";
import { type Rule, rangeAt, relatedAt } from "./rule.js";

const rule: Rule = {
  meta: {
    id: "stage-backward",
    severity: "error",
    description:
      "a trigger that sets a stage while admitting records already past it in a forward-only pipeline",
    docs: "docs/rules/stage-backward.md",
    fixable: false,
  },
  scope: { by: "file", readsAcrossFiles: TRIGGER_FACTS_READ },
  check(context) {
    const { model, report } = context;
    for (const facts of factsIn(context)) {
      for (const write of facts.writes) {
        const stage = stageSet(model, facts, write);
        if (stage?.pipeline.value.forwardOnly !== true) continue;
        const admitted = valuesOf(facts.when, write.target);
        const past = stagesPast(model, stage.pipeline, stage.def);
        const offending = past.filter((s) => containsValue(admitted, model.stageCrmValue(s)));
        if (offending.length === 0) continue;
        const earlier = rankedStages(model, stage.pipeline)
          .filter((s) => s !== stage.def && !past.includes(s))
          .map((s) => model.stageCrmValue(s));
        report({
          file: facts.def.file,
          range: rangeAt(model, facts.def, write.pointer),
          message: isTerminal(stage.def)
            ? `trigger \`${facts.def.id}\` ${setsWhat(write, stage.def.id, "terminal stage")} but its condition admits records ` +
              `already at terminal stage${offending.length === 1 ? "" : "s"} ${quotedList(offending.map((s) => s.id))}; moving a record from one terminal ` +
              `stage to another goes backward in the forward-only pipeline \`${stage.pipeline.id}\``
            : `trigger \`${facts.def.id}\` ${setsWhat(write, stage.def.id, "stage")} but its condition admits records already at ` +
              `${quotedList(offending.map((s) => s.id))}, which ${offending.length === 1 ? "comes" : "come"} after ` +
              `\`${stage.def.id}\` in the forward-only pipeline \`${stage.pipeline.id}\``,
          suggestion:
            earlier.length > 0
              ? `limit the trigger to records in ${isTerminal(stage.def) ? "open" : "earlier"} stages, e.g. with \`{ property: ${write.path}, op: in, value: [${earlier.join(", ")}] }\``
              : `limit the trigger to records that are not yet past \`${stage.def.id}\``,
          related: [
            relatedAt(
              model,
              stage.pipeline,
              `pipeline \`${stage.pipeline.id}\` is forward-only`,
              "/forwardOnly",
            ),
          ],
        });
      }
    }
  },
};

/**
 * The stage a write sets: a `setStage`, or a `setProperty` that writes a
 * stage's `crmValue` into the pipeline's own property (the same move in the CRM).
 */
function stageSet(
  model: Model,
  facts: TriggerFacts,
  write: TriggerWrite,
): { def: Definition<StageDef>; pipeline: Definition<PipelineDef> } | undefined {
  if (write.stage) return write.stage;
  if (write.kind !== "setProperty") return undefined;
  for (const pipeline of model.valid<PipelineDef>("Pipeline")) {
    if (pipeline.value.object !== facts.def.value.object) continue;
    if (model.pipelineProperty(pipeline)?.key !== write.target.key) continue;
    const def = rankedStages(model, pipeline).find((s) => model.stageCrmValue(s) === write.value);
    if (def) return { def, pipeline };
  }
  return undefined;
}

/** "sets stage `mql`", or for a setProperty "sets `lifecyclestage` to `marketingqualifiedlead` (stage `mql`)". */
function setsWhat(write: TriggerWrite, stageId: string, label: string): string {
  return write.kind === "setStage"
    ? `sets ${label} \`${stageId}\``
    : `sets \`${write.path}\` to \`${write.shown}\` (${label} \`${stageId}\`)`;
}

export default rule;
