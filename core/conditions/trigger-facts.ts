/**
 * What each valid Trigger reads and writes, in the terms of condition
 * reasoning: the constraint its `when` puts on records, and every property its
 * `setStage` / `setProperty` / `clearProperty` actions write, with the value
 * written (a stage writes its pipeline's property with the stage's
 * `crmValue`; a clear writes "empty"). `trigger-conflict`, `trigger-loop`,
 * `trigger-no-effect` and `stage-backward` all read this; it is computed once
 * per model and `now`.
 */
import type { Kind, PipelineDef, StageDef, TriggerDef } from "../model/kinds.js";
import { type Definition, isRecord, type Model } from "../model/model.js";
import { type Constraint, constraintOf, type Scope } from "./admitted.js";
import { literalValue, type PropertyTarget, showValue } from "./property-target.js";
import { objectScope } from "./scope.js";
import { singleValue, type Value, type ValueSet } from "./value-set.js";

export interface TriggerWrite {
  /** Index of the action in `actions`. */
  readonly action: number;
  readonly kind: "setStage" | "setProperty" | "clearProperty";
  /** Pointer, below the trigger, of the node diagnostics about this write point at. */
  readonly pointer: string;
  readonly target: PropertyTarget;
  /** The property path as written (for a stage: the pipeline's property). */
  readonly path: string;
  /** The value written; `null` for a clear. */
  readonly value: Value;
  /** The value as an admin wrote it (`now` stays `now`, dates in ISO form). */
  readonly shown: string;
  /** Identity of the value as written, for "same value?": `now` stays `now`. */
  readonly canonical: string;
  /** `value` as a one-value set. */
  readonly values: ValueSet;
  /** For `setStage`: the stage and its pipeline. */
  readonly stage?: { readonly def: Definition<StageDef>; readonly pipeline: Definition<PipelineDef> };
}

export interface TriggerFacts {
  readonly def: Definition<TriggerDef>;
  readonly scope: Scope;
  readonly when: Constraint;
  readonly writes: readonly TriggerWrite[];
}

const cache = new WeakMap<Model, { now: number; revision: number; facts: TriggerFacts[] }>();
/**
 * Facts per definition: an incremental update gives only the edited file's
 * definitions new objects, so every other trigger's facts are reused, until
 * an update of what facts read (stages, scoring models) bumps the model's
 * `contextRevision`.
 */
const byDefinition = new WeakMap<
  Definition,
  { now: number; context: number; facts: TriggerFacts | undefined }
>();

/** Facts of every valid Trigger (first definitions only), in workspace order. */
export function triggerFacts(model: Model, now: number): readonly TriggerFacts[] {
  const hit = cache.get(model);
  if (hit && hit.now === now && hit.revision === model.revision) return hit.facts;
  const facts: TriggerFacts[] = [];
  for (const def of model.valid<TriggerDef>("Trigger")) {
    const f = factsOf(model, def, now);
    if (f) facts.push(f);
  }
  cache.set(model, { now, revision: model.revision, facts });
  return facts;
}

/**
 * Kinds trigger facts read besides the trigger itself: properties (through
 * the object's scope), stages and pipelines (`setStage`), scoring models
 * (integer scores). Rules built on facts rerun everywhere when one changes.
 */
export const TRIGGER_FACTS_READ: readonly Kind[] = [
  "Object",
  "Property",
  "Pipeline",
  "Stage",
  "ScoringModel",
];

/** Facts of the triggers a (possibly incremental, `only` these files) check covers, in workspace order. */
export function factsIn(context: {
  model: Model;
  now: number;
  only?: ReadonlySet<string>;
}): readonly TriggerFacts[] {
  const { model, now, only } = context;
  if (!only) return triggerFacts(model, now);
  const out: TriggerFacts[] = [];
  for (const file of only) {
    for (const def of model.definitionsIn(file)) {
      if (def.kind !== "Trigger" || !def.valid || model.byKey.get(def.key) !== def) continue;
      const facts = factsOf(model, def as Definition<TriggerDef>, now);
      if (facts) out.push(facts);
    }
  }
  return out;
}

