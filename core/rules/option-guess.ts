/**
 * "Did you mean" for enum option values: a case-only match first, then (on a
 * pipeline's property) a stage id written where its `crmValue` belongs, then an
 * option with the same number (`010` for 10: YAML reads unquoted `010` as 10), then
 * the closest option by edit distance.
 */
import type { PipelineDef, PropertyDef, StageDef } from "../model/kinds.js";
import { optionValue } from "../model/kinds.js";
import type { Model } from "../model/model.js";
import { closest } from "../model/suggest.js";

export interface OptionGuess {
  value: string;
  reason: "case" | "stage" | "number" | "close";
  /** For `stage`: the pipeline whose stage id was written. */
  pipeline?: string;
}

/** A property's option values, as strings. */
export function optionValues(property: PropertyDef): string[] {
  return (property.options ?? []).map(optionValue);
}

export type StageValues = ReadonlyMap<string, { value: string; pipeline: string }>;

/**
 * For every enum property that holds a pipeline (by property key): stage id →
 * the stage's `crmValue` and its pipeline.
 */
export function stageValuesByProperty(
  model: Model,
): Map<string, Map<string, { value: string; pipeline: string }>> {
  const byProperty = new Map<string, Map<string, { value: string; pipeline: string }>>();
  for (const pipeline of model.valid<PipelineDef>("Pipeline")) {
    const property = model.pipelineProperty(pipeline);
    if (!property) continue;
    const map = byProperty.get(property.key) ?? new Map<string, { value: string; pipeline: string }>();
    byProperty.set(property.key, map);
    for (const id of pipeline.value.stages) {
      const stage = model.get<StageDef>("Stage", id);
      if (stage && model.stagePipeline.get(id) === pipeline && !map.has(id))
        map.set(id, { value: model.stageCrmValue(stage), pipeline: pipeline.id });
    }
  }
  return byProperty;
}

/** The one option `value` most likely meant, or undefined when none (or several) fit. */
export function guessOption(
  value: string,
  options: readonly string[],
  stageValues: StageValues,
): OptionGuess | undefined {
  const lower = value.toLowerCase();
  const sameCase = options.filter((o) => o.toLowerCase() === lower);
  if (sameCase.length === 1) return { value: sameCase[0] as string, reason: "case" };
  if (sameCase.length > 1) return undefined;
  const stage = stageValues.get(value);
  if (stage && stage.value !== value && options.includes(stage.value))
    return { value: stage.value, reason: "stage", pipeline: stage.pipeline };
  const number = Number(value);
  if (value.trim() !== "" && Number.isFinite(number)) {
    const same = options.filter((o) => o !== value && o.trim() !== "" && Number(o) === number);
    if (same.length === 1) return { value: same[0] as string, reason: "number" };
  }
  const near = closest(value, options);
  return near === undefined ? undefined : { value: near, reason: "close" };
}
