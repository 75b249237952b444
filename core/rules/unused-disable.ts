/**
 * `unused-disable`: a `revbook-disable` comment that suppressed nothing or
 * names an unknown rule. The matching is done by lint/suppressions.ts after
 * every other rule has run; this module holds the rule's metadata.
 */
import type { Rule } from "./rule.js";

const rule: Rule = {
  meta: {
    id: "unused-disable",
    severity: "warn",
    description: "a revbook-disable comment that suppressed nothing or names an unknown rule",
    docs: "docs/rules/unused-disable.md",
    fixable: true,
  },
  // Suppressions are matched per file when diagnostics are put together (lint/incremental.ts).
  scope: { by: "workspace", reads: () => false },
  check() {
    // Reported by lintModel once suppressions have been matched against every other rule's diagnostics.
  },
};

export default rule;
