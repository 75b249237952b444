/**
 * `revbook serve [DIR]` (CLI.md "serve"): builds the handbook, with lint
 * errors allowed, into a private folder (`.revbook/serve/site` under the
 * workspace root, never the user's `out`), serves it (generator/site/dev-server.ts),
 * and watches the workspace (generator/site/watch-workspace.ts). A changed
 * definition or doc is re-read into the in-memory workspace (`update` /
 * `remove`); a changed `revbook.yaml`, or a folder added, removed or renamed,
 * re-opens the workspace from disk. A change then rebuilds the pages that
 * depend on it (generator/site/live-site.ts: a doc's text, its page and the
 * pages it links to; a definition file edited in place, the pages
 * generator/site/page-dependants.ts finds; anything structural, the whole
 * site, with doc bodies from the build cache) and tells open pages to reload. Lint
 * errors and failed rebuilds show as a banner in the page and a line on
 * stderr; they never stop the server. Ctrl+C / SIGTERM stop it with exit 0.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { countBySeverity } from "../../core/diagnostic.js";
import { readContent, WorkspaceError } from "../../core/load/read-workspace.js";
import type { Workspace } from "../../core/workspace.js";
import { TEMPLATE_DIR } from "../site/build.js";
import { LiveSite } from "../site/live-site.js";
import { loadWorkspace } from "../site/load-workspace.js";
import { LazyWorkers } from "../site/workers/worker-pool.js";
import { ListenError, type ServeStatus, startDevServer } from "../site/dev-server.js";
import { normaliseBaseUrl } from "../site/routes.js";
import { watchWorkspace } from "../site/watch-workspace.js";

export interface ServeCommandOptions {
  port: number;
  host: string;
  /** UTC ms `doc-stale` measures from. */
  now: number;
  /** Test hook: where the live-reload script and assets come from. */
  templateDir?: string;
}

/** The private output folder of `revbook serve`, relative to the workspace root. */
export const SERVE_DIR = ".revbook/serve/site";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/** The path part of `baseUrl`: a site published at `https://x.io/handbook/` is served under `/handbook/`. */
export function servePath(baseUrl: string): string {
  const normalised = normaliseBaseUrl(baseUrl);
  return /^https?:\/\//i.test(normalised) ? new URL(normalised).pathname : normalised;
}

