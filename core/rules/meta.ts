/**
 * Rule metadata: what `revbook rules`, the SARIF driver, the docs and the
 * editor's quick fixes know about a rule without running it.
 */
import type { Severity } from "../diagnostic.js";

/** One option a rule accepts in `revbook.yaml` (`rules: { doc-stale: { maxAge: P180D } }`). */
export interface RuleOptionMeta {
  type: "duration" | "number" | "string" | "boolean";
  description: string;
  default: string | number | boolean;
}

export interface RuleMeta {
  id: string;
  /** Default severity; `revbook.yaml` may change it or turn the rule off. */
  severity: Severity;
  /** One line, as printed by `revbook rules`. */
  description: string;
  /** Path of the rule's page, relative to the repository root: `docs/rules/<id>.md`. */
  docs: string;
  /** Whether diagnostics of this rule may carry a safe `fix`. */
  fixable: boolean;
  options?: Record<string, RuleOptionMeta>;
}

/** Where the rule pages are published, for SARIF `helpUri` and editor links. */
export const DOCS_BASE_URL = "https://github.com/revbook/revbook/blob/main/";

export function ruleDocsUrl(meta: RuleMeta): string {
  return DOCS_BASE_URL + meta.docs;
}
