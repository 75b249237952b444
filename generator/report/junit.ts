/**
 * `--format junit`: JUnit XML with one testcase per linted file, so CI test tabs show
 * which files are clean. Each error is a `<failure>` of its file's testcase; warnings
 * and info are listed in that testcase's `<system-out>`.
 */
import { compareDiagnostics, type Diagnostic } from "../../core/diagnostic.js";
import { messageWithSuggestion } from "./message.js";
import { reportPathMapper } from "./paths.js";
import type { ReportInput } from "./report-input.js";
import { escapeXmlAttribute, escapeXmlText } from "./xml.js";

const SEVERITY_LABEL = { error: "error", warn: "warning", info: "info" } as const;

function location(d: Diagnostic): string {
  return `${d.range.start.line + 1}:${d.range.start.column + 1}`;
}

function testcase(file: string, diagnostics: readonly Diagnostic[]): string[] {
  const open = `    <testcase name="${escapeXmlAttribute(file)}" classname="revbook.lint"`;
  if (diagnostics.length === 0) return [`${open}/>`];
  const lines = [`${open}>`];
  const others: string[] = [];
  for (const d of diagnostics) {
    const text = messageWithSuggestion(d);
    if (d.severity === "error") {
      lines.push(
        `      <failure message="${escapeXmlAttribute(text)}" type="${escapeXmlAttribute(d.rule)}">` +
          `${escapeXmlText(`${location(d)} ${d.rule} ${text}`)}</failure>`,
      );
    } else {
      others.push(`${location(d)} ${SEVERITY_LABEL[d.severity]} ${d.rule} ${text}\n`);
    }
  }
  if (others.length > 0) lines.push(`      <system-out>${escapeXmlText(others.join(""))}</system-out>`);
  lines.push("    </testcase>");
  return lines;
}

export function formatJunit(input: ReportInput): string {
  const pathOf = reportPathMapper(input.pathPrefix);
  const byFile = new Map<string, Diagnostic[]>();
  for (const file of input.files) byFile.set(pathOf(file), []);
  for (const d of [...input.diagnostics].sort(compareDiagnostics)) {
    const file = pathOf(d.file);
    const list = byFile.get(file);
    if (list) list.push(d);
    // A diagnostic about a file that was not in the list (e.g. revbook.yaml) still gets a testcase.
    else byFile.set(file, [d]);
  }
  const files = [...byFile.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const tests = files.length;
  // `failures` counts failing testcases (files with at least one error), as JUnit consumers expect.
  const failures = files.filter((f) => byFile.get(f)?.some((d) => d.severity === "error")).length;
  const counts = `tests="${tests}" failures="${failures}" errors="0"`;
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="revbook" ${counts}>`,
    `  <testsuite name="revbook lint" ${counts} skipped="0">`,
    ...files.flatMap((f) => testcase(f, byFile.get(f) ?? [])),
    "  </testsuite>",
    "</testsuites>",
  ];
  return `${lines.join("\n")}\n`;
}
