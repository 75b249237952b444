/**
 * The extension's settings as the language server gets them: `revbook.rules`
 * (rule id → severity) sent as `initializationOptions.rules` at start and as
 * `workspace/didChangeConfiguration` `{ revbook: { rules } }` on every change.
 * In Restricted Mode VS Code ignores workspace values of `revbook.rules`
 * (`restrictedConfigurations` in the manifest), so only the user's own apply.
 */
import * as vscode from "vscode";

/** A rule severity override, as in the `revbook.rules` setting. */
export type RuleSeverity = "error" | "warning" | "info" | "off";

const SEVERITIES: ReadonlySet<string> = new Set(["error", "warning", "info", "off"]);

/** The `revbook.rules` setting, with anything that is not a known severity left out. */
export function ruleSettings(): Record<string, RuleSeverity> {
  const raw = vscode.workspace.getConfiguration("revbook").get<unknown>("rules");
  const rules: Record<string, RuleSeverity> = {};
  if (raw && typeof raw === "object" && !Array.isArray(raw)) {
    for (const [id, severity] of Object.entries(raw)) {
      if (typeof severity === "string" && SEVERITIES.has(severity)) rules[id] = severity as RuleSeverity;
    }
  }
  return rules;
}

/** The `settings` payload of `workspace/didChangeConfiguration`. */
export function serverSettings(): { revbook: { rules: Record<string, RuleSeverity> } } {
  return { revbook: { rules: ruleSettings() } };
}
