/**
 * `revbook build`, the orchestration (CLI.md "build"): open and lint the
 * workspace, refuse lint errors unless `allowErrors`, refuse dangerous `out`
 * folders (out-folder.ts), render every page into a temporary folder beside
 * `out`, write a manifest of what was written (`.revbook-manifest.json`), then
 * swap the new folder in (write-site.ts). A build that fails half-way leaves
 * the previous `out` untouched; nothing outside `out` (and our own temporary
 * folders beside it) is ever deleted, and every output path is checked to stay
 * inside the output folder. When `out` is up to date (up-to-date.ts) nothing
 * is parsed, linted or rendered: the parser and renderer are imported only
 * past that check, which keeps a warm build's start-up short.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../../core/diagnostic.js";
import type { Workspace } from "../../core/workspace.js";
import { lastModified } from "./last-modified.js";
import { checkOut } from "./out-folder.js";
import { ASSETS, TEMPLATE_DIR } from "./template.js";
import { lintStore, siteInputsKey, upToDate } from "./up-to-date.js";
import { tuneV8ForBuild } from "./v8-tuning.js";
import { defaultWorkerCount, LazyWorkers } from "./workers/worker-pool.js";
import { readWorkspaceFiles } from "./workspace-files.js";

export interface BuildOptions {
  /** A folder inside the workspace. */
  dir: string;
  /** Output folder (resolved against the current folder); default: `out` of revbook.yaml, under the workspace root. */
  out?: string;
  baseUrl?: string;
  /** UTC ms `doc-stale` measures from. */
  now?: number;
  allowErrors?: boolean;
  overwrite?: boolean;
  /** Plain progress lines. */
  log?: (line: string) => void;
  templateDir?: string;
  /** Test hook: fail after writing this many files, to prove a failed build leaves `out` alone. */
  failAfterFiles?: number;
  /** Read and fill `<workspace>/.revbook/cache/` (default true; `--no-cache` turns it off). */
  cache?: boolean;
  /** Worker threads for parsing and rendering (default: one per core; 0: none). */
  workers?: number;
  /** Steps with fewer tasks run on the main thread (default MIN_TASKS_FOR_WORKERS; tests lower it). */
  minTasksForWorkers?: number;
}

interface BuildOutcome {
  out: string;
  diagnostics: Diagnostic[];
  /** Files written, relative to `out`, sorted. */
  files: string[];
}

/**
 * Code 0: built, or already up to date (then nothing was parsed: no `workspace`);
 * code 1: lint errors, nothing written, with the linted workspace for the report.
 */
export type BuildResult =
  (BuildOutcome & { code: 0; workspace?: Workspace }) | (BuildOutcome & { code: 1; workspace: Workspace });

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const workers = new LazyWorkers(options.workers ?? defaultWorkerCount(), options.minTasksForWorkers);
  try {
    log("reading workspace…");
    const read = await readWorkspaceFiles(options.dir, {
      now: options.now,
      statCache: options.cache !== false,
      // Files whose stats changed will most likely be parsed: the workers start while they are
      // hashed. (If the contents turn out unchanged and `out` up to date, they are stopped unused.)
      onChangedFiles: (count) => {
        if (workers.prestart(count)) log(`${count} files changed: starting ${workers.size} worker threads`);
      },
    });
    log(
      `hashed ${read.hashed} of ${read.files.length} files (the others' size, times and inode are as recorded)`,
    );
    const root = read.root;
    const config = read.config;
    const out = options.out ? path.resolve(options.out) : path.resolve(root, config.out);
    await checkOut(read, out, Boolean(options.overwrite), read.files);
    const modified = await lastModified(root, read.files, read.mtimes);
    const templateDir = options.templateDir ?? TEMPLATE_DIR;
    const baseUrl = options.baseUrl ?? config.baseUrl;
    let siteKey: string | undefined;
    if (options.cache !== false) {
      const assets = await Promise.all(ASSETS.map((a) => fs.readFile(path.join(templateDir, a))));
      const now = options.now ?? read.now;
      siteKey = siteInputsKey({ inputs: read.inputs, baseUrl, now, assets, modified });
      const previous = await upToDate(out, siteKey, root);
      if (previous && (options.allowErrors || !previous.diagnostics.some((d) => d.severity === "error"))) {
        await read.saveStats();
        log(`${out} is up to date (nothing changed since it was built)`);
        return {
          code: 0,
          out,
          diagnostics: previous.diagnostics,
          files: previous.files,
        };
      }
    }
    // Past the up-to-date check: now load the parser and the renderer (a warm build never gets here).
    tuneV8ForBuild();
    const [{ parseWorkspaceFiles }, { writeSiteKeeping }] = await Promise.all([
      import("./load-workspace.js"),
      import("./write-site.js"),
    ]);
    const { workspace, stats, parsed, saveCache, early } = await parseWorkspaceFiles(read, {
      cache: options.cache,
      workers,
      renderBaseUrl: baseUrl,
      log,
    });
    log(`read ${stats.files} files (${stats.cached} from the cache, ${stats.parsed} parsed)`);
    log(`linting ${workspace.files().length} files…`);
    const diagnostics = workspace.lint();
    if (diagnostics.some((d) => d.severity === "error") && !options.allowErrors) {
      return { code: 1, out, diagnostics, workspace, files: [] };
    }
    // The parse cache pack is written while the pages are.
    const cacheSaved = saveCache();
    let files: string[];
    try {
      ({ files } = await writeSiteKeeping(workspace, diagnostics, out, {
        ...options,
        workers,
        modified,
        siteKey,
        parsed,
        early,
      }));
    } finally {
      await cacheSaved;
    }
    if (siteKey) await lintStore(root).put(siteKey, diagnostics);
    await read.saveStats();
    return { code: 0, out, diagnostics, workspace, files };
  } finally {
    await workers.close();
  }
}
