/** `revbook rules`: every rule with its default severity and description. */
import { RULES } from "../../core/rules/index.js";
import { ruleDocsUrl } from "../../core/rules/meta.js";

export function runRules(format: "text" | "json"): number {
  if (format === "json") {
    const list = RULES.map((r) => ({
      id: r.meta.id,
      severity: r.meta.severity,
      description: r.meta.description,
      fixable: r.meta.fixable,
      docs: ruleDocsUrl(r.meta),
    }));
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...RULES.map((r) => r.meta.id.length));
  for (const r of RULES) {
    const fix = r.meta.fixable ? " (fixable)" : "";
    process.stdout.write(
      `${r.meta.id.padEnd(width)}  ${r.meta.severity.padEnd(5)}  ${r.meta.description}${fix}\n`,
    );
  }
  return 0;
}
