/**
 * `duplicate-id`: two definitions of one kind with the same id (or two
 * properties with one id in an object); reported on the later one.
 */
import { kindLabel } from "../model/model.js";
import { type Rule, rangeAt, relatedAt } from "./rule.js";

const rule: Rule = {
  meta: {
    id: "duplicate-id",
    severity: "error",
    description: "two definitions of one kind with the same id",
    docs: "docs/rules/duplicate-id.md",
    fixable: false,
  },
  // Cheap (a list of the duplicates), and a duplicate's related location may sit in any file.
  scope: { by: "workspace", reads: () => true },
  check({ model, report }) {
    for (const { def, first } of model.duplicates) {
      const label =
        def.kind === "Property"
          ? `property \`${def.id.split(".").slice(1).join(".")}\` of object \`${def.objectId}\``
          : `${kindLabel(def.kind)} \`${def.id}\``;
      report({
        file: def.file,
        range: rangeAt(model, def, "/id"),
        message: `${label} is defined twice`,
        related: [relatedAt(model, first, "first defined here", "/id")],
      });
    }
  },
};

export default rule;
