/**
 * The one shape every problem takes, from the YAML parser to the lint rules.
 * The CLI reporters, the language server and the site's status page all read it.
 */
import type { Range } from "./position.js";

export type Severity = "error" | "warn" | "info";
export type SeveritySetting = Severity | "off";

/** A text edit that makes a diagnostic go away; applied by `lint --fix` and editor quick fixes. */
export interface Fix {
  range: Range;
  text: string;
}

/** Another place that explains a diagnostic (the first duplicate, an alias site). */
export interface RelatedLocation {
  /** Workspace-relative path with `/` separators. */
  file: string;
  range: Range;
  message: string;
}

export interface Diagnostic {
  rule: string;
  severity: Severity;
  message: string;
  /** Workspace-relative path with `/` separators. */
  file: string;
  range: Range;
  /** A human sentence such as "did you mean `mql`?". */
  suggestion?: string;
  /** Present only when there is exactly one safe replacement. */
  fix?: Fix;
  related?: RelatedLocation[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warn: 1, info: 2 };

/** Sort order of every report: file, line, column, rule, message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
  );
}

/** A stable identity for a diagnostic, used to diff runs and to deduplicate alias sites. */
export function diagnosticKey(d: Diagnostic): string {
  const r = d.range;
  return `${d.file}\u0000${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}\u0000${d.rule}\u0000${d.message}`;
}

export interface DiagnosticCounts {
  error: number;
  warn: number;
  info: number;
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): DiagnosticCounts {
  const counts = { error: 0, warn: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}
