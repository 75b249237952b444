/**
 * Condition scopes backed by the resolved model: property paths resolve
 * through `model.resolvePath` (so `lead_score` and `contact.lead_score` are one
 * property), and a scoring model's score property counts in integers when
 * every points value and cap of the model is an integer (`gt 59` is `gte 60`).
 * Resolutions are cached per model.
 */
import type { PropertyDef, ScoringModelDef } from "../model/kinds.js";
import type { Model } from "../model/model.js";
import type { Scope } from "./admitted.js";
import { type PropertyTarget, propertyTarget } from "./property-target.js";

interface ModelCache {
  context: number;
  integers: ReadonlySet<string>;
  targets: Map<string, PropertyTarget | undefined>;
}

/**
 * Keyed by the model object, which an in-place update (`Model.updateYamlFile`)
 * keeps; rebuilt when an update of what it reads (scoring models for integer
 * scores) bumps the model's `contextRevision`.
 */
const caches = new WeakMap<Model, ModelCache>();

/** The scope of conditions written on `objectId` (a trigger's `when`, a stage's `entry`…). */
export function objectScope(model: Model, objectId: string, now: number): Scope {
  const cache = modelCache(model);
  return {
    now,
    resolve(path: string): PropertyTarget | undefined {
      const key = `${objectId}\u0000${path}`;
      if (cache.targets.has(key)) return cache.targets.get(key);
      const r = model.resolvePath(objectId, path);
      const target = r.ok
        ? propertyTarget(r.property, r.walked, cache.integers.has(r.property.key))
        : undefined;
      cache.targets.set(key, target);
      return target;
    },
  };
}

/** Definition keys of the score properties whose values are always integers. */
export function integerProperties(model: Model): ReadonlySet<string> {
  return modelCache(model).integers;
}

function modelCache(model: Model): ModelCache {
  let cache = caches.get(model);
  if (cache?.context !== model.contextRevision) {
    cache = { context: model.contextRevision, integers: integerScoreProperties(model), targets: new Map() };
    caches.set(model, cache);
  }
  return cache;
}

function integerScoreProperties(model: Model): Set<string> {
  const out = new Set<string>();
  const mixed = new Set<string>();
  for (const scoring of model.valid<ScoringModelDef>("ScoringModel")) {
    const r = model.resolvePath(scoring.value.object, scoring.value.property, false);
    if (!r.ok || !isNumberType(r.property.value)) continue;
    if (integerScores(scoring.value)) out.add(r.property.key);
    else mixed.add(r.property.key);
  }
  for (const key of mixed) out.delete(key);
  return out;
}

/** Scores are integers when every points value and every cap is. */
function integerScores(m: ScoringModelDef): boolean {
  const caps = [m.max, ...m.groups.map((g) => g.limit)].filter((n): n is number => n !== undefined);
  return (
    m.groups.every((g) => g.rules.every((r) => Number.isInteger(r.points))) && caps.every(Number.isInteger)
  );
}

function isNumberType(p: PropertyDef): boolean {
  return p.type === "number";
}
