/**
 * Test helpers: build a workspace in memory from a map of files, or open a
 * fixture folder from disk, and print diagnostics in a compact 1-based form.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
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

/** A workspace read into memory, for tests that mutate it. */
export interface Corpus {
  name: string;
  config: string;
  /** Workspace-relative path → text, only files the config's globs match. */
  files: Map<string, string>;
}

/** Reads a workspace folder: its revbook.yaml and every file its globs match. */
export function readCorpus(name: string, root: string): Corpus {
  const config = readFileSync(path.join(root, "revbook.yaml"), "utf8");
  const probe = memoryWorkspace({}, config);
  const files = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && probe.typeOf(child))
        files.set(child, readFileSync(path.join(root, child), "utf8"));
    }
  };
  walk("");
  return { name, config, files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1))) };
}
