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

/** Three rules read the same sites: compute them once per model. */
const cache = new WeakMap<Model, readonly ValueSite[]>();

/** Every resolved property test and `setProperty`, in reference order. */
export function valueSites(model: Model): readonly ValueSite[] {
  let sites = cache.get(model);
  if (!sites) {
    sites = collectValueSites(model);
    cache.set(model, sites);
  }
  return sites;
}

function collectValueSites(model: Model): ValueSite[] {
  const sites: ValueSite[] = [];
  for (const ref of model.references) {
    const from = ref.from;
    const property = ref.resolved;
    // A property whose object failed its schema has no trustworthy type: the `schema` error covers it.
    if (!from || !property || property.kind !== "Property" || !property.valid || ref.pointer === undefined)
      continue;
    const prop = property as Definition<PropertyDef>;
    const node = ref.pointer.replace(/\/property$/, "");
    if (ref.test) {
      const op = String(ref.test.op);
      sites.push({
        ref,
        from,
        property: prop,
        op,
        expected: expectedValue(prop.value.type, op),
        value: ref.test.value,
        node,
      });
    } else if (ref.assignment) {
      sites.push({
        ref,
        from,
        property: prop,
        op: "setProperty",
        expected: assignedValue(prop.value.type),
        value: ref.assignment.value,
        node,
      });
    }
  }
  return sites;
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
