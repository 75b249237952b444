/**
 * `plan-property-type`: a CommandPlan section whose `property` (where the
 * answer lives in the CRM) is not a string or text property of the plan's
 * object. A "Why now?" answer cannot be kept in a number, date or picklist
 * field. Paths that resolve to nothing are `unresolved-reference`'s job.
 */
import type { CommandPlanDef } from "../model/kinds.js";
import { type Rule, rangeAt, subjects } from "./rule.js";

const TEXT_TYPES: readonly string[] = ["string", "text"];

const rule: Rule = {
  meta: {
    id: "plan-property-type",
    severity: "error",
    description: "a command plan section whose `property` is not a string/text property of the plan's object",
    docs: "docs/rules/plan-property-type.md",
    fixable: false,
  },
  scope: { by: "file", readsAcrossFiles: ["Property", "Object"] },
  check(context) {
    const { model, report } = context;
    for (const def of subjects<CommandPlanDef>(context, "CommandPlan")) {
      def.value.sections.forEach((section, i) => {
        if (section.property === undefined) return;
        const resolved = model.resolvePath(def.value.object, section.property, false);
        if (!resolved.ok) return;
        const type = resolved.property.value.type;
        if (TEXT_TYPES.includes(type)) return;
        report({
          file: def.file,
          range: rangeAt(model, def, `/sections/${i}/property`),
          message: `section \`${section.id}\` of command plan \`${def.id}\` keeps its answer in \`${section.property}\`, a ${type} property; answers need a string or text property of \`${def.value.object}\``,
        });
      });
    }
  },
};

export default rule;
