/**
 * `--format stylish` (the default): ESLint-like text. Diagnostics grouped under their
 * file, one aligned `line:col  severity  message  rule-id` row each, then a summary
 * line; ANSI colours only when asked (the CLI asks when writing to a TTY).
 */
import {
  compareDiagnostics,
  countBySeverity,
  type Diagnostic,
  type Severity,
} from "../../core/diagnostic.js";
import { messageWithSuggestion } from "./message.js";
import { reportPathMapper } from "./paths.js";
import type { ReportInput } from "./report-input.js";

const SEVERITY_LABEL: Record<Severity, string> = { error: "error", warn: "warning", info: "info" };

type Style = "bold" | "dim" | "underline" | "red" | "yellow" | "cyan" | "green";
const ANSI: Record<Style, [string, string]> = {
  bold: ["\u001b[1m", "\u001b[22m"],
  dim: ["\u001b[2m", "\u001b[22m"],
  underline: ["\u001b[4m", "\u001b[24m"],
  red: ["\u001b[31m", "\u001b[39m"],
  yellow: ["\u001b[33m", "\u001b[39m"],
  cyan: ["\u001b[36m", "\u001b[39m"],
  green: ["\u001b[32m", "\u001b[39m"],
};
const SEVERITY_STYLE: Record<Severity, Style> = { error: "red", warn: "yellow", info: "cyan" };

type Paint = (text: string, ...styles: Style[]) => string;

function painter(color: boolean | undefined): Paint {
  if (!color) return (text) => text;
  return (text, ...styles) => styles.reduce((acc, style) => `${ANSI[style][0]}${acc}${ANSI[style][1]}`, text);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The final line: `✖ 3 problems (2 errors, 1 warning, 0 infos)`, or
 * `✔ no problems in 12 files`. Without a line end. The CLI prints it on stderr when
 * `--output` sends the report to a file.
 */
export function summaryLine(input: ReportInput): string {
  const paint = painter(input.color);
  const total = input.diagnostics.length;
  if (total === 0)
    return paint(`✔ no problems in ${plural(input.files.length, "file", "files")}`, "green", "bold");
  const c = countBySeverity(input.diagnostics);
  const text =
    `✖ ${plural(total, "problem", "problems")} (${plural(c.error, "error", "errors")}, ` +
    `${plural(c.warn, "warning", "warnings")}, ${plural(c.info, "info", "infos")})`;
  return paint(text, c.error > 0 ? "red" : c.warn > 0 ? "yellow" : "cyan", "bold");
}

/** The aligned rows of one file's diagnostics (already sorted). */
function fileRows(diagnostics: readonly Diagnostic[], paint: Paint): string[] {
  const cells = diagnostics.map((d) => ({
    where: `${d.range.start.line + 1}:${d.range.start.column + 1}`,
    severity: d.severity,
    label: SEVERITY_LABEL[d.severity],
    message: messageWithSuggestion(d),
    rule: d.rule,
  }));
  const whereWidth = Math.max(...cells.map((c) => c.where.length));
  const labelWidth = Math.max(...cells.map((c) => c.label.length));
  const messageWidth = Math.max(...cells.map((c) => c.message.length));
  // Pad before painting, so escape codes never count towards a column's width.
  return cells.map(
    (c) =>
      `  ${paint(c.where.padEnd(whereWidth), "dim")}  ${paint(c.label.padEnd(labelWidth), SEVERITY_STYLE[c.severity])}` +
      `  ${c.message.padEnd(messageWidth)}  ${paint(c.rule, "dim")}`,
  );
}

export function formatStylish(input: ReportInput): string {
  const paint = painter(input.color);
  const pathOf = reportPathMapper(input.pathPrefix);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of [...input.diagnostics].sort(compareDiagnostics)) {
    const file = pathOf(d.file);
    const list = byFile.get(file);
    if (list) list.push(d);
    else byFile.set(file, [d]);
  }
  let out = "";
  for (const [file, diagnostics] of byFile) {
    out += `${paint(file, "underline")}\n${fileRows(diagnostics, paint).join("\n")}\n\n`;
  }
  return `${out}${summaryLine(input)}\n`;
}
