/**
 * Prepares every published doc's rendered Markdown while the pages are
 * written: from the build cache when the doc and everything its body depends
 * on are unchanged (doc-body.ts), otherwise rendered by the worker threads
 * (docs with embed directives, which read the whole model, render here) and
 * stored in the cache. Rendering starts before this returns and goes on while
 * the caller writes the pages that need no doc body; the caller waits for a
 * doc with `whenReady`. Without cache and workers, docs render on demand as
 * their pages are written (nothing is prepared).
 */
import { CacheStore, cacheDir, cacheKey } from "./cache/cache-store.js";
import { toPortable } from "./cache/portable-source.js";
import type { SiteContext } from "./context.js";
import { docBodyInputs, hasDirectives, renderDocBody } from "./doc-body.js";
import type { RenderedMarkdown } from "./markdown-to-html.js";
import type { LazyWorkers, WorkerPool } from "./workers/worker-pool.js";

export interface BodyStats {
  docs: number;
  cached: number;
  rendered: number;
}

export interface PreparedBodies {
  /** The bodies ready so far (filled as they arrive; the context's `docBodies`). */
  bodies: Map<string, RenderedMarkdown>;
  /** Resolves once the doc's body is in `bodies` (at once for a doc not prepared); rejects if its render failed. */
  whenReady(file: string): Promise<void>;
  /** Every body ready and stored in the cache; rejects if any render failed. */
  done: Promise<BodyStats>;
}

export interface PrepareOptions {
  cache: boolean;
  workers?: LazyWorkers;
  /**
   * Docs parsed in this build (not restored from the parse cache): their text is new, so their
   * bodies cannot be in the cache either, and they go to the workers without a lookup.
   */
  parsed?: ReadonlySet<string>;
}

export async function prepareDocBodies(
  ctx: SiteContext,
  options: PrepareOptions,
): Promise<PreparedBodies | undefined> {
  const store = options.cache ? new CacheStore(cacheDir(ctx.workspace.root), "body") : undefined;
  // A doc parsed in this build is new text: its body cannot be in the cache.
  const known = store ? ctx.docs.filter((d) => !options.parsed?.has(d.file)) : [];
  const fresh = ctx.docs.length - known.length;
  let running = options.workers?.started;
  if (!running && !store) running = options.workers?.forTasks(fresh);
  if (!running && !store) return undefined;
  if (running) await setRenderContext(ctx, running);

  const stats: BodyStats = { docs: ctx.docs.length, cached: 0, rendered: 0 };
  const bodies = new Map<string, RenderedMarkdown>();
  const lookups = new Map<string, Promise<{ key: string; hit?: RenderedMarkdown }>>();
  for (const { file } of known) {
    const key = cacheKey("body", docBodyInputs(ctx, file));
    lookups.set(
      file,
      (store as CacheStore).get<RenderedMarkdown>(key).then((hit) => ({
        key,
        hit: hit && typeof hit.html === "string" && Array.isArray(hit.toc) ? hit : undefined,
      })),
    );
  }
  // Without a running pool, start one only if enough docs miss the cache (each lookup is a file read).
  const pool: Promise<WorkerPool | undefined> = running
    ? Promise.resolve(running)
    : Promise.all(lookups.values()).then(async (found) => {
        const started = options.workers?.forTasks(fresh + found.filter((f) => !f.hit).length);
        if (started) await setRenderContext(ctx, started);
        return started;
      });
  // Awaited by every doc that misses the cache; none may (then a failure here is nobody's).
  pool.catch(() => {});

  const render = async (file: string): Promise<RenderedMarkdown> => {
    const workers = await pool;
    stats.rendered++;
    if (workers && !hasDirectives(ctx, file))
      return workers.render(file, ctx.workspace.source(file)?.text ?? "");
    // Yields first, so the main thread renders while the workers work through their tasks.
    await Promise.resolve();
    return renderDocBody(ctx, file);
  };
  const prepare = async (file: string): Promise<void> => {
    const lookup = await lookups.get(file);
    if (lookup?.hit) {
      bodies.set(file, lookup.hit);
      stats.cached++;
      return;
    }
    const body = await render(file);
    bodies.set(file, body);
    // A fresh doc's key is worked out while the workers render.
    await store?.put(lookup?.key ?? cacheKey("body", docBodyInputs(ctx, file)), body);
  };

  const pending = new Map<string, Promise<void>>();
  for (const { file } of ctx.docs) {
    const ready = prepare(file);
    // Awaited by `whenReady` or `done`; this keeps a failure from also being an unhandled rejection.
    ready.catch(() => {});
    pending.set(file, ready);
  }
  const done = Promise.all(pending.values()).then(() => stats);
  // A build that fails while writing pages does not wait for the rest of the bodies.
  done.catch(() => {});
  return { bodies, whenReady: (file) => pending.get(file) ?? Promise.resolve(), done };
}

/** Gives the workers what a doc body resolves against: the definitions, the published docs, the base URL. */
async function setRenderContext(ctx: SiteContext, pool: WorkerPool): Promise<void> {
  const sources = ctx.workspace
    .files()
    .map((f) => ctx.workspace.source(f))
    .filter((s) => s?.type === "yaml")
    .map((s) => toPortable(s!));
  await pool.setContext({
    root: ctx.workspace.root,
    config: ctx.workspace.config,
    sources,
    docs: ctx.docs,
    baseUrl: ctx.routes.baseUrl,
    nonce: ctx.nonce,
  });
}