function describeWorkspaceError(error: WorkspaceError): string {
  if (error.problems.length === 0) return error.message;
  const file = error.configPath ?? "revbook.yaml";
  return error.problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`).join("; ");
}

async function statOrUndefined(file: string): Promise<import("node:fs").Stats | undefined> {
  try {
    return await fs.stat(file);
  } catch {
    return undefined;
  }
}

/**
 * Applies changed paths to the workspace. Returns "reopen" when only a fresh
 * read from disk is safe, otherwise whether anything the site uses changed.
 */
async function applyChanges(workspace: Workspace, paths: readonly string[]): Promise<"reopen" | boolean> {
  let changed = false;
  for (const rel of paths) {
    if (rel === "revbook.yaml") return "reopen";
    const stat = await statOrUndefined(path.join(workspace.root, rel));
    const known = workspace.files();
    if (stat?.isDirectory()) return "reopen";
    if (!stat && known.some((f) => f.startsWith(`${rel}/`))) return "reopen";
    if (stat?.isFile() && workspace.typeOf(rel)) {
      const content = await readContent(path.join(workspace.root, rel));
      // One edited file (the usual save): `update` relints incrementally, and the rebuild's
      // `lint()` then costs nothing. A batch: `set` each, and the rebuild lints once.
      if (paths.length === 1 && "text" in content) workspace.update(rel, content.text);
      else workspace.set(rel, content);
      changed = true;
    } else if (known.includes(rel)) {
      workspace.remove(rel);
      changed = true;
    }
  }
  return changed;
}

export async function runServe(dir: string, options: ServeCommandOptions): Promise<number> {
  const log = (line: string): void => {
    process.stderr.write(`revbook serve: ${line}\n`);
  };
  const workers = new LazyWorkers();
  let workspace: Workspace;
  try {
    const loaded = await loadWorkspace(dir, { now: options.now, workers });
    await loaded.saveCache();
    workspace = loaded.workspace;
  } finally {
    await workers.close();
  }
  const root = workspace.root;
  const siteDir = path.join(root, SERVE_DIR);
  const basePath = servePath(workspace.config.baseUrl);
  const templateDir = options.templateDir ?? TEMPLATE_DIR;
  const status: ServeStatus = { errors: 0 };
  const site = new LiveSite(siteDir, { baseUrl: basePath, templateDir });

  /**
   * Rebuilds after `changed` files (none: the whole site); the times logged
   * count from `readAt`, and "lint" includes re-reading the files. Returns what is left
   * to write after the pages (the search index), to run once pages are reloading.
   */
  const rebuild = async (
    changed: readonly string[] = [],
    /** When the changed files were read into the workspace (`update` relints an edited file there). */
    readAt = performance.now(),
  ): Promise<{ after: Promise<void> }> => {
    try {
      const started = readAt;
      const diagnostics = workspace.lint();
      const linted = performance.now();
      const done =
        changed.length === 0
          ? await site.rebuildAll(workspace, diagnostics)
          : await site.rebuildChanged(workspace, diagnostics, changed);
      const counts = countBySeverity(diagnostics);
      status.errors = counts.error;
      status.problem = undefined;
      const what = done.all ? "built the site" : `rebuilt ${done.routes.length} pages`;
      const ms = (a: number, b: number): number => Math.round(b - a);
      const now = performance.now();
      log(
        `${what} from ${workspace.files().length} files in ${ms(started, now)} ms (lint ${ms(started, linted)} ms, pages ${ms(linted, now)} ms): ${counts.error} errors, ${counts.warn} warnings${counts.error > 0 ? " (listed on the status page)" : ""}${done.all && done.why ? `; whole site: ${done.why}` : ""}`,
      );
      return { after: done.all ? Promise.resolve() : done.after };
    } catch (error) {
      status.problem = `rebuild failed: ${error instanceof Error ? error.message : String(error)}; serving the previous build`;
      log(status.problem);
      return { after: Promise.resolve() };
    }
  };

  await rebuild();
  if (status.problem && !(await statOrUndefined(siteDir))) {
    log("the first build failed; nothing to serve");
    return 2;
  }

  let server: Awaited<ReturnType<typeof startDevServer>>;
  try {
    server = await startDevServer({
      host: options.host,
      port: options.port,
      siteDir: () => siteDir,
      basePath,
      status: () => status,
      liveReloadFile: path.join(templateDir, "live-reload.js"),
    });
  } catch (error) {
    if (!(error instanceof ListenError)) throw error;
    if (error.code === "EADDRINUSE") {
      log(
        `port ${options.port} on ${options.host} is already in use; stop the other server, or choose another port with --port (e.g. --port ${options.port + 1}, or --port 0 for any free port)`,
      );
    } else {
      log(
        `cannot listen on ${options.host}:${options.port} (${error.message}); choose another --port or --host`,
      );
    }
    return 2;
  }
  if (!LOOPBACK.has(options.host)) {
    log(
      `warning: listening on ${options.host}: other computers on the network can open this handbook (the default, 127.0.0.1, keeps it private)`,
    );
  }

  // Rebuilds run one at a time; changes arriving meanwhile are gathered for the next one.
  const queued = new Set<string>();
  let running: Promise<void> | undefined;
  const drain = async (): Promise<void> => {
    while (queued.size > 0) {
      const paths = [...queued];
      queued.clear();
      let outcome: "reopen" | boolean;
      let reopened = false;
      const readAt = performance.now();
      try {
        outcome = await applyChanges(workspace, paths);
      } catch {
        outcome = "reopen";
      }
      if (outcome === "reopen") {
        try {
          const loaded = await loadWorkspace(root, { now: options.now });
          await loaded.saveCache();
          workspace = loaded.workspace;
          reopened = true;
        } catch (error) {
          if (!(error instanceof WorkspaceError)) throw error;
          status.problem = `${describeWorkspaceError(error)}; serving the previous build`;
          log(status.problem);
          server.reload();
          continue;
        }
      } else if (!outcome) continue;
      log(`changed: ${paths.join(", ")}; rebuilding`);
      const { after } = await rebuild(reopened ? [] : paths, readAt);
      server.reload();
      await after.catch((error: unknown) => log(`writing the search index failed: ${String(error)}`));
    }
  };
  const watcher = watchWorkspace(root, {
    ignore: [workspace.config.out, ".revbook"],
    // An editor's save (write, or temporary file + rename) arrives within a few ms.
    debounceMs: 10,
    onChange: (paths) => {
      for (const p of paths) queued.add(p);
      running ??= drain()
        .catch((error: unknown) => log(`rebuild failed: ${String(error)}`))
        .finally(() => {
          running = undefined;
        });
    },
    onError: (error) => log(`watching stopped: ${error.message}; restart revbook serve to pick up changes`),
  });

  // Listening for the signals before printing the URL: whoever reads it may stop us at once.
  const stopped = new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  process.stdout.write(`revbook serve: ${server.url} (Ctrl+C to stop)\n`);
  await stopped;
  watcher.close();
  await running;
  await server.close();
  log("stopped");
  return 0;
}
