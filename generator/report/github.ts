/**
 * `--format github`: GitHub Actions workflow commands (`::error file=…,line=…::message`),
 * one line per diagnostic, which the runner turns into annotations on the pull request.
 */
import { compareDiagnostics, type Severity } from "../../core/diagnostic.js";
import { messageWithSuggestion } from "./message.js";
import { reportPathMapper } from "./paths.js";
import type { ReportInput } from "./report-input.js";

const COMMAND: Record<Severity, string> = { error: "error", warn: "warning", info: "notice" };

/** Escapes a command's message (GitHub's `escapeData`). */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a command property value (GitHub's `escapeProperty`). */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function formatGithub(input: ReportInput): string {
  const pathOf = reportPathMapper(input.pathPrefix);
  const lines = [...input.diagnostics].sort(compareDiagnostics).map((d) => {
    const { start, end } = d.range;
    const props = [
      `file=${escapeGithubProperty(pathOf(d.file))}`,
      `line=${start.line + 1}`,
      `col=${start.column + 1}`,
      `endLine=${end.line + 1}`,
      `endColumn=${end.column + 1}`,
      `title=${escapeGithubProperty(d.rule)}`,
    ];
    return `::${COMMAND[d.severity]} ${props.join(",")}::${escapeGithubData(messageWithSuggestion(d))}\n`;
  });
  return lines.join("");
}
