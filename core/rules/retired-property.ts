/**
 * `retired-property`: a definition that still reads or writes a property the
 * CRM retired (`status: retired`, an error: the CRM no longer updates it, as
 * with HubSpot's legacy `hubspotscore` after 2025-08-31) or is phasing out
 * (`status: deprecated`, a warning). The property's `replacedBy` is the
 * suggestion and the fix, written in the reference's own path style.
 */
import type { PropertyDef } from "../model/kinds.js";
import type { Definition, Model, Reference } from "../model/model.js";
import { referencesChecked, type Rule } from "./rule.js";

/** Where a property's replacement leads, following replacements that are themselves retired. */
function replacementOf(model: Model, property: Definition<PropertyDef>): Definition<PropertyDef> | undefined {
  const seen = new Set<string>([property.key]);
  let current = property;
  for (;;) {
    const { replacedBy } = current.value;
    if (replacedBy === undefined || current.objectId === undefined) return undefined;
    const r = model.resolvePath(current.objectId, replacedBy);
    if (!r.ok || seen.has(r.property.key)) return undefined;
    if (r.property.value.status !== "retired") return r.property;
    seen.add(r.property.key);
    current = r.property;
  }
}

/**
 * The reference's path with its last segment swapped for the replacement's
 * path (relative to the retired property's object), if that resolves to the
 * replacement: `contact.hubspotscore` → `contact.lead_score`. Doc links become
 * `property:OBJECT.PROPERTY` of the replacement.
 */
function rewrittenPath(
  model: Model,
  ref: Reference,
  retired: Definition<PropertyDef>,
  replacement: Definition<PropertyDef>,
): string | undefined {
  if (ref.from === undefined) {
    // A doc link or front matter `related` entry: `property:OBJECT.PROPERTY`.
    return /^property:[^#?]+$/.test(ref.name) ? `property:${replacement.id}` : undefined;
  }
  if (ref.objectId === undefined || retired.objectId === undefined) return undefined;
  const head = ref.name.split(".").slice(0, -1);
  const local = replacement.id.startsWith(`${retired.objectId}.`)
    ? replacement.id.slice(retired.objectId.length + 1)
    : (retired.value.replacedBy ?? "");
  const path = [...head, local].join(".");
  const r = model.resolvePath(ref.objectId, path);
  return r.ok && r.property === replacement ? path : undefined;
}

function label(property: Definition<PropertyDef>): string {
  return property.value.status === "retired"
    ? "retired: the CRM no longer updates it"
    : "deprecated and being phased out";
}

/** How the reference uses the property: "this condition tests", "`setProperty` sets"… */
function usage(ref: Reference): string {
  switch (ref.field) {
    case "condition":
      return "this condition tests";
    case "setProperty":
      return "`setProperty` sets";
    case "clearProperty":
      return "`clearProperty` clears";
    case "link":
    case "related":
      return "this link points to";
    default:
      return `\`${ref.field}\` names`;
  }
}

const rule: Rule = {
  meta: {
    id: "retired-property",
    severity: "error",
    description: "a reference to a retired (error) or deprecated (warning) property, with its replacement",
    docs: "docs/rules/retired-property.md",
    fixable: true,
  },
  scope: { by: "file", readsAcrossFiles: ["Property", "Object"] },
  check(context) {
    const { model, report } = context;
    for (const ref of referencesChecked(context)) {
      const target = ref.resolved;
      if (target?.kind !== "Property") continue;
      const property = target as Definition<PropertyDef>;
      const status = property.value.status;
      if (status !== "retired" && status !== "deprecated") continue;
      if (ref.from === property) continue;
      const replacement = replacementOf(model, property);
      const path = replacement && rewrittenPath(model, ref, property, replacement);
      report({
        file: ref.file,
        range: ref.range,
        message: `${usage(ref)} \`${ref.name}\`, which is ${label(property)}`,
        suggestion: path === undefined ? undefined : `use \`${path}\` instead`,
        fix: path === undefined ? undefined : { range: ref.range, text: path },
        severity: status === "retired" ? "error" : "warn",
      });
    }
  },
};

export default rule;
