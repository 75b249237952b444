/**
 * `unused-definition` (info): a property, event or team that nothing
 * references: no condition, action, pipeline, model, plan, owner field or doc
 * link names it. Dead definitions make the handbook longer and the data model
 * harder to trust. A property walked through in a path (`company` in
 * `company.numberofemployees`) counts as used; a retired property is meant to
 * be unused and is left alone.
 */
import type { Kind, PropertyDef } from "../model/kinds.js";
import type { Definition, Model, ModelChange } from "../model/model.js";
import { type Rule, rangeAt } from "./rule.js";

/** Whether something other than the definition itself refers to it (walked reference properties included). */
function isUsed(model: Model, def: Definition): boolean {
  return model.referencesTo(def).some((ref) => ref.resolved !== undefined && ref.from !== ref.resolved);
}

/** The definitions whose use an edit can change: its own, and every one its references named before or after. */
function touchedKeys(change: ModelChange): Set<string> {
  const keys = new Set<string>();
  for (const def of [...change.before, ...change.after]) keys.add(def.key);
  for (const ref of [...change.referencesBefore, ...change.referencesAfter]) {
    if (!ref.resolved) continue;
    keys.add(ref.resolved.key);
    for (const walked of ref.via ?? []) keys.add(walked.key);
  }
  return keys;
}

/** Checked definitions, or with `only` (definition keys) just those. */
function checked(model: Model, kind: Kind, only: ReadonlySet<string> | undefined): readonly Definition[] {
  if (!only) return model.valid(kind);
  const out: Definition[] = [];
  for (const key of only) {
    const def = model.byKey.get(key);
    if (def?.kind === kind && def.valid) out.push(def);
  }
  return out;
}

const rule: Rule = {
  meta: {
    id: "unused-definition",
    severity: "info",
    description: "a property, event or team that nothing references",
    docs: "docs/rules/unused-definition.md",
    fixable: false,
  },
  // Parts are the checked definitions (by key).
  scope: { by: "part", parts: touchedKeys },
  check({ model, only, report }) {
    for (const property of checked(model, "Property", only) as Definition<PropertyDef>[]) {
      if (property.value.status === "retired" || isUsed(model, property)) continue;
      report({
        part: property.key,
        file: property.file,
        range: rangeAt(model, property, "/id"),
        message: `property \`${property.value.id}\` of object \`${property.objectId}\` is not used by any definition or doc`,
      });
    }
    for (const kind of ["Event", "Team"] as const) {
      for (const def of checked(model, kind, only)) {
        if (isUsed(model, def)) continue;
        report({
          part: def.key,
          file: def.file,
          range: model.absentRange(def),
          message:
            kind === "Team"
              ? `team \`${def.id}\` owns nothing and no definition or doc names it`
              : `event \`${def.id}\` is not used by any scoring rule, trigger or doc`,
        });
      }
    }
  },
};

export default rule;
