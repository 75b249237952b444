/**
 * What a site build reads before deciding whether there is anything to do:
 * the workspace located (config and file list), and a hash of every file's
 * content for the site's inputs key. A file whose size, times and inode are
 * those recorded in `.revbook/cache/file-stats.json` is not read again: its
 * recorded hash is used. Nothing is parsed here (load-workspace.ts parses).
 */
import { createHash } from "node:crypto";
import { promises as fs, type Stats, statSync } from "node:fs";
import path from "node:path";
import type { FileContent } from "../../core/load/file-content.js";
import {
  type LocatedWorkspace,
  locateWorkspaceFiles,
  readContent,
} from "../../core/load/locate-workspace.js";
import type { OpenOptions } from "../../core/load/read-workspace.js";
import { isRecord } from "../../core/model/model.js";
import { writeFileAtomic } from "../fs-atomic.js";
import { cacheDir } from "./cache/cache-store.js";
import { revbookCodeKey } from "./cache/code-key.js";

/** A located workspace and its files' contents, read but not parsed (no Workspace yet: that loads the parser). */
export interface WorkspaceFiles extends LocatedWorkspace {
  /** The options the Workspace is to be opened with (`now`, …). */
  options: OpenOptions;
  /** UTC ms `doc-stale` measures from (`options.now`, or when the files were read). */
  now: number;
  /** Each file's modification time (ms) when it was checked, if it was (with `statCache`). */
  mtimes: Map<string, number>;
  /** Every file's content (read now for the files `inputs` did not read). */
  contents: () => Promise<FileContent[]>;
  /** SHA-256 over the config and every file's path and content hash: what the site's inputs are. */
  inputs: string;
  /** How many files were read to hash them (the others' recorded stats matched). */
  hashed: number;
  /**
   * By file index: the hash (`textHash`) of the text read in this build, for the files read to
   * hash them; undefined for the others (their recorded hash is trusted for `inputs` only).
   */
  textHashes: readonly (string | undefined)[];
  /** Records the files' stats and content hashes for the next build (with `statCache`; else nothing). */
  saveStats: () => Promise<void>;
}

export interface ReadOptions extends OpenOptions {
  /**
   * Trust `.revbook/cache/file-stats.json`: a file whose size, mtime, ctime
   * and inode are those recorded is not read to hash it (default false).
   */
  statCache?: boolean;
  /** Told, before they are read, how many files must be read and hashed (their stats changed). */
  onChangedFiles?: (count: number) => void;
}

/** What a file's stats were when its content hash was taken. */
interface StatRecord {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  hash: string;
}

const STATS_FILE = "file-stats.json";
/**
 * A file changed this recently (ms) may change again within its timestamps'
 * resolution without a visible stat change ("racy git"): its stats are not recorded.
 */
let racyMs = 2000;

/** Test hook: the racy window (ms); returns the previous one. */
export function setRacyWindow(ms: number): number {
  const before = racyMs;
  racyMs = ms;
  return before;
}

/** SHA-256 of a file's text (hex). */
export function textHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function contentHash(content: FileContent): string {
  return textHash("text" in content ? content.text : `\u0000${content.unreadable}`);
}

async function readStats(file: string): Promise<Map<string, StatRecord>> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, "utf8")) as { code?: unknown; files?: unknown };
    if (parsed.code !== revbookCodeKey() || !isRecord(parsed.files)) return new Map();
    return new Map(Object.entries(parsed.files as Record<string, StatRecord>));
  } catch {
    return new Map();
  }
}

export async function readWorkspaceFiles(start: string, options: ReadOptions = {}): Promise<WorkspaceFiles> {
  const located = await locateWorkspaceFiles(start, options);
  const { root, files } = located;
  const now = options.now ?? Date.now();
  const statsFile = path.join(cacheDir(root), STATS_FILE);
  const known = options.statCache ? await readStats(statsFile) : new Map<string, StatRecord>();
  const contents: (FileContent | undefined)[] = new Array<FileContent | undefined>(files.length);
  const hashes: string[] = new Array<string>(files.length);
  const textHashes: (string | undefined)[] = new Array<string | undefined>(files.length);
  const records = new Map<string, StatRecord>();
  const startedAt = Date.now();
  let changedStats = false;
  let hashed = 0;
  const mtimes = new Map<string, number>();
  // The stats first, synchronously: for thousands of files statSync is several times faster than
  // as many promises, and on a warm build these stats are all the reading there is.
  const stats: (Stats | undefined)[] = files.map((file) => {
    if (!options.statCache) return undefined;
    try {
      // `root` is absolute and normalised, `file` relative with `/`: no need for path.join's normalising.
      const stat = statSync(`${root}/${file}`);
      mtimes.set(file, stat.mtimeMs);
      return stat;
    } catch {
      return undefined;
    }
  });
  const changed: number[] = [];
  files.forEach((file, i) => {
    const stat = stats[i];
    const was = known.get(file);
    if (
      stat &&
      was &&
      was.size === stat.size &&
      was.mtimeMs === stat.mtimeMs &&
      was.ctimeMs === stat.ctimeMs &&
      was.ino === stat.ino
    ) {
      hashes[i] = was.hash;
      records.set(file, was);
    } else changed.push(i);
  });
  options.onChangedFiles?.(changed.length);
  const batch = 64;
  for (let k = 0; k < changed.length; k += batch) {
    await Promise.all(
      changed.slice(k, k + batch).map(async (i) => {
        const file = files[i] as string;
        const stat = stats[i];
        const content = await readContent(path.join(root, file));
        contents[i] = content;
        const hash = contentHash(content);
        hashes[i] = hash;
        if ("text" in content) textHashes[i] = hash;
        changedStats = true;
        hashed++;
        if (stat && "text" in content && Math.max(stat.mtimeMs, stat.ctimeMs) < startedAt - racyMs) {
          records.set(file, {
            size: stat.size,
            mtimeMs: stat.mtimeMs,
            ctimeMs: stat.ctimeMs,
            ino: stat.ino,
            hash,
          });
        }
      }),
    );
  }
  const hash = createHash("sha256").update(JSON.stringify(located.config));
  files.forEach((file, i) => {
    hash.update(`\u0001${file}\u0001${hashes[i] as string}`);
  });
  if (records.size !== known.size) changedStats = true;
  return {
    ...located,
    options,
    now,
    mtimes,
    inputs: hash.digest("hex"),
    hashed,
    textHashes,
    contents: async () => {
      for (let i = 0; i < files.length; i += batch) {
        await Promise.all(
          files.slice(i, i + batch).map(async (file, j) => {
            contents[i + j] ??= await readContent(path.join(root, file));
          }),
        );
      }
      return contents as FileContent[];
    },
    saveStats: async () => {
      if (!options.statCache || !changedStats) return;
      try {
        await fs.mkdir(path.dirname(statsFile), { recursive: true });
        await writeFileAtomic(
          statsFile,
          JSON.stringify({ code: revbookCodeKey(), files: Object.fromEntries(records) }),
        );
      } catch {
        // a cache that cannot be written is skipped
      }
    },
  };
}
