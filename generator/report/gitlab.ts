/**
 * `--format gitlab`: a GitLab Code Quality report (the documented subset of the Code
 * Climate issue format), for `artifacts: reports: codequality:` in `.gitlab-ci.yml`.
 */
import { compareDiagnostics, type Severity } from "../../core/diagnostic.js";
import { fingerprintAll } from "./fingerprint.js";
import { messageWithSuggestion } from "./message.js";
import { reportPathMapper } from "./paths.js";
import type { ReportInput } from "./report-input.js";

export type GitlabSeverity = "info" | "minor" | "major" | "critical" | "blocker";

export const GITLAB_SEVERITY: Record<Severity, GitlabSeverity> = {
  error: "major",
  warn: "minor",
  info: "info",
};

export interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: GitlabSeverity;
  location: { path: string; lines: { begin: number } };
}

/** The report as objects (what `formatGitlab` serialises). */
export function toGitlabIssues(input: ReportInput): GitlabIssue[] {
  const pathOf = reportPathMapper(input.pathPrefix);
  const sorted = [...input.diagnostics].sort(compareDiagnostics);
  const fingerprints = fingerprintAll(sorted, pathOf);
  return sorted.map((d, i) => ({
    description: messageWithSuggestion(d),
    check_name: d.rule,
    fingerprint: fingerprints[i] as string,
    severity: GITLAB_SEVERITY[d.severity],
    location: { path: pathOf(d.file), lines: { begin: d.range.start.line + 1 } },
  }));
}

export function formatGitlab(input: ReportInput): string {
  return `${JSON.stringify(toGitlabIssues(input), null, 2)}\n`;
}