/** Facts of one valid trigger; undefined when its object is not defined. */
export function factsOf(model: Model, def: Definition<TriggerDef>, now: number): TriggerFacts | undefined {
  const hit = byDefinition.get(def);
  if (hit && hit.now === now && hit.context === model.contextRevision) return hit.facts;
  let facts: TriggerFacts | undefined;
  if (typeof def.value.object === "string" && model.get("Object", def.value.object)) {
    const scope = objectScope(model, def.value.object, now);
    facts = { def, scope, when: constraintOf(def.value.when, scope), writes: writesOf(model, def, scope) };
  }
  byDefinition.set(def, { now, context: model.contextRevision, facts });
  return facts;
}

/** "sets stage `mql`", "sets `hs_lead_status` to `NEW`", "clears `hubspot_owner_id`". */
export function describeWrite(write: TriggerWrite): string {
  if (write.stage) return `sets stage \`${write.stage.def.id}\``;
  if (write.value === null) return `clears \`${write.path}\``;
  return `sets \`${write.path}\` to \`${write.shown}\``;
}

function writesOf(model: Model, def: Definition<TriggerDef>, scope: Scope): TriggerWrite[] {
  const writes: TriggerWrite[] = [];
  const actions: unknown[] = Array.isArray(def.value.actions) ? def.value.actions : [];
  actions.forEach((action, i) => {
    if (!isRecord(action)) return;
    const write =
      "setStage" in action
        ? stageWrite(model, def, scope, i, action.setStage)
        : "setProperty" in action
          ? propertyWrite(def, scope, i, action.setProperty)
          : "clearProperty" in action
            ? clearWrite(scope, i, action.clearProperty)
            : undefined;
    if (write) writes.push(write);
  });
  return writes;
}

function stageWrite(
  model: Model,
  trigger: Definition<TriggerDef>,
  scope: Scope,
  action: number,
  stageId: unknown,
): TriggerWrite | undefined {
  if (typeof stageId !== "string") return undefined;
  const stage = model.get<StageDef>("Stage", stageId);
  const pipeline = model.stagePipeline.get(stageId);
  if (!stage || !pipeline || pipeline.value.object !== trigger.value.object) return undefined;
  const target = scope.resolve(pipeline.value.property);
  if (!target) return undefined;
  const value = model.stageCrmValue(stage);
  return {
    action,
    kind: "setStage",
    pointer: `/actions/${action}/setStage`,
    target,
    path: pipeline.value.property,
    value,
    shown: value,
    canonical: JSON.stringify(value),
    values: singleValue(target.domain, value),
    stage: { def: stage, pipeline },
  };
}

function propertyWrite(
  trigger: Definition<TriggerDef>,
  scope: Scope,
  action: number,
  set: unknown,
): TriggerWrite | undefined {
  if (!isRecord(set) || typeof set.property !== "string") return undefined;
  const target = scope.resolve(set.property);
  if (!target) return undefined;
  const value = literalValue(target, set.value, scope.now);
  if (value === undefined || value === null) return undefined;
  const at = `/actions/${action}/setProperty`;
  return {
    action,
    kind: "setProperty",
    pointer: trigger.doc.locations.has(`${trigger.pointer}${at}/value`) ? `${at}/value` : `${at}/property`,
    target,
    path: set.property,
    value,
    shown: set.value === "now" ? "now" : showValue(target, value),
    canonical: set.value === "now" ? '"now"' : JSON.stringify(value),
    values: singleValue(target.domain, value),
  };
}

function clearWrite(scope: Scope, action: number, clear: unknown): TriggerWrite | undefined {
  if (!isRecord(clear) || typeof clear.property !== "string") return undefined;
  const target = scope.resolve(clear.property);
  if (!target) return undefined;
  return {
    action,
    kind: "clearProperty",
    pointer: `/actions/${action}/clearProperty/property`,
    target,
    path: clear.property,
    value: null,
    shown: "empty",
    canonical: "null",
    values: singleValue(target.domain, null),
  };
}
