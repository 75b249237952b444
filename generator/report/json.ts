/**
 * `--format json`: a flat array with one object per diagnostic, 1-based lines and
 * columns (end column exclusive), sorted by file, line, column, rule, message.
 */
import { compareDiagnostics, type Diagnostic, type Severity } from "../../core/diagnostic.js";
import { reportPathMapper } from "./paths.js";
import type { ReportInput } from "./report-input.js";

export interface JsonFix {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
}

export interface JsonRelated {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface JsonDiagnostic {
  rule: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  suggestion?: string;
  fix?: JsonFix;
  related?: JsonRelated[];
}

/** The report as objects (what `formatJson` serialises). */
export function toJsonDiagnostics(input: ReportInput): JsonDiagnostic[] {
  const pathOf = reportPathMapper(input.pathPrefix);
  return [...input.diagnostics].sort(compareDiagnostics).map((d: Diagnostic) => {
    const out: JsonDiagnostic = {
      rule: d.rule,
      severity: d.severity,
      message: d.message,
      file: pathOf(d.file),
      line: d.range.start.line + 1,
      column: d.range.start.column + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.column + 1,
    };
    if (d.suggestion !== undefined) out.suggestion = d.suggestion;
    if (d.fix) {
      const r = d.fix.range;
      out.fix = {
        line: r.start.line + 1,
        column: r.start.column + 1,
        endLine: r.end.line + 1,
        endColumn: r.end.column + 1,
        text: d.fix.text,
      };
    }
    if (d.related && d.related.length > 0) {
      out.related = d.related.map((rel) => ({
        file: pathOf(rel.file),
        line: rel.range.start.line + 1,
        column: rel.range.start.column + 1,
        message: rel.message,
      }));
    }
    return out;
  });
}

export function formatJson(input: ReportInput): string {
  return `${JSON.stringify(toJsonDiagnostics(input), null, 2)}\n`;
}
