/**
 * Prepares every published doc's rendered Markdown before the pages are
 * written: from the build cache when the doc and everything its body depends
 * on are unchanged (doc-body.ts), otherwise rendered by the worker threads
 * (docs with embed directives, which read the whole model, render here) and
 * stored in the cache. Without cache and workers, docs render on demand as
 * their pages are written (nothing is prepared).
 */
import { CacheStore, cacheDir, cacheKey } from "./cache/cache-store.js";
import { toPortable } from "./cache/portable-source.js";
import type { SiteContext } from "./context.js";
import { docBodyInputs, hasDirectives, renderDocBody } from "./doc-body.js";
import type { RenderedMarkdown } from "./markdown-to-html.js";
import type { LazyWorkers } from "./workers/worker-pool.js";

export interface BodyStats {
  docs: number;
  cached: number;
  rendered: number;
}

export async function prepareDocBodies(
  ctx: SiteContext,
  options: { cache: boolean; workers?: LazyWorkers },
): Promise<{ bodies?: Map<string, RenderedMarkdown>; stats: BodyStats }> {
  const stats: BodyStats = { docs: ctx.docs.length, cached: 0, rendered: 0 };
  if (!options.cache && !options.workers?.forTasks(ctx.docs.length)) return { stats };
  const store = options.cache ? new CacheStore(cacheDir(ctx.workspace.root), "body") : undefined;
  const bodies = new Map<string, RenderedMarkdown>();
  const misses: { file: string; key?: string }[] = [];
  await Promise.all(
    ctx.docs.map(async ({ file }) => {
      const key = store ? cacheKey("body", docBodyInputs(ctx, file)) : undefined;
      const hit = key ? await store?.get<RenderedMarkdown>(key) : undefined;
      if (hit && typeof hit.html === "string" && Array.isArray(hit.toc)) {
        bodies.set(file, hit);
        stats.cached++;
      } else misses.push({ file, key });
    }),
  );
  stats.rendered = misses.length;
  if (misses.length === 0) return { bodies, stats };
  const pool = options.workers?.forTasks(misses.length);
  const here = misses.filter((m) => !pool || hasDirectives(ctx, m.file));
  const there = pool ? misses.filter((m) => !hasDirectives(ctx, m.file)) : [];
  const store_ = async (m: { file: string; key?: string }, body: RenderedMarkdown): Promise<void> => {
    bodies.set(m.file, body);
    if (m.key) await store?.put(m.key, body);
  };
  let remote: Promise<void[]> = Promise.resolve([]);
  if (pool && there.length > 0) {
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
    remote = Promise.all(
      there.map(async (m) => store_(m, await pool.render(m.file, ctx.workspace.source(m.file)?.text ?? ""))),
    );
  }
  // The main thread renders the directive docs while the workers render the rest.
  for (const m of here) await store_(m, renderDocBody(ctx, m.file));
  await remote;
  return { bodies, stats };
}
