/**
 * What every `revbook lint` report format is rendered from, and the list of formats
 * `--format` accepts.
 */
import type { Diagnostic } from "../../core/diagnostic.js";
import type { RuleMeta } from "../../core/rules/meta.js";

export interface ReportInput {
  /** Already filtered (e.g. `--quiet`) but not necessarily sorted; every format sorts with `compareDiagnostics`. */
  diagnostics: Diagnostic[];
  /** Every linted file, workspace-relative with `/` separators (junit: one testcase per file). */
  files: string[];
  /** Every known rule (SARIF `tool.driver.rules`). */
  rules: RuleMeta[];
  /** `--path-prefix`: a folder prepended to every path in every format. */
  pathPrefix?: string;
  toolVersion: string;
  /** Stylish only: ANSI colours (when writing to a TTY). */
  color?: boolean;
}

export type ReportFormat = "stylish" | "json" | "sarif" | "junit" | "gitlab" | "github";

export const REPORT_FORMATS: readonly ReportFormat[] = [
  "stylish",
  "json",
  "sarif",
  "junit",
  "gitlab",
  "github",
];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}
