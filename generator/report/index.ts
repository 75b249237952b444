/**
 * The `revbook lint` reporters: `formatReport(format, input)` renders the diagnostics
 * of one run in any of the `--format` formats.
 */
import { formatGithub } from "./github.js";
import { formatGitlab } from "./gitlab.js";
import { formatJson } from "./json.js";
import { formatJunit } from "./junit.js";
import type { ReportFormat, ReportInput } from "./report-input.js";
import { formatSarif } from "./sarif.js";
import { formatStylish } from "./stylish.js";

export { fingerprint, fingerprintAll } from "./fingerprint.js";
export { isReportFormat, REPORT_FORMATS, type ReportFormat, type ReportInput } from "./report-input.js";
export { summaryLine } from "./stylish.js";

/** The whole report as text, ending with a line end (github with no diagnostics: empty). */
export function formatReport(format: ReportFormat, input: ReportInput): string {
  switch (format) {
    case "stylish":
      return formatStylish(input);
    case "json":
      return formatJson(input);
    case "sarif":
      return formatSarif(input);
    case "junit":
      return formatJunit(input);
    case "gitlab":
      return formatGitlab(input);
    case "github":
      return formatGithub(input);
    default: {
      const unknown: never = format;
      throw new Error(`unknown report format: ${String(unknown)}`);
    }
  }
}
