/**
 * `yaml-syntax`: YAML that does not parse, duplicate mapping keys, tabs as
 * indentation, and files that are not text. Found while loading; this rule
 * reports them so they obey severities and suppressions like any other rule.
 */
import { covers, type Rule } from "./rule.js";

const rule: Rule = {
  meta: {
    id: "yaml-syntax",
    severity: "error",
    description: "YAML that does not parse, duplicate mapping keys, tabs for indentation",
    docs: "docs/rules/yaml-syntax.md",
    fixable: false,
  },
  scope: { by: "file", readsAcrossFiles: [] },
  check(context) {
    const { model, report } = context;
    for (const d of model.loadDiagnostics) {
      if (d.rule === "yaml-syntax" && covers(context, d.file))
        report({ file: d.file, range: d.range, message: d.message });
    }
  },
};

export default rule;
