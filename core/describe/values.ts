/**
 * Names and values as a person reads them: property paths ("Company → Number
 * of employees"), option labels and stage names in place of stored option
 * values, numbers with thousands separators, texts in quotes. Nothing here
 * throws: what does not resolve is shown as written, in backticks.
 */
import { durationInWords, isIsoDuration } from "../iso.js";
import { optionValue, type PipelineDef, type PropertyDef, type StageDef } from "../model/kinds.js";
import type { Definition, Model } from "../model/model.js";
import { raw } from "./wording.js";

/** A property path resolved for wording: its label and, when it resolved, its definition. */
export interface PropertyRef {
  label: string;
  property?: Definition<PropertyDef>;
}

/** Separator between the steps of a walked path. */
export const PATH_SEPARATOR = " → ";

/** Resolves `path` on `objectId` and labels it; unresolved paths are labelled `` `path` ``. */
export function propertyRef(model: Model, objectId: string, path: unknown): PropertyRef {
  if (typeof path !== "string") return { label: raw(path) };
  const r = model.resolvePath(objectId, path);
  if (!r.ok) return { label: raw(path) };
  const label = [...r.walked, r.property].map((d) => model.displayName(d)).join(PATH_SEPARATOR);
  return { label, property: r.property };
}

/** The display name of a definition of `kind`, or `` `id` `` when there is none. */
export function definitionName(model: Model, kind: "Team" | "Event" | "Stage", id: unknown): string {
  if (typeof id !== "string") return raw(id);
  const def = model.get(kind, id);
  return def ? model.displayName(def) : raw(id);
}

const NUMBER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 10 });
const MONEY = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** `5000` → "5,000"; currency keeps cents when it has them ("1,234.50"); percent gets "%". */
export function formatNumber(value: number, type?: PropertyDef["type"]): string {
  if (!Number.isFinite(value)) return raw(String(value));
  if (type === "currency" && !Number.isInteger(value)) return MONEY.format(value);
  if (type === "percent") return `${NUMBER.format(value)}%`;
  return NUMBER.format(value);
}

/** A text value in curly quotes: “@gmail.com”. */
export function quote(text: string): string {
  return `“${text}”`;
}

/** The pipelines whose stages are stored in this property. */
function pipelinesOf(model: Model, property: Definition<PropertyDef>): Definition<PipelineDef>[] {
  return model
    .valid<PipelineDef>("Pipeline")
    .filter((p) => p.value.object === property.objectId && model.pipelineProperty(p) === property);
}

/**
 * An option value as shown to people: the stage's name when the property holds
 * a pipeline and the value is one of its stages' `crmValue`, else the option's
 * `label`, else the value itself; a value that is not an option is `` `value` ``.
 */
export function optionLabel(
  model: Model,
  property: Definition<PropertyDef> | undefined,
  value: unknown,
): string {
  if (value === null || typeof value === "object" || value === undefined) return raw(value);
  const text = String(value);
  if (!property) return raw(text);
  for (const pipeline of pipelinesOf(model, property)) {
    for (const stageId of pipeline.value.stages) {
      const stage = model.get<StageDef>("Stage", stageId);
      if (stage && model.stagePipeline.get(stageId) === pipeline && model.stageCrmValue(stage) === text)
        return model.displayName(stage);
    }
  }
  const options = Array.isArray(property.value.options) ? property.value.options : [];
  for (const option of options) {
    if (optionValue(option) !== text) continue;
    if (typeof option === "object" && option !== null && typeof option.label === "string" && option.label)
      return option.label;
    return text;
  }
  return raw(text);
}

/** What sort of value a test or assignment carries, when known from the property or the operator. */
export type ValueSort = "number" | "text" | "boolean" | "option" | "date" | "duration" | "record" | "unknown";

/** The sort of value a property holds. */
export function sortOf(property: Definition<PropertyDef> | undefined): ValueSort {
  switch (property?.value.type) {
    case "number":
    case "currency":
    case "percent":
      return "number";
    case "string":
    case "text":
      return "text";
    case "boolean":
      return "boolean";
    case "enum":
    case "multienum":
      return "option";
    case "date":
    case "datetime":
      return "date";
    case "reference":
      return "record";
    default:
      return "unknown";
  }
}

/**
 * One value in words. `now` is the CRM's word for today in conditions; `today`
 * is passed in so actions can say "the current date" instead.
 */
export function formatValue(
  model: Model,
  property: Definition<PropertyDef> | undefined,
  sort: ValueSort,
  value: unknown,
  today: string,
): string {
  switch (sort) {
    case "number":
      return typeof value === "number" ? formatNumber(value, property?.value.type) : raw(value);
    case "boolean":
      return value === true ? "True" : value === false ? "False" : raw(value);
    case "option":
      return optionLabel(model, property, value);
    case "date":
      if (value === "now") return today;
      return typeof value === "string" ? value : raw(value);
    case "duration":
      return isIsoDuration(value) ? durationInWords(value) : raw(value);
    case "text":
    case "record":
      return typeof value === "string" ? quote(value) : raw(value);
    default:
      if (typeof value === "number") return formatNumber(value);
      if (typeof value === "boolean") return value ? "True" : "False";
      if (value === "now") return today;
      return typeof value === "string" ? quote(value) : raw(value);
  }
}
