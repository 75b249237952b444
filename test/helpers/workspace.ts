/**
 * Test helpers: build a workspace in memory from a map of files, or open a
 * fixture folder from disk, and print diagnostics in a compact 1-based form.
 */
import { parseConfig } from "../../core/config.js";
import type { Diagnostic } from "../../core/diagnostic.js";
import { openWorkspace } from "../../core/load/read-workspace.js";
import { RULES } from "../../core/rules/index.js";
import { Workspace } from "../../core/workspace.js";

export const TEST_NOW = Date.UTC(2026, 10, 22);

export function memoryWorkspace(files: Record<string, string>, configText = "version: 1\n"): Workspace {
  const { config, problems } = parseConfig(
    configText,
    RULES.map((r) => r.meta),
  );
  if (!config) throw new Error(`bad test config: ${JSON.stringify(problems)}`);
  const ws = new Workspace("/virtual", config, RULES, { now: TEST_NOW });
  for (const [file, text] of Object.entries(files)) ws.set(file, { text });
  return ws;
}

export async function lintFolder(dir: string): Promise<Diagnostic[]> {
  const ws = await openWorkspace(dir, { now: TEST_NOW });
  return ws.lint();
}

/** `rule file:line:col-endLine:endCol` (1-based, endColumn exclusive as in the JSON report). */
export function brief(d: Diagnostic): string {
  const r = d.range;
  return `${d.rule} ${d.file}:${r.start.line + 1}:${r.start.column + 1}-${r.end.line + 1}:${r.end.column + 1}`;
}
