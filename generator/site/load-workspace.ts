/**
 * Loads a workspace for a site build: like `openWorkspace` (same files, same
 * parse), but a file whose parse result is in the build cache is restored
 * from it (`Workspace.setSource`) instead of parsed, and the files that must
 * be parsed are parsed by the worker threads when there are any. Parse cache
 * keys: revbook's code, the file's path, its type and its exact text. New
 * entries are kept until `saveCache`.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { locateWorkspace, type OpenOptions, readContent } from "../../core/load/read-workspace.js";
import { type FileContent, parseSourceFile } from "../../core/load/source-file.js";
import type { Workspace } from "../../core/workspace.js";
import { CacheStore, cacheDir, cacheKey } from "./cache/cache-store.js";
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
  contents: FileContent[];
  /** SHA-256 over the config and every file's path and content: what the site's inputs are. */
  inputs: string;
}

export async function readWorkspaceFiles(start: string, options: OpenOptions = {}): Promise<WorkspaceFiles> {
  const { workspace, files } = await locateWorkspace(start, options);
  const contents: FileContent[] = [];
  const batch = 64;
  for (let i = 0; i < files.length; i += batch) {
    const slice = files.slice(i, i + batch);
    contents.push(...(await Promise.all(slice.map((f) => readContent(path.join(workspace.root, f))))));
  }
  const hash = createHash("sha256").update(JSON.stringify(workspace.config));
  files.forEach((file, i) => {
    const content = contents[i] as FileContent;
    const text = "text" in content ? content.text : `\u0000${content.unreadable}`;
    hash.update(`\u0001${file}\u0001${text.length}\u0001`).update(text);
  });
  return { workspace, files, contents, inputs: hash.digest("hex") };
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
  const { workspace, files, contents } = read;
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
