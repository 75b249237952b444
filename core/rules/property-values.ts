/**
 * The places where a definition compares or sets a property's value: every
 * condition property test (`{property, op, value}`) and every `setProperty`
 * action whose property path resolved. `operator-type`, `value-type` and
 * `unknown-option` all walk this one list.
 */
import type { NodeLocation } from "../load/yaml-source.js";
import type { PropertyDef } from "../model/kinds.js";
import type { Definition, Model, Reference } from "../model/model.js";
import { assignedValue, expectedValue, type ValueKind } from "../model/operators.js";
import type { Range } from "../position.js";

export interface ValueSite {
  ref: Reference;
  /** The definition holding the test or action. */
  from: Definition;
  property: Definition<PropertyDef>;
  /** The operator as written, or `setProperty` for an action. */
  op: string;
  /** What the value must be; undefined when the property's type does not allow `op`. */
  expected: ValueKind | undefined;
  /** The value as written; undefined when the `value` key is absent. */
  value: unknown;
  /** Document pointer of the mapping that holds `op` / `value`. */
  node: string;
}

/**
 * Three rules read the same sites: compute them once per model revision (and
 * per reference, until an in-place update of a property, whose type and
 * options a site reads, bumps the model's `contextRevision`).
 */
const cache = new WeakMap<Model, { revision: number; sites: readonly ValueSite[] }>();
const byReference = new WeakMap<Reference, { context: number; site: ValueSite | undefined }>();

/**
 * Every resolved property test and `setProperty`, in reference order; with
 * `files`, only those written in these files (an incremental rerun).
 */
export function valueSites(model: Model, files?: ReadonlySet<string>): readonly ValueSite[] {
  if (files) return [...files].flatMap((file) => collectValueSites(model, model.referencesIn(file)));
  const hit = cache.get(model);
  if (hit && hit.revision === model.revision) return hit.sites;
  const sites = collectValueSites(model, model.references);
  cache.set(model, { revision: model.revision, sites });
  return sites;
}

function collectValueSites(model: Model, references: readonly Reference[]): ValueSite[] {
  const sites: ValueSite[] = [];
  const context = model.contextRevision;
  for (const ref of references) {
    let hit = byReference.get(ref);
    if (hit?.context !== context) byReference.set(ref, (hit = { context, site: valueSite(ref) }));
    if (hit.site) sites.push(hit.site);
  }
  return sites;
}

/** The value site of one reference, if it is a resolved property test or `setProperty`. */
function valueSite(ref: Reference): ValueSite | undefined {
  const from = ref.from;
  const property = ref.resolved;
  // A property whose object failed its schema has no trustworthy type: the `schema` error covers it.
  if (!from || !property || property.kind !== "Property" || !property.valid || ref.pointer === undefined)
    return undefined;
  const prop = property as Definition<PropertyDef>;
  const node = ref.pointer.replace(/\/property$/, "");
  if (ref.test) {
    const op = String(ref.test.op);
    return {
      ref,
      from,
      property: prop,
      op,
      expected: expectedValue(prop.value.type, op),
      value: ref.test.value,
      node,
    };
  }
  if (ref.assignment) {
    return {
      ref,
      from,
      property: prop,
      op: "setProperty",
      expected: assignedValue(prop.value.type),
      value: ref.assignment.value,
      node,
    };
  }
  return undefined;
}

/** Location of a node below the site's mapping (`/op`, `/value`, `/value/1`). */
export function siteLocation(site: ValueSite, sub: string): NodeLocation | undefined {
  return site.from.doc.locations.get(site.node + sub);
}

/** Range of a node below the site, falling back to its `op`, then to the property path. */
export function siteRange(site: ValueSite, sub: string): Range {
  return (siteLocation(site, sub) ?? siteLocation(site, "/op"))?.value ?? site.ref.range;
}

/** The property path as written, for messages. */
export function sitePath(site: ValueSite): string {
  return site.ref.name;
}
