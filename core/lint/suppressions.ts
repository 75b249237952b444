/**
 * Inline suppressions (FORMAT.md §5): `# revbook-disable-next-line RULE` and
 * `# revbook-disable RULE` in YAML, `<!-- revbook-disable… -->` in Markdown.
 * Finds the comments, filters diagnostics through them and reports the ones
 * that suppressed nothing or name an unknown rule as `unused-disable`.
 */
import { CST, Lexer } from "yaml";
import type { Diagnostic } from "../diagnostic.js";
import { closest, didYouMean } from "../model/suggest.js";
import type { LineIndex, Range } from "../position.js";

export interface Suppression {
  file: string;
  scope: "next-line" | "file";
  /** Rule ids named; empty means every rule. */
  rules: { id: string; range: Range }[];
  /** The whole comment, for the `unused-disable` fix that removes it. */
  range: Range;
  /** The line the comment ends on (0-based): a next-line suppression covers the line after it. */
  line: number;
  /** The range to delete when the comment is unused (the whole line when the comment is alone on it). */
  removal: Range;
}

const DIRECTIVE = /revbook-(disable-next-line|disable)\b([^\n]*)/;

function parseDirective(
  file: string,
  lines: LineIndex,
  commentStart: number,
  commentText: string,
  commentEnd: number,
): Suppression | undefined {
  const m = DIRECTIVE.exec(commentText);
  if (!m) return undefined;
  const scope = m[1] === "disable" ? "file" : "next-line";
  const listStart = commentStart + m.index + 8 + (m[1] as string).length;
  // `-- reason` after the ids explains the suppression (as in ESLint) and is not a rule id.
  const list = (m[2] ?? "").replace(/-->\s*$/, "").split(/\s--(?:\s|$)/)[0] ?? "";
  const rules: { id: string; range: Range }[] = [];
  const idPattern = /[a-z][a-z0-9-]*/g;
  for (let r = idPattern.exec(list); r; r = idPattern.exec(list)) {
    rules.push({ id: r[0], range: lines.rangeOf(listStart + r.index, listStart + r.index + r[0].length) });
  }
  const range = lines.rangeOf(commentStart, commentEnd);
  const line = range.start.line;
  const lineText = lines.lineText(line);
  // "Next line" is the line after the comment ends (a Markdown comment may span lines).
  const matchLine = range.end.line;
  const before = lineText.slice(0, range.start.column);
  const after = lines.lineText(range.end.line).slice(range.end.column);
  const aloneOnLine = before.trim() === "" && after.trim() === "";
  const removal: Range = aloneOnLine
    ? { start: { line, column: 0 }, end: { line: range.end.line + 1, column: 0 } }
    : { start: { line, column: before.replace(/\s+$/, "").length }, end: range.end };
  return { file, scope, rules, range, line: matchLine, removal };
}

/** Lexer tokens that mark structure but are not characters of the source. */
const CONTROL_TOKENS = new Set([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);

/**
 * Finds suppression comments in a YAML text (also used for front matter). yaml's own
 * lexer tells comments apart from `#` inside block scalars and quoted strings.
 */
export function yamlSuppressions(
  file: string,
  text: string,
  lines: LineIndex,
  from = 0,
  to = text.length,
): Suppression[] {
  const out: Suppression[] = [];
  const at = text.indexOf("revbook-disable", from);
  if (at < 0 || at >= to) return out;
  let offset = from;
  for (const token of new Lexer().lex(text.slice(from, to))) {
    if (token.startsWith("#")) {
      const s = parseDirective(file, lines, offset, token, offset + token.length);
      if (s) out.push(s);
    }
    if (!CONTROL_TOKENS.has(token)) offset += token.length;
  }
  return out;
}

/** Turns Markdown HTML comments into suppressions. */
export function markdownSuppressions(
  file: string,
  lines: LineIndex,
  comments: { text: string; range: Range }[],
): Suppression[] {
  const out: Suppression[] = [];
  for (const c of comments) {
    const start = lines.offsetAt(c.range.start);
    const end = lines.offsetAt(c.range.end);
    const s = parseDirective(file, lines, start, lines.text.slice(start, end), end);
    if (s) out.push(s);
  }
  return out;
}

/**
 * Drops suppressed diagnostics and adds `unused-disable` diagnostics for
 * suppressions that matched nothing or name rules that do not exist.
 */
export function applySuppressions(
  diagnostics: Diagnostic[],
  suppressions: Suppression[],
  knownRules: ReadonlySet<string>,
): { kept: Diagnostic[]; unused: Diagnostic[] } {
  const byFile = new Map<string, Suppression[]>();
  for (const s of suppressions) {
    const list = byFile.get(s.file) ?? [];
    list.push(s);
    byFile.set(s.file, list);
  }
  const used = new Set<string>();
  const keyOf = (s: Suppression, ruleId: string): string =>
    `${s.file}:${s.line}:${s.range.start.column}:${ruleId}`;
  const kept: Diagnostic[] = [];
  for (const d of diagnostics) {
    const list = byFile.get(d.file);
    let suppressed = false;
    if (list && d.rule !== "unused-disable") {
      for (const s of list) {
        if (s.scope === "next-line" && s.line + 1 !== d.range.start.line) continue;
        if (s.rules.length === 0) {
          used.add(keyOf(s, "*"));
          suppressed = true;
        } else if (s.rules.some((r) => r.id === d.rule)) {
          used.add(keyOf(s, d.rule));
          suppressed = true;
        }
      }
    }
    if (!suppressed) kept.push(d);
  }
  const unused: Diagnostic[] = [];
  for (const s of suppressions) {
    const directive = s.scope === "file" ? "revbook-disable" : "revbook-disable-next-line";
    if (s.rules.length === 0) {
      if (!used.has(keyOf(s, "*"))) {
        unused.push({
          rule: "unused-disable",
          severity: "warn",
          message: `\`${directive}\` suppresses nothing`,
          file: s.file,
          range: s.range,
          suggestion: "remove the comment",
          fix: { range: s.removal, text: "" },
        });
      }
      continue;
    }
    const unusedRules = s.rules.filter((r) => !used.has(keyOf(s, r.id)));
    for (const r of unusedRules) {
      const unknown = !knownRules.has(r.id);
      const guess = unknown ? closest(r.id, knownRules) : undefined;
      unused.push({
        rule: "unused-disable",
        severity: "warn",
        message: unknown
          ? `\`${directive}\` names \`${r.id}\`, which is not a revbook rule`
          : `\`${directive} ${r.id}\` suppresses nothing`,
        file: s.file,
        range: r.range,
        ...(guess !== undefined
          ? { suggestion: didYouMean(guess), fix: { range: r.range, text: guess } }
          : unusedRules.length === s.rules.length && s.rules.length === 1
            ? { suggestion: "remove the comment", fix: { range: s.removal, text: "" } }
            : {}),
      });
    }
  }
  return { kept, unused };
}
