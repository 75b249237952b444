/**
 * Applies diagnostics' safe fixes to a file's text (for `lint --fix`): edits
 * are applied from the end so earlier ranges stay valid, and overlapping edits
 * are skipped (the next run picks them up).
 */
import type { Diagnostic, Fix } from "../diagnostic.js";
import { comparePositions, LineIndex } from "../position.js";

export function applyFixes(
  text: string,
  diagnostics: readonly Diagnostic[],
): { text: string; applied: number } {
  const fixes: Fix[] = diagnostics.flatMap((d) => (d.fix ? [d.fix] : []));
  fixes.sort(
    (a, b) => comparePositions(b.range.start, a.range.start) || comparePositions(b.range.end, a.range.end),
  );
  const lines = new LineIndex(text);
  let out = text;
  let applied = 0;
  let limit = Number.POSITIVE_INFINITY;
  const done = new Set<string>();
  for (const fix of fixes) {
    const start = lines.offsetAt(fix.range.start);
    const end = lines.offsetAt(fix.range.end);
    const key = `${start}:${end}:${fix.text}`;
    if (done.has(key)) continue;
    if (end > limit) continue;
    out = out.slice(0, start) + fix.text + out.slice(end);
    limit = start;
    done.add(key);
    applied++;
  }
  return { text: out, applied };
}
