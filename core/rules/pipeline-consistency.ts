/**
 * `pipeline-consistency`: pipeline and stage settings that contradict each
 * other, so forecasts and velocity reports built on them are wrong: `won`
 * without `closed`, a closed-won probability other than 1 or a closed-lost
 * one other than 0, open-stage probabilities that go down along the pipeline,
 * an `enteredAt` that is not a date/datetime property, and a pipeline whose
 * `property` is not an enum property.
 */
import type { PipelineDef, PropertyDef, StageDef } from "../model/kinds.js";
import type { Definition, Model, Reference } from "../model/model.js";
import { changesKind, type Rule, type RuleContext, rangeAt, relatedAt } from "./rule.js";
import { withArticle } from "./yaml-text.js";

type Report = RuleContext["report"];

function checkFlags(model: Model, stage: Definition<StageDef>, report: Report): void {
  const { won, closed, probability } = stage.value;
  if (won === true && closed !== true) {
    report({
      file: stage.file,
      range: rangeAt(model, stage, "/won"),
      message: `stage \`${stage.id}\` is \`won\` but not \`closed\`; a won deal is closed`,
      suggestion: "add `closed: true`, or drop `won`",
    });
  }
  if (closed !== true || probability === undefined) return;
  const expected = won === true ? 1 : 0;
  if (probability === expected) return;
  const range = rangeAt(model, stage, "/probability");
  report({
    file: stage.file,
    range,
    message:
      won === true
        ? `closed-won stage \`${stage.id}\` has probability ${probability}; a won deal has probability 1`
        : `closed-lost stage \`${stage.id}\` has probability ${probability}; a lost deal has probability 0`,
    suggestion: won === true || won === false ? `set \`probability: ${expected}\`` : undefined,
    // Without an explicit `won: false` the stage may be a won stage missing its flag: no fix.
    fix: won === true || won === false ? { range, text: String(expected) } : undefined,
  });
}

function checkEnteredAt(
  model: Model,
  stage: Definition<StageDef>,
  ref: Reference | undefined,
  report: Report,
): void {
  const property = ref?.resolved as Definition<PropertyDef> | undefined;
  if (!ref || !property) return;
  const type = property.value.type;
  if (type === "date" || type === "datetime") return;
  report({
    file: ref.file,
    range: ref.range,
    message: `\`enteredAt\` of stage \`${stage.id}\` is \`${ref.name}\`, ${withArticle(type)} property; it must be a date or datetime property stamped on entry`,
    related: [relatedAt(model, property, `\`${ref.name}\` is defined here`, "/type")],
  });
}

/** Open stages (not closed) must not lose probability along the pipeline. */
function checkProbabilityOrder(model: Model, pipeline: Definition<PipelineDef>, report: Report): void {
  let previous: Definition<StageDef> | undefined;
  for (const id of pipeline.value.stages) {
    const stage = model.get<StageDef>("Stage", id);
    if (!stage?.valid || model.stagePipeline.get(id) !== pipeline) continue;
    const { closed, probability } = stage.value;
    if (closed === true || probability === undefined) continue;
    const before = previous?.value.probability;
    if (previous && before !== undefined && probability < before) {
      report({
        file: stage.file,
        range: rangeAt(model, stage, "/probability"),
        message: `open stage \`${stage.id}\` has probability ${probability}, lower than ${before} at \`${previous.id}\`, which comes before it in pipeline \`${pipeline.id}\``,
        related: [relatedAt(model, previous, `\`${previous.id}\` has probability ${before}`, "/probability")],
      });
    }
    previous = stage;
  }
}

function checkPipelineProperty(model: Model, pipeline: Definition<PipelineDef>, report: Report): void {
  const property = model.pipelineProperty(pipeline);
  if (!property || property.value.type === "enum") return;
  report({
    file: pipeline.file,
    range: rangeAt(model, pipeline, "/property"),
    message: `pipeline \`${pipeline.id}\` keeps its stages in \`${pipeline.value.property}\`, ${withArticle(property.value.type)} property; it must be an enum property`,
    related: [relatedAt(model, property, `\`${pipeline.value.property}\` is defined here`, "/type")],
  });
}

const rule: Rule = {
  meta: {
    id: "pipeline-consistency",
    severity: "error",
    description:
      "contradicting stage flags: won without closed, closed probabilities, decreasing open probabilities, enteredAt type",
    docs: "docs/rules/pipeline-consistency.md",
    fixable: true,
  },
  // Probabilities are compared along a pipeline, across stage files.
  scope: {
    by: "workspace",
    reads: (c) => changesKind(c, ["Stage", "Pipeline", "Property", "Object"]),
  },
  check({ model, report }) {
    const enteredAt = new Map<Definition, Reference>();
    for (const ref of model.references)
      if (ref.from && ref.field === "enteredAt") enteredAt.set(ref.from, ref);
    for (const stage of model.valid<StageDef>("Stage")) {
      checkFlags(model, stage, report);
      checkEnteredAt(model, stage, enteredAt.get(stage), report);
    }
    for (const pipeline of model.valid<PipelineDef>("Pipeline")) {
      checkPipelineProperty(model, pipeline, report);
      checkProbabilityOrder(model, pipeline, report);
    }
  },
};

export default rule;
