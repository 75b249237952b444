/**
 * `unknown-option`: an enum / multienum value that is not one of the
 * property's options, in conditions, `setProperty` actions and a Stage's
 * `crmValue`. Options compare as strings, case-sensitively: a CRM filter on a
 * value that does not exist matches nothing, and a workflow setting one fails.
 * Conditions on a pipeline's property that name a stage id instead of the
 * stage's `crmValue` get the `crmValue` as the suggestion.
 */
import type { PropertyDef, StageDef } from "../model/kinds.js";
import type { Definition, Model } from "../model/model.js";
import { isOptionKind } from "../model/operators.js";
import {
  guessOption,
  type OptionGuess,
  optionValues,
  type StageValues,
  stageValuesByProperty,
} from "./option-guess.js";
import { sitePath, siteRange, valueSites } from "./property-values.js";
import { type Rule, type RuleContext, rangeAt, relatedAt, subjects } from "./rule.js";
import { yamlScalar } from "./yaml-text.js";

function isEnum(property: Definition<PropertyDef>): boolean {
  return property.value.type === "enum" || property.value.type === "multienum";
}

function explain(item: unknown, path: string, guess: OptionGuess | undefined): string {
  const value = String(item);
  const base = `\`${value}\` is not an option of \`${path}\``;
  if (guess?.reason === "number" && typeof item === "number")
    return `${base}: YAML reads this unquoted value as the number ${value}, and the option is the text \`${guess.value}\``;
  if (guess?.reason === "stage")
    return `${base}: \`${value}\` is the id of stage \`${value}\`, which pipeline \`${guess.pipeline}\` stores as \`${guess.value}\``;
  if (guess?.reason === "case") return `${base} (option values are case-sensitive)`;
  return base;
}

function checkSites(
  model: Model,
  only: ReadonlySet<string> | undefined,
  report: RuleContext["report"],
): void {
  // Only needed to explain a value that is not an option, which most sites never need.
  let stageValues: ReturnType<typeof stageValuesByProperty> | undefined;
  const none: StageValues = new Map();
  for (const site of valueSites(model, only)) {
    if (!site.expected || !isOptionKind(site.expected) || !isEnum(site.property)) continue;
    const options = optionValues(site.property.value);
    const values = (): StageValues => {
      stageValues ??= stageValuesByProperty(model);
      return stageValues.get(site.property.key) ?? none;
    };
    const items: [unknown, string][] = Array.isArray(site.value)
      ? site.value.map((v, i) => [v, `/value/${i}`])
      : [[site.value, "/value"]];
    for (const [item, sub] of items) {
      if (typeof item !== "string" && typeof item !== "number" && typeof item !== "boolean") continue;
      const value = String(item);
      if (options.includes(value)) continue;
      const guess = guessOption(value, options, values());
      const range = siteRange(site, sub);
      report({
        file: site.from.file,
        range,
        message: explain(item, sitePath(site), guess),
        suggestion: guess && `did you mean \`${guess.value}\`?`,
        fix: guess && { range, text: yamlScalar(guess.value) },
      });
    }
  }
}

function checkStages(context: RuleContext): void {
  const { model, report } = context;
  for (const stage of subjects<StageDef>(context, "Stage")) {
    const pipeline = model.stagePipeline.get(stage.id);
    const property = pipeline && model.pipelineProperty(pipeline);
    if (!pipeline || !property || !isEnum(property)) continue;
    const options = optionValues(property.value);
    const value = model.stageCrmValue(stage);
    if (options.includes(value)) continue;
    const guess = guessOption(value, options, new Map());
    const explicit = stage.value.crmValue !== undefined;
    const related = [
      relatedAt(model, pipeline, `pipeline \`${pipeline.id}\` stores its stages here`, "/property"),
    ];
    const path = pipeline.value.property;
    if (explicit) {
      const range = rangeAt(model, stage, "/crmValue");
      report({
        file: stage.file,
        range,
        message: `\`crmValue\` \`${value}\` of stage \`${stage.id}\` is not an option of \`${path}\`${guess?.reason === "case" ? " (option values are case-sensitive)" : ""}`,
        suggestion: guess && `did you mean \`${guess.value}\`?`,
        fix: guess && { range, text: yamlScalar(guess.value) },
        related,
      });
    } else {
      report({
        file: stage.file,
        range: model.absentRange(stage),
        message: `stage \`${stage.id}\` has no \`crmValue\`, so pipeline \`${pipeline.id}\` stores it as \`${value}\`, which is not an option of \`${path}\``,
        suggestion: guess
          ? `add \`crmValue: ${yamlScalar(guess.value)}\``
          : "add a `crmValue` naming the option",
        related,
      });
    }
  }
}

const rule: Rule = {
  meta: {
    id: "unknown-option",
    severity: "error",
    description:
      "an enum value, setProperty value or stage crmValue that is not one of the property's options",
    docs: "docs/rules/unknown-option.md",
    fixable: true,
  },
  // Options live on properties; stage ids and crmValues on stages and pipelines.
  scope: { by: "file", readsAcrossFiles: ["Property", "Object", "Stage", "Pipeline"] },
  check(context) {
    checkSites(context.model, context.only, context.report);
    checkStages(context);
  },
};

export default rule;
