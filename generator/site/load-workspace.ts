/**
 * Loads a workspace for a site build: like `openWorkspace` (same files, same
 * parse), but the files are read by workspace-files.ts (which hashes them
 * for the up-to-date check) and a file whose parse result is in the build cache is restored
 * from it (`Workspace.setSource`) instead of parsed, and the files that must
 * be parsed are parsed by the worker threads when there are any; for a site
 * build, the workers also render each doc as they parse it (`EarlyBodies`).
 * Parse cache keys: revbook's code, the file's path, its type and the hash of its exact
 * text. New entries are kept until `saveCache`.
 */
import type { OpenOptions } from "../../core/load/read-workspace.js";
import { type FileContent, parseSourceFile } from "../../core/load/source-file.js";
import { Workspace } from "../../core/workspace.js";
import { cacheDir, cacheKey } from "./cache/cache-store.js";
import { PackStore } from "./cache/pack-store.js";
import {
  fromPortable,
  type TextlessSource,
  toPortable,
  withoutText,
  withText,
} from "./cache/portable-source.js";
import { type DocRoute, publishedDocs } from "./published-docs.js";
import { Routes } from "./routes.js";
import { renderContextOf } from "./workers/render-context.js";
import type { LazyWorkers, WorkerPool } from "./workers/worker-pool.js";
import { readWorkspaceFiles, textHash, type WorkspaceFiles } from "./workspace-files.js";

export interface LoadOptions extends OpenOptions {
  /** Use `<workspace>/.revbook/cache/` (default true). */
  cache?: boolean;
  /** Worker threads for the parsing (default: none). */
  workers?: LazyWorkers;
  /**
   * A site build: the workers render each doc's body right after parsing it (definition
   * files are parsed first, for the links to resolve), for pages under this base URL.
   */
  renderBaseUrl?: string;
  /** Progress lines while files are parsed (every 500 files). */
  log?: (line: string) => void;
}

/** Doc bodies the workers rendered while parsing, and the published docs their links resolved against. */
export interface EarlyBodies {
  docs: DocRoute[];
  /** By file: the body serialized (`v8.serialize`, a cache entry as it is), with its cache key when the cache is on. */
  bodies: Map<string, { bytes: Uint8Array; key?: string }>;
}

/** A file to parse (not found in the parse cache), with its cache key. */
interface Miss {
  file: string;
  kind: "yaml" | "markdown";
  text: string;
  key: string;
}

export interface LoadStats {
  files: number;
  /** Files restored from the cache. */
  cached: number;
  parsed: number;
}

export interface Loaded {
  workspace: Workspace;
  stats: LoadStats;
  /** The files parsed (not restored from the cache). */
  parsed: Set<string>;
  /** Writes the new parse cache entries. */
  saveCache: () => Promise<void>;
  /** With `renderBaseUrl` and workers. */
  early?: EarlyBodies;
}

export async function loadWorkspace(start: string, options: LoadOptions = {}): Promise<Loaded> {
  return parseWorkspaceFiles(await readWorkspaceFiles(start, options), options);
}

/** Parses files read by `readWorkspaceFiles` into its workspace (or restores them from the cache). */
export async function parseWorkspaceFiles(read: WorkspaceFiles, options: LoadOptions = {}): Promise<Loaded> {
  const { files } = read;
  // The same `now` the inputs key was computed with.
  const workspace = new Workspace(read.root, read.config, read.rules, { ...read.options, now: read.now });
  const contents = await read.contents();
  const store = options.cache === false ? undefined : await PackStore.open(cacheDir(workspace.root), "parse");
  const stats: LoadStats = { files: files.length, cached: 0, parsed: 0 };
  const misses: Miss[] = [];
  files.forEach((file, i) => {
    const content = contents[i] as FileContent;
    if (!("text" in content)) {
      workspace.set(file, content);
      return;
    }
    const kind = workspace.typeOf(file) ?? (/\.md$/i.test(file) ? "markdown" : "yaml");
    // The text's hash stands for the text (the files read for the inputs key are hashed already).
    const key = cacheKey("parse", file, kind, read.textHashes[i] ?? textHash(content.text));
    // The key covers the text, so entries are stored without it.
    const hit = store?.get<TextlessSource>(key);
    if (hit && hit.file === file && hit.type === kind) {
      workspace.setSource(fromPortable(withText(hit, content.text)));
      stats.cached++;
    } else misses.push({ file, kind, text: content.text, key });
  });
  stats.parsed = misses.length;
  const pool = options.workers?.forTasks(misses.length);
  let early: EarlyBodies | undefined;
  if (pool) {
    const docs =
      options.renderBaseUrl === undefined
        ? undefined
        : publishedDocs(
            files.flatMap((file, i) => {
              const content = contents[i] as FileContent;
              return workspace.typeOf(file) === "markdown" && "text" in content
                ? [{ file, text: content.text }]
                : [];
            }),
            new Routes(options.renderBaseUrl, workspace.config.docs),
          );
    early = await parseOnWorkers(pool, misses, workspace, store, {
      log: options.log,
      render:
        docs && options.renderBaseUrl !== undefined ? { docs, baseUrl: options.renderBaseUrl } : undefined,
    });
  } else {
    for (const m of misses) {
      const source = parseSourceFile(m.file, m.kind, { text: m.text }, true);
      store?.put(m.key, withoutText(toPortable(source), m.text));
      workspace.setSource(source);
    }
  }
  // New entries are written only when the caller goes on to build (a refused build writes nothing).
  return {
    workspace,
    stats,
    parsed: new Set(misses.map((m) => m.file)),
    saveCache: async () => store?.save(),
    early,
  };
}

/**
 * Parses files on the worker threads into `workspace` (and their cache entries into `store`).
 * With `render`: the definition files first, then the docs, each rendered by the worker that
 * parses it, against those definitions and the published docs `render.docs`.
 */
async function parseOnWorkers(
  pool: WorkerPool,
  misses: readonly Miss[],
  workspace: Workspace,
  store: PackStore | undefined,
  options: { log?: (line: string) => void; render?: { docs: DocRoute[]; baseUrl: string } },
): Promise<EarlyBodies | undefined> {
  const early: EarlyBodies | undefined = options.render && { docs: options.render.docs, bodies: new Map() };
  let done = 0;
  const parse = async (m: Miss, render = false): Promise<void> => {
    const reply = await pool.parse(m.file, m.kind, m.text, render ? { bodyKey: Boolean(store) } : undefined);
    if (++done % 500 === 0) {
      options.log?.(
        `parsed ${done}/${misses.length} files${early ? " (docs rendered as they are parsed)" : ""}`,
      );
    }
    store?.putBytes(m.key, reply.sourceBytes);
    workspace.setSource(fromPortable(withText(reply.source, m.text)));
    if (reply.bodyBytes) early?.bodies.set(m.file, { bytes: reply.bodyBytes, key: reply.bodyKey });
  };
  if (!options.render) {
    await Promise.all(misses.map((m) => parse(m)));
    return undefined;
  }
  // Definitions first: doc bodies link to them.
  await Promise.all(misses.filter((m) => m.kind === "yaml").map((m) => parse(m)));
  await pool.setContext(renderContextOf(workspace, options.render.docs, options.render.baseUrl));
  await Promise.all(misses.filter((m) => m.kind !== "yaml").map((m) => parse(m, true)));
  return early;
}
