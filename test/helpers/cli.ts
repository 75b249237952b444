/**
 * Test helpers for the command line: run the real `bin/revbook.js` in a child
 * process (async `spawn`, with a 30 s limit that fails the test), and copy
 * fixture folders into fresh temporary folders for tests that change files.
 */
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (compiled helpers run from dist/test/helpers/). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const BIN = path.join(REPO_ROOT, "bin/revbook.js");
export const FIXTURES = path.join(REPO_ROOT, "test/fixtures");

/** How long one CLI run may take before the test fails. */
export const CLI_TIMEOUT_MS = 30_000;

export interface CliResult {
  /** Exit code; null only if the process was killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  /** Written to the child's standard input, which is then closed. */
  input?: string;
  /** Extra environment variables (merged over the current environment). */
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** Runs `node bin/revbook.js ...args` and collects its output; rejects after the timeout. */
export function runCli(args: readonly string[], options: RunOptions): Promise<CliResult> {
  const timeoutMs = options.timeoutMs ?? CLI_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      // No colours and no progress bar: the child's stdout is a pipe, and NO_COLOR is set too.
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      child.kill("SIGKILL");
      reject(
        new Error(
          `revbook ${args.join(" ")} did not finish within ${timeoutMs} ms\n` +
            `stderr so far:\n${Buffer.concat(stderr).toString("utf8")}`,
        ),
      );
    }, timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      });
    });
    // A child that exits before reading its input must not crash the test with EPIPE.
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input ?? "");
  });
}

/** A fresh, empty temporary folder (under the OS temp folder, outside any workspace). */
export async function makeTempDir(prefix = "revbook-test-"): Promise<string> {
  return fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), prefix)));
}

/**
 * Copies `test/fixtures/<fixture>` (a path relative to test/fixtures) into a fresh
 * temporary folder and returns the copy's path.
 */
export async function copyFixture(fixture: string): Promise<string> {
  const dir = await makeTempDir();
  await fs.cp(path.join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

/** Removes a temporary folder made by `makeTempDir` / `copyFixture` (restoring permissions first). */
export async function removeTempDir(dir: string): Promise<void> {
  if (!dir.startsWith(await fs.realpath(os.tmpdir()))) throw new Error(`refusing to remove ${dir}`);
  await fs.rm(dir, { recursive: true, force: true });
}

/** Every file below `dir` (relative, `/`-separated, sorted) with its bytes, to prove nothing changed. */
export async function snapshotFiles(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (rel: string): Promise<void> => {
    const entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true });
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) out.set(child, await fs.readFile(path.join(dir, child)));
      else out.set(child, Buffer.from(`<${entry.isSymbolicLink() ? "symlink" : "special"}>`));
    }
  };
  await walk("");
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** True when stderr holds something that looks like a JavaScript stack trace. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+(\(|:\d+:\d+)/m.test(text) || /\b(TypeError|ReferenceError|RangeError):/.test(text);
}

/** A range check shared by the hostile-input and property tests. */
export interface CheckedRange {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

/**
 * Throws unless `range` lies inside `text`: lines exist, each column is at most its
 * line's length in UTF-16 code units (lines end at LF, CRLF or a lone CR), start ≤ end.
 */
export function assertRangeInside(range: CheckedRange, text: string | string[], what: string): void {
  const lines = typeof text === "string" ? splitLines(text) : text;
  const check = (p: { line: number; column: number }, name: string): void => {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.column) || p.line < 0 || p.column < 0)
      throw new Error(`${what}: ${name} ${JSON.stringify(p)} is not a position`);
    if (p.line >= lines.length)
      throw new Error(`${what}: ${name} line ${p.line} is past the last line (${lines.length - 1})`);
    const length = (lines[p.line] as string).length;
    if (p.column > length)
      throw new Error(`${what}: ${name} column ${p.column} is past the end of line ${p.line} (${length})`);
  };
  check(range.start, "start");
  check(range.end, "end");
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.column > end.column))
    throw new Error(`${what}: start ${JSON.stringify(start)} is after end ${JSON.stringify(end)}`);
}

/** A text's lines without their ends (LF, CRLF or a lone CR), as positions count them. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** What `assertDiagnosticsInside` reads of a diagnostic. */
export interface CheckedDiagnostic {
  rule: string;
  file: string;
  range: CheckedRange;
  fix?: { range: CheckedRange };
  related?: { file: string; range: CheckedRange }[];
}

/** Every diagnostic, fix and related location lies inside its file (`textOf` gives a file's text). */
export function assertDiagnosticsInside(
  diagnostics: readonly CheckedDiagnostic[],
  textOf: (file: string) => string | undefined,
): void {
  const cache = new Map<string, string[]>();
  const inside = (file: string, range: CheckedRange, what: string): void => {
    let lines = cache.get(file);
    if (!lines) {
      const text = textOf(file);
      if (text === undefined) throw new Error(`${what}: unknown file ${file}`);
      lines = splitLines(text);
      cache.set(file, lines);
    }
    assertRangeInside(range, lines, what);
  };
  for (const d of diagnostics) {
    const what = `${d.rule} in ${d.file}`;
    inside(d.file, d.range, what);
    if (d.fix) inside(d.file, d.fix.range, `${what} (fix)`);
    for (const r of d.related ?? []) inside(r.file, r.range, `${what} (related in ${r.file})`);
  }
}
