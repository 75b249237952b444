/**
 * Loads a workspace for a site build: like `openWorkspace` (same files, same
 * parse), but a file whose parse result is in the build cache is restored
 * from it (`Workspace.setSource`) instead of parsed, and the files that must
 * be parsed are parsed by the worker threads when there are any. Parse cache
 * keys: revbook's code, the file's path, its type and its exact text. New
 * entries are kept until `saveCache`.
 */
import { createHash } from "node:crypto";
import { promises as fs, type Stats } from "node:fs";
import path from "node:path";
import { isRecord } from "../../core/model/model.js";
import { locateWorkspace, type OpenOptions, readContent } from "../../core/load/read-workspace.js";
import { type FileContent, parseSourceFile } from "../../core/load/source-file.js";
import type { Workspace } from "../../core/workspace.js";
import { writeFileAtomic } from "../fs-atomic.js";
import { CacheStore, cacheDir, cacheKey, revbookCodeKey } from "./cache/cache-store.js";
import { fromPortable, type PortableSource, toPortable } from "./cache/portable-source.js";
import type { LazyWorkers } from "./workers/worker-pool.js";

export interface LoadOptions extends OpenOptions {
  /** Use `<workspace>/.revbook/cache/` (default true). */
  cache?: boolean;
  /** Worker threads for the parsing (default: none). */
  workers?: LazyWorkers;
}

export interface LoadStats {
  files: number;
  /** Files restored from the cache. */
  cached: number;
  parsed: number;
}

/** A located workspace and its files' contents, read but not parsed. */
export interface WorkspaceFiles {
  workspace: Workspace;
  files: string[];
  /** Every file's content (read now for the files `inputs` did not read). */
  contents: () => Promise<FileContent[]>;
  /** SHA-256 over the config and every file's path and content hash: what the site's inputs are. */
  inputs: string;
  /** How many files were read to hash them (the others' recorded stats matched). */
  hashed: number;
  /** Records the files' stats and content hashes for the next build (with `statCache`; else nothing). */
  saveStats: () => Promise<void>;
}

export interface ReadOptions extends OpenOptions {
  /**
   * Trust `.revbook/cache/file-stats.json`: a file whose size, mtime, ctime
   * and inode are those recorded is not read to hash it (default false).
   */
  statCache?: boolean;
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

function contentHash(content: FileContent): string {
  const text = "text" in content ? content.text : `\u0000${content.unreadable}`;
  return createHash("sha256").update(text).digest("hex");
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
  const { workspace, files } = await locateWorkspace(start, options);
  const statsFile = path.join(cacheDir(workspace.root), STATS_FILE);
  const known = options.statCache ? await readStats(statsFile) : new Map<string, StatRecord>();
  const contents: (FileContent | undefined)[] = new Array<FileContent | undefined>(files.length);
  const hashes: string[] = new Array<string>(files.length);
  const records = new Map<string, StatRecord>();
  const startedAt = Date.now();
  let changedStats = false;
  let hashed = 0;
  const batch = 64;
  for (let i = 0; i < files.length; i += batch) {
    await Promise.all(
      files.slice(i, i + batch).map(async (file, j) => {
        const abs = path.join(workspace.root, file);
        let stat: Stats | undefined;
        if (options.statCache) {
          try {
            stat = await fs.stat(abs);
          } catch {
            stat = undefined;
          }
        }
        const was = known.get(file);
        if (
          stat &&
          was &&
          was.size === stat.size &&
          was.mtimeMs === stat.mtimeMs &&
          was.ctimeMs === stat.ctimeMs &&
          was.ino === stat.ino
        ) {
          hashes[i + j] = was.hash;
          records.set(file, was);
          return;
        }
        const content = await readContent(abs);
        contents[i + j] = content;
        const hash = contentHash(content);
        hashes[i + j] = hash;
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
  const hash = createHash("sha256").update(JSON.stringify(workspace.config));
  files.forEach((file, i) => {
    hash.update(`\u0001${file}\u0001${hashes[i] as string}`);
  });
  if (records.size !== known.size) changedStats = true;
  return {
    workspace,
    files,
    inputs: hash.digest("hex"),
    hashed,
    contents: async () => {
      for (let i = 0; i < files.length; i += batch) {
        await Promise.all(
          files.slice(i, i + batch).map(async (file, j) => {
            contents[i + j] ??= await readContent(path.join(workspace.root, file));
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

export async function loadWorkspace(
  start: string,
  options: LoadOptions = {},
): Promise<{ workspace: Workspace; stats: LoadStats; saveCache: () => Promise<void> }> {
  return parseWorkspaceFiles(await readWorkspaceFiles(start, options), options);
}

/** Parses files read by `readWorkspaceFiles` into its workspace (or restores them from the cache). */
export async function parseWorkspaceFiles(
  read: WorkspaceFiles,
  options: LoadOptions = {},
): Promise<{ workspace: Workspace; stats: LoadStats; saveCache: () => Promise<void> }> {
  const { workspace, files } = read;
  const contents = await read.contents();
  const store =
    options.cache === false
      ? undefined
      : new CacheStore(cacheDir(workspace.root), "parse", { deferWrites: true });
  const stats: LoadStats = { files: files.length, cached: 0, parsed: 0 };
  const misses: { file: string; kind: "yaml" | "markdown"; text: string; key: string }[] = [];
  const batch = 64;
  for (let i = 0; i < files.length; i += batch) {
    const slice = files.slice(i, i + batch);
    await Promise.all(
      slice.map(async (file, j) => {
        const content = contents[i + j] as FileContent;
        if (!("text" in content)) {
          workspace.set(file, content);
          return;
        }
        const kind = workspace.typeOf(file) ?? (/\.md$/i.test(file) ? "markdown" : "yaml");
        const key = cacheKey("parse", file, kind, content.text);
        const hit = await store?.get<PortableSource>(key);
        if (hit && hit.file === file && hit.text === content.text) {
          workspace.setSource(fromPortable(hit));
          stats.cached++;
        } else misses.push({ file, kind, text: content.text, key });
      }),
    );
  }
  stats.parsed = misses.length;
  const pool = options.workers?.forTasks(misses.length);
  if (pool) {
    await Promise.all(
      misses.map(async (m) => {
        const portable = await pool.parse(m.file, m.kind, m.text);
        await store?.put(m.key, portable);
        workspace.setSource(fromPortable(portable));
      }),
    );
  } else {
    for (const m of misses) {
      const source = parseSourceFile(m.file, m.kind, { text: m.text }, true);
      await store?.put(m.key, toPortable(source));
      workspace.setSource(source);
    }
  }
  // New entries are written only when the caller goes on to build (a refused build writes nothing).
  return { workspace, stats, saveCache: async () => store?.flush() };
}
