/**
 * `revbook.yaml`: parsing, validation (schema, rule ids, rule options,
 * severities) and defaults. Problems here are not lint diagnostics: the CLI
 * prints them as `revbook.yaml:LINE:COL: message` and exits 2.
 */
import type { SeveritySetting } from "./diagnostic.js";
import { parseDuration } from "./iso.js";
import { parseYaml } from "./load/yaml-source.js";
import { isRecord } from "./model/model.js";
import { closest, didYouMean } from "./model/suggest.js";
import { LineIndex, type Range } from "./position.js";
import type { RuleMeta } from "./rules/meta.js";
import { validateConfig } from "./validate/schema-validator.js";

export const CONFIG_FILE = "revbook.yaml";

export interface RuleSetting {
  severity?: SeveritySetting;
  options: Record<string, unknown>;
}

export interface RepoConfig {
  url: string;
  branch: string;
  host: "gitlab" | "github" | "generic";
  editUrl?: string;
}

export interface Config {
  version: 1;
  title: string;
  crm: "hubspot" | "salesforce";
  definitions: string[];
  docs: string[];
  out: string;
  baseUrl: string;
  repo?: RepoConfig;
  rules: Record<string, RuleSetting>;
}

export interface ConfigProblem {
  /** 1-based, ready to print. */
  line: number;
  column: number;
  message: string;
}

export const DEFAULT_CONFIG: Omit<Config, "title" | "rules"> = {
  version: 1,
  crm: "hubspot",
  definitions: ["definitions/**/*.{yaml,yml}"],
  docs: ["handbook/**/*.md"],
  out: "public",
  baseUrl: "/",
};

const SEVERITIES = ["error", "warn", "info", "off"];

export function parseConfig(
  text: string,
  rules: readonly RuleMeta[],
): { config?: Config; problems: ConfigProblem[] } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = new LineIndex(source);
  const problems: ConfigProblem[] = [];
  const at = (range: Range | undefined, message: string): void => {
    const p = range?.start ?? { line: 0, column: 0 };
    problems.push({ line: p.line + 1, column: p.column + 1, message });
  };
  const parsed = parseYaml(source, CONFIG_FILE, lines);
  for (const d of parsed.diagnostics) at(d.range, d.message);
  if (problems.length > 0) return { problems };
  const nonEmpty = parsed.documents.filter((d) => d.value !== null);
  if (nonEmpty.length !== 1) {
    at(
      undefined,
      nonEmpty.length === 0
        ? "revbook.yaml is empty; it needs at least `version: 1`"
        : "revbook.yaml must hold one YAML document",
    );
    return { problems };
  }
  const doc = nonEmpty[0]!;
  const value = doc.value;
  const loc = (pointer: string, part: "key" | "value" = "value"): Range | undefined => {
    const l = doc.locations.get(pointer);
    return part === "key" ? (l?.key ?? l?.value) : l?.value;
  };
  for (const problem of validateConfig(value)) {
    const range = problem.target === "key" ? loc(problem.pointer, "key") : loc(problem.pointer);
    at(range ?? loc(""), problem.suggestion ? `${problem.message} (${problem.suggestion})` : problem.message);
  }
  if (!isRecord(value)) return { problems };

  const known = new Map(rules.map((r) => [r.id, r]));
  const ruleSettings: Record<string, RuleSetting> = {};
  const rulesValue = value.rules;
  if (isRecord(rulesValue)) {
    for (const [id, entry] of Object.entries(rulesValue)) {
      const base = `/rules/${id.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      const meta = known.get(id);
      if (!meta) {
        const hint = didYouMean(closest(id, known.keys()));
        at(
          loc(base, "key"),
          `unknown rule \`${id}\`${hint ? ` (${hint})` : ""}; \`revbook rules\` lists them`,
        );
        continue;
      }
      const setting: RuleSetting = { options: {} };
      if (typeof entry === "string") {
        if (!SEVERITIES.includes(entry)) {
          at(loc(base), `severity of \`${id}\` must be one of error, warn, info, off (not \`${entry}\`)`);
        } else setting.severity = entry as SeveritySetting;
      } else if (isRecord(entry)) {
        for (const [option, optionValue] of Object.entries(entry)) {
          const optionPointer = `${base}/${option.replace(/~/g, "~0").replace(/\//g, "~1")}`;
          if (option === "severity") {
            if (typeof optionValue !== "string" || !SEVERITIES.includes(optionValue)) {
              at(loc(optionPointer), `severity of \`${id}\` must be one of error, warn, info, off`);
            } else setting.severity = optionValue as SeveritySetting;
            continue;
          }
          const spec = meta.options?.[option];
          if (!spec) {
            const names = Object.keys(meta.options ?? {});
            const hint = didYouMean(closest(option, names));
            const list = names.length
              ? `it takes ${names.map((n) => `\`${n}\``).join(", ")}`
              : "it takes no options";
            at(
              loc(optionPointer, "key"),
              `unknown option \`${option}\` for rule \`${id}\`${hint ? ` (${hint})` : ""}; ${list}`,
            );
            continue;
          }
          const problem = checkOption(spec.type, optionValue);
          if (problem) at(loc(optionPointer), `option \`${option}\` of \`${id}\` ${problem}`);
          else setting.options[option] = optionValue;
        }
      } else if (entry !== null) {
        at(loc(base), `rule \`${id}\` takes a severity or a mapping of \`severity\` and options`);
      }
      ruleSettings[id] = setting;
    }
  }
  if (problems.length > 0) return { problems };
  const v = value as Partial<Config> & Record<string, unknown>;
  const config: Config = {
    ...DEFAULT_CONFIG,
    title: typeof v.title === "string" ? v.title : "Revenue Handbook",
    crm: v.crm ?? DEFAULT_CONFIG.crm,
    definitions: v.definitions ?? DEFAULT_CONFIG.definitions,
    docs: v.docs ?? DEFAULT_CONFIG.docs,
    out: v.out ?? DEFAULT_CONFIG.out,
    baseUrl: v.baseUrl ?? DEFAULT_CONFIG.baseUrl,
    rules: ruleSettings,
  };
  if (isRecord(v.repo)) {
    const repo = v.repo as Partial<RepoConfig>;
    config.repo = {
      url: String(repo.url ?? ""),
      branch: repo.branch ?? "main",
      host: repo.host ?? "gitlab",
      editUrl: repo.editUrl,
    };
  }
  return { config, problems };
}

function checkOption(type: string, value: unknown): string | undefined {
  switch (type) {
    case "duration":
      return typeof value === "string" && parseDuration(value)
        ? undefined
        : "must be an ISO 8601 duration such as P180D";
    case "number":
      return typeof value === "number" ? undefined : "must be a number";
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be true or false";
    default:
      return typeof value === "string" ? undefined : "must be a string";
  }
}

/** The effective severity and options of a rule under a config. */
export function ruleSetting(
  config: Config | undefined,
  meta: RuleMeta,
): { severity: SeveritySetting; explicit: boolean; options: Record<string, unknown> } {
  const setting = config?.rules[meta.id];
  const options: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(meta.options ?? {})) options[name] = spec.default;
  Object.assign(options, setting?.options ?? {});
  return { severity: setting?.severity ?? meta.severity, explicit: setting?.severity !== undefined, options };
}
