/**
 * Rule severities set outside `revbook.yaml`, on top of it: an editor's
 * settings (`{ "<rule-id>": "error" | "warning" | "info" | "off" }`, as the
 * VS Code extension sends them) or any other caller that wants to tighten or
 * relax rules for one run. An override replaces the rule's severity exactly
 * as a `rules:` entry in `revbook.yaml` would (options stay as configured).
 */
import type { Config } from "./config.js";
import type { SeveritySetting } from "./diagnostic.js";
import { closest, didYouMean } from "./model/suggest.js";
import type { RuleMeta } from "./rules/meta.js";

/** Rule id → severity, already validated. */
export type RuleOverrides = Record<string, SeveritySetting>;

/** Editor spellings accepted for each severity (`warning` is VS Code's word, `warn` revbook.yaml's). */
const SPELLINGS: Record<string, SeveritySetting> = {
  error: "error",
  warning: "warn",
  warn: "warn",
  info: "info",
  information: "info",
  off: "off",
};

/**
 * Validates a `rules` settings object. Unknown rule ids and severities are
 * left out and described in `problems` (one sentence each), so one typo does
 * not discard the other settings.
 */
export function parseRuleOverrides(
  value: unknown,
  rules: readonly RuleMeta[],
): { overrides: RuleOverrides; problems: string[] } {
  const overrides: RuleOverrides = {};
  const problems: string[] = [];
  if (value === undefined || value === null) return { overrides, problems };
  if (typeof value !== "object" || Array.isArray(value)) {
    problems.push("`rules` must map rule ids to error, warning, info or off");
    return { overrides, problems };
  }
  const known = new Set(rules.map((r) => r.id));
  for (const [id, setting] of Object.entries(value as Record<string, unknown>)) {
    if (!known.has(id)) {
      const hint = didYouMean(closest(id, known));
      problems.push(`unknown rule \`${id}\`${hint ? ` (${hint})` : ""}`);
      continue;
    }
    const severity = typeof setting === "string" ? SPELLINGS[setting.toLowerCase()] : undefined;
    if (!severity) {
      problems.push(
        `severity of \`${id}\` must be one of error, warning, info, off (not \`${String(setting)}\`)`,
      );
      continue;
    }
    overrides[id] = severity;
  }
  return { overrides, problems };
}

/** The config with the overrides' severities applied (a new object; `config` is not changed). */
export function withRuleOverrides(config: Config, overrides: RuleOverrides): Config {
  const ids = Object.keys(overrides);
  if (ids.length === 0) return config;
  const rules = { ...config.rules };
  for (const id of ids) {
    rules[id] = { options: rules[id]?.options ?? {}, severity: overrides[id] };
  }
  return { ...config, rules };
}
