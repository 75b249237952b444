/**
 * `revbook lint [DIR]`: load, validate and lint a workspace, optionally apply
 * safe fixes, and print a report in one of the CLI.md formats.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { countBySeverity, type Diagnostic } from "../../core/diagnostic.js";
import { applyFixes } from "../../core/lint/apply-fixes.js";
import { openWorkspace } from "../../core/load/read-workspace.js";
import type { Workspace } from "../../core/workspace.js";
import { writeFileAtomic } from "../fs-atomic.js";
import { startProgress } from "../progress.js";
import { formatReport, type ReportFormat, summaryLine } from "../report/index.js";
import { VERSION } from "../version.js";

export interface LintCommandOptions {
  format: ReportFormat;
  output?: string;
  maxWarnings?: number;
  quiet: boolean;
  fix: boolean;
  now: number;
  pathPrefix?: string;
  color: boolean;
}

/** Whether a file on disk starts with a UTF-8 byte order mark. */
async function startsWithBom(file: string): Promise<boolean> {
  const handle = await fs.open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(3), 0, 3, 0);
    return bytesRead === 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  } finally {
    await handle.close();
  }
}

/** Applies fixes file by file until nothing fixable remains (a fix can unmask another). */
async function fixWorkspace(workspace: Workspace, diagnostics: Diagnostic[]): Promise<Diagnostic[]> {
  let current = diagnostics;
  for (let pass = 0; pass < 5; pass++) {
    const byFile = new Map<string, Diagnostic[]>();
    for (const d of current) {
      if (!d.fix) continue;
      const list = byFile.get(d.file) ?? [];
      list.push(d);
      byFile.set(d.file, list);
    }
    let changed = false;
    for (const [file, fixes] of byFile) {
      const source = workspace.source(file);
      if (!source) continue;
      const result = applyFixes(source.text, fixes);
      if (result.applied === 0 || result.text === source.text) continue;
      const target = path.join(workspace.root, file);
      // The loader drops a leading BOM; put it back so a fix changes nothing but the fixed text.
      await writeFileAtomic(target, (await startsWithBom(target)) ? `\uFEFF${result.text}` : result.text);
      workspace.set(file, { text: result.text });
      changed = true;
    }
    if (!changed) break;
    current = workspace.lint();
  }
  return current;
}

export async function runLint(dir: string, options: LintCommandOptions): Promise<number> {
  const progress = startProgress();
  progress.update("reading workspace…");
  try {
    const workspace = await openWorkspace(dir, {
      now: options.now,
      keepMarkdownTrees: false,
      onProgress: (done, total) => progress.update(`reading ${done}/${total} files…`),
    });
    progress.update(`linting ${workspace.files().length} files…`);
    let diagnostics = workspace.lint();
    if (options.fix) {
      progress.update("applying fixes…");
      diagnostics = await fixWorkspace(workspace, diagnostics);
    }
    progress.done();
    return await report(workspace, diagnostics, options);
  } finally {
    progress.done();
  }
}

async function report(
  workspace: Workspace,
  diagnostics: Diagnostic[],
  options: LintCommandOptions,
): Promise<number> {
  const counts = countBySeverity(diagnostics);
  const shown = options.quiet ? diagnostics.filter((d) => d.severity === "error") : diagnostics;
  const input = {
    diagnostics: shown,
    files: workspace.files(),
    rules: workspace.rules.map((r) => r.meta),
    pathPrefix: options.pathPrefix,
    toolVersion: VERSION,
    color: options.color && !options.output,
  };
  const text = formatReport(options.format, input);
  if (options.output) {
    const target = path.resolve(options.output);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await writeFileAtomic(target, text);
    process.stderr.write(`${summaryLine({ ...input, color: options.color })}\n`);
  } else {
    process.stdout.write(text);
  }
  if (counts.error > 0) return 1;
  if (options.maxWarnings !== undefined && counts.warn > options.maxWarnings) {
    process.stderr.write(
      `revbook: ${counts.warn} warnings, more than --max-warnings ${options.maxWarnings}\n`,
    );
    return 1;
  }
  return 0;
}
