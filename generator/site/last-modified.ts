/**
 * When each workspace source file last changed, for the "Last modified" line of
 * doc pages: the last commit's date and short hash from one `git log` over the
 * whole workspace folder (run once per build with `execFile`, no shell), parsed
 * into a map newest-first. Files git does not know (untracked, or names git
 * quotes), a folder outside a git repository, or no git at all fall back to the
 * file's modification time (UTC date, no hash).
 */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { type Html, html } from "./html.js";

export interface LastModified {
  /** YYYY-MM-DD. */
  date: string;
  /** Short commit hash; absent for the mtime fallback. */
  hash?: string;
}

const MARK = "\u0001";

/** Parses `git log --name-only --format=%x01%cs%x09%h` output: the first (newest) commit naming a file wins. */
export function parseGitLog(output: string): Map<string, LastModified> {
  const map = new Map<string, LastModified>();
  for (const chunk of output.split(MARK)) {
    const lines = chunk.split("\n");
    const [date, hash] = (lines[0] ?? "").split("\t");
    if (!date || !hash || !/^\d{4}-\d{2}-\d{2}$/.test(date)) continue;
    for (const line of lines.slice(1)) {
      const file = line.trim();
      if (file && !map.has(file)) map.set(file, { date, hash: hash.trim() });
    }
  }
  return map;
}

function gitLog(root: string): Promise<Map<string, LastModified> | undefined> {
  return new Promise((resolve) => {
    execFile(
      "git",
      ["-c", "core.quotePath=false", "log", "--name-only", "--relative", "--format=%x01%cs%x09%h", "--", "."],
      { cwd: root, maxBuffer: 256 * 1024 * 1024, windowsHide: true },
      (error, stdout) => resolve(error ? undefined : parseGitLog(stdout)),
    );
  });
}

/** The last change of every file in `files` (relative to `root`, `/`-separated). */
export async function lastModified(
  root: string,
  files: readonly string[],
  /** Modification times (ms) already known, e.g. from the stats a warm build took anyway: not taken again. */
  mtimes: ReadonlyMap<string, number> = new Map(),
): Promise<Map<string, LastModified>> {
  const fromGit = (await gitLog(root)) ?? new Map<string, LastModified>();
  const out = new Map<string, LastModified>();
  // Files git does not know fall back to their mtime: stat them concurrently (a corpus outside git
  // is thousands of files; one await after another made this the slowest step of a warm build).
  const dates = await Promise.all(
    files.map(async (file): Promise<LastModified | undefined> => {
      const known = fromGit.get(file);
      if (known) return known;
      const mtimeMs = mtimes.get(file);
      // Rounded like Node's `stat.mtime`, for the very same date.
      if (mtimeMs !== undefined) return { date: new Date(Math.round(mtimeMs)).toISOString().slice(0, 10) };
      try {
        const stat = await fs.stat(path.join(root, file));
        return { date: stat.mtime.toISOString().slice(0, 10) };
      } catch {
        return undefined; // a file that vanished since it was read: no line
      }
    }),
  );
  files.forEach((file, i) => {
    const date = dates[i];
    if (date) out.set(file, date);
  });
  return out;
}

/** A lookup for the site context: the "Last modified …" line of a file, if known. */
export function lastModifiedLine(map: ReadonlyMap<string, LastModified>): (file: string) => Html | undefined {
  return (file) => {
    const m = map.get(file);
    return m
      ? html`<p class="last-modified">Last modified ${m.date}${m.hash ? html` · ${m.hash}` : ""}</p>`
      : undefined;
  };
}
