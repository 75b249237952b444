/**
 * The forward order of a pipeline's stages (FORMAT.md §2): the `stages` list,
 * with `terminal` stages ranked after every non-terminal one. In a
 * `forwardOnly` pipeline a record may not go back: setting stage S is
 * backward for records at a stage ranked after S, and moving a record from one
 * terminal stage into another also counts as backward.
 */
import type { PipelineDef, StageDef } from "../model/kinds.js";
import type { Definition, Model } from "../model/model.js";

/** The pipeline's defined stages in forward rank. */
export function rankedStages(model: Model, pipeline: Definition<PipelineDef>): Definition<StageDef>[] {
  const stages: Definition<StageDef>[] = [];
  for (const id of pipeline.value.stages) {
    const stage = model.get<StageDef>("Stage", id);
    if (stage && model.stagePipeline.get(id) === pipeline && !stages.includes(stage)) stages.push(stage);
  }
  return [...stages.filter((s) => !isTerminal(s)), ...stages.filter(isTerminal)];
}

/** The stages from which setting `stage` moves a record backwards, in forward rank. */
export function stagesPast(
  model: Model,
  pipeline: Definition<PipelineDef>,
  stage: Definition<StageDef>,
): Definition<StageDef>[] {
  const ranked = rankedStages(model, pipeline);
  if (isTerminal(stage)) return ranked.filter((s) => s !== stage && isTerminal(s));
  const at = ranked.indexOf(stage);
  return at < 0 ? [] : ranked.slice(at + 1);
}

export function isTerminal(stage: Definition<StageDef>): boolean {
  return stage.value.terminal === true;
}
