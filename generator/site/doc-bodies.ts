/**
 * Prepares every published doc's rendered Markdown while the pages are
 * written: rendered by the workers as they parsed the doc (load-workspace.ts),
 * from the build cache when the doc and everything its body depends
 * on are unchanged (doc-body.ts), otherwise rendered by the worker threads
 * (docs with embed directives, which read the whole model, render here) and
 * stored in the cache. Rendering starts before this returns and goes on while
 * the caller writes the pages that need no doc body; the caller waits for a
 * doc with `whenReady`. Without cache and workers, docs render on demand as
 * their pages are written (nothing is prepared).
 */
import { deserialize } from "node:v8";
import { cacheDir, cacheKey } from "./cache/cache-store.js";
import { PackStore } from "./cache/pack-store.js";
import type { SiteContext } from "./context.js";
import { docBodyInputs, hasDirectives, renderDocBody } from "./doc-body.js";
import type { EarlyBodies } from "./load-workspace.js";
import type { RenderedMarkdown } from "./markdown-to-html.js";
import { sameDocs } from "./published-docs.js";
import { renderContextOf } from "./workers/render-context.js";
import type { LazyWorkers } from "./workers/worker-pool.js";

export interface BodyStats {
  docs: number;
  cached: number;
  rendered: number;
}

/**
 * Docs' rendered bodies by file, those the workers rendered as they parsed kept serialized
 * until their page asks for them: held as strings from the parse to the pages, a cold build's
 * 95 MB of bodies were copied twice by the main thread's young-generation collections.
 */
export class DocBodies {
  private readonly entries = new Map<string, RenderedMarkdown | Uint8Array>();

  /** A doc's body; a serialized one is read again at each call (its page writes it and lets it go). */
  get(file: string): RenderedMarkdown | undefined {
    const entry = this.entries.get(file);
    return entry instanceof Uint8Array ? (deserialize(entry) as RenderedMarkdown) : entry;
  }

  /** Stores a body, or a body serialized with `v8.serialize`. */
  set(file: string, body: RenderedMarkdown | Uint8Array): void {
    this.entries.set(file, body);
  }

  has(file: string): boolean {
    return this.entries.has(file);
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface PreparedBodies {
  /** The bodies ready so far (filled as they arrive; the context's `docBodies`). */
  bodies: DocBodies;
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
  /** Bodies the workers rendered as they parsed (used if their docs are the context's). */
  early?: EarlyBodies;
}

export async function prepareDocBodies(
  ctx: SiteContext,
  options: PrepareOptions,
): Promise<PreparedBodies | undefined> {
  const store = options.cache ? await PackStore.open(cacheDir(ctx.workspace.root), "body") : undefined;
  const stats: BodyStats = { docs: ctx.docs.length, cached: 0, rendered: 0 };
  const bodies = new DocBodies();
  const keys = new Map<string, string>();
  const early = options.early && sameDocs(options.early.docs, ctx.docs) ? options.early.bodies : undefined;
  for (const { file } of ctx.docs) {
    const ready = early?.get(file);
    if (ready) {
      bodies.set(file, ready.bytes);
      stats.rendered++;
      store?.putBytes(ready.key ?? cacheKey("body", docBodyInputs(ctx, file)), ready.bytes);
      continue;
    }
    // A doc parsed in this build is new text: its body cannot be in the cache.
    if (!store || options.parsed?.has(file)) continue;
    const key = cacheKey("body", docBodyInputs(ctx, file));
    keys.set(file, key);
    const hit = store.get<RenderedMarkdown>(key);
    if (hit && typeof hit.html === "string" && Array.isArray(hit.toc)) {
      bodies.set(file, hit);
      stats.cached++;
    }
  }
  const misses = ctx.docs.filter((d) => !bodies.has(d.file));
  const pool = misses.length > 0 ? options.workers?.forTasks(misses.length) : undefined;
  // Nothing prepared and nothing to prepare with: the pages render their docs as they go.
  if (!pool && !store && bodies.size === 0) return undefined;
  if (pool && misses.length > 0) {
    await pool.setContext(renderContextOf(ctx.workspace, ctx.docs, ctx.routes.baseUrl, ctx.nonce));
  }

  const pending = new Map<string, Promise<void>>();
  for (const { file } of misses) {
    stats.rendered++;
    const body =
      pool && !hasDirectives(ctx, file)
        ? pool.render(file, ctx.workspace.source(file)?.text ?? "")
        : // After the worker tasks are posted, so the main thread renders while the workers do.
          Promise.resolve().then(() => renderDocBody(ctx, file));
    const ready = body.then((rendered) => {
      bodies.set(file, rendered);
      // A fresh doc's key is worked out while the workers render.
      store?.put(keys.get(file) ?? cacheKey("body", docBodyInputs(ctx, file)), rendered);
    });
    // Awaited by `whenReady` or `done`; this keeps a failure from also being an unhandled rejection.
    ready.catch(() => {});
    pending.set(file, ready);
  }
  const done = Promise.all(pending.values()).then(async () => {
    await store?.save();
    return stats;
  });
  // A build that fails while writing pages does not wait for the rest of the bodies.
  done.catch(() => {});
  return { bodies, whenReady: (file) => pending.get(file) ?? Promise.resolve(), done };
}
