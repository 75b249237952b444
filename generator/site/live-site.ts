/**
 * The site `revbook serve` keeps current in its private folder. The first
 * build, and any change that can reach every page, rebuild the whole site
 * (doc bodies come from the cache): a doc's title, route, weight or other front
 * matter the navigation and lists show, a doc added or removed, and the
 * structural definition edits (a file added or removed, an id renamed, a
 * definition added or removed: the model is rebuilt for those, see
 * `Workspace.update`; and those page-dependants.ts refuses, such as a
 * definition turning invalid or a pipeline's stages changing). A doc whose text
 * changed rebuilds only the pages that depend on it: its own page, the
 * definition pages it links to before or after the change (their backlinks),
 * and the status page when the diagnostics changed. A definition file edited in
 * place (same kinds and ids) rebuilds the pages page-dependants.ts derives from
 * the model's references, with the navigation when a name changed. Then the
 * search index. Those files are replaced one by one (temporary file + rename),
 * so a browser never reads half a page.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { type Diagnostic, diagnosticKey } from "../../core/diagnostic.js";
import { type Definition, isRecord } from "../../core/model/model.js";
import type { Workspace } from "../../core/workspace.js";
import { writeFileAtomic } from "../fs-atomic.js";
import {
  copyPublishedFiles,
  type RenderedSite,
  renderPlan,
  siteFiles,
  type WriteSiteOptions,
  writeSiteKeeping,
} from "./build.js";
import { defRoute, type DocInfo, docInfo, renderContext, type SiteContext } from "./context.js";
import { renderDocBody } from "./doc-body.js";
import { DocBodies } from "./doc-bodies.js";
import { type LastModified, lastModifiedLine } from "./last-modified.js";
import { forgetLocalFiles } from "./local-files.js";
import { buildNavTree, SiteNav } from "./nav.js";
import { definitionDependants, type PageIndex } from "./page-dependants.js";
import { insideOut, UnsafePathError } from "./routes.js";
import { searchIndex } from "./search-index.js";
import { sitePlans } from "./site-pages.js";

interface State {
  ctx: SiteContext;
  site: RenderedSite;
  modified: Map<string, LastModified>;
  /** Each published doc's page-frame inputs (title, route, weight, …). */
  signatures: Map<string, string>;
  /** The diagnostics the status page shows. */
  diagnostics: readonly Diagnostic[];
  /** The model's `revision` the pages show (in-place updates bump it). */
  revision: number;
}

/**
 * What a rebuild did: the whole site, or these pages (routes), with the search
 * index still being written (`after`: browsers may reload meanwhile).
 */
export type Rebuilt = { all: true; why?: string } | { all: false; routes: string[]; after: Promise<void> };

function signature(doc: DocInfo): string {
  return JSON.stringify(doc);
}

/** Whether two lint results list the same diagnostics (an incremental lint keeps unchanged ones as they were). */
function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Diagnostic;
    const y = b[i] as Diagnostic;
    if (x !== y && diagnosticKey(x) !== diagnosticKey(y)) return false;
  }
  return true;
}

/** The route of a definition's page without its anchor, or undefined when it has none (an unsafe id). */
function pageOf(ctx: SiteContext, def: Definition): string | undefined {
  try {
    return defRoute(ctx, def).split("#")[0];
  } catch (error) {
    if (error instanceof UnsafePathError) return undefined;
    throw error;
  }
}

function pageIndex(ctx: SiteContext): PageIndex {
  return {
    definition: (def) => pageOf(ctx, def),
    doc: (file) => ctx.docsByFile.get(file)?.route,
    section: (kind) => ctx.routes.sectionRoute(kind),
  };
}

/** Routes of the definition pages a doc links to (Markdown links and front matter `related`). */
function linkedDefinitionPages(ctx: SiteContext, file: string): Set<string> {
  const routes = new Set<string>();
  const source = ctx.workspace.source(file);
  const fm = source?.markdown?.frontmatter?.value;
  const related = isRecord(fm) && Array.isArray(fm.related) ? fm.related : [];
  const targets = [
    ...(source?.markdown?.links ?? []).map((l) => l.url),
    ...related.filter((r): r is string => typeof r === "string"),
  ];
  for (const target of targets) {
    const def = ctx.model.resolveLink(target)?.resolved;
    if (!def) continue;
    try {
      routes.add(defRoute(ctx, def).split("#")[0] ?? "");
    } catch {
      // an id that cannot be a path has no page
    }
  }
  return routes;
}

export class LiveSite {
  private state: State | undefined;

  constructor(
    /** The private folder served. */
    readonly dir: string,
    private readonly options: WriteSiteOptions & { baseUrl: string },
  ) {}

  /** Rebuilds the whole site and swaps it in. */
  async rebuildAll(workspace: Workspace, diagnostics: Diagnostic[], why?: string): Promise<Rebuilt> {
    this.state = undefined;
    const { ctx, site, modified } = await writeSiteKeeping(workspace, diagnostics, this.dir, {
      ...this.options,
      cache: this.options.cache ?? true,
    });
    this.state = {
      ctx,
      site,
      modified,
      signatures: new Map(ctx.docs.map((d) => [d.file, signature(d)])),
      diagnostics,
      revision: workspace.model.revision,
    };
    return why === undefined ? { all: true } : { all: true, why };
  }

  /** Rebuilds what depends on the changed files (workspace-relative), or everything when that is needed. */
  async rebuildChanged(
    workspace: Workspace,
    diagnostics: Diagnostic[],
    changed: readonly string[],
  ): Promise<Rebuilt> {
    const state = this.state;
    if (!state || state.ctx.workspace !== workspace || !state.ctx.docBodies) {
      return this.rebuildAll(workspace, diagnostics);
    }
    if (changed.length === 1 && workspace.typeOf(changed[0] as string) === "yaml")
      return this.rebuildDefinitions(state, workspace, diagnostics, changed[0] as string);
    if (changed.some((f) => workspace.typeOf(f) !== "markdown"))
      return this.rebuildAll(workspace, diagnostics, "several files changed");
    // Only the changed docs' frame facts are re-read; the rest of the context is the last build's.
    const docs = new Map(state.ctx.docs.map((d) => [d.file, d]));
    for (const file of changed) {
      const doc = docInfo(workspace, state.ctx.routes, file);
      const before = state.signatures.get(file);
      // A doc published, unpublished, moved or retitled reaches the navigation of every page.
      if (doc === undefined ? before !== undefined : before !== signature(doc)) {
        return this.rebuildAll(workspace, diagnostics, `${file}: its title, route or front matter changed`);
      }
      if (doc) docs.set(file, doc);
    }
    const ctx = renderContext(
      workspace,
      state.ctx.docs.map((d) => docs.get(d.file) as DocInfo),
      state.ctx.routes,
      diagnostics,
      state.ctx.nonce,
    );
    const routes = new Set<string>();
    // An in-place update leaves the doc's previous references in the change (the model holds the new ones).
    const last = workspace.lastChange;
    const previous =
      last && last.revision === workspace.model.revision && changed.length === 1 ? last.change : undefined;
    for (const file of changed) {
      const doc = ctx.docsByFile.get(file);
      if (!doc) continue; // a draft, or a doc without a page
      routes.add(doc.route);
      for (const r of linkedDefinitionPages(state.ctx, file)) routes.add(r);
      for (const r of linkedDefinitionPages(ctx, file)) routes.add(r);
      if (previous?.file === file) {
        for (const ref of previous.referencesBefore) {
          const route = ref.resolved && pageOf(ctx, ref.resolved);
          if (route !== undefined) routes.add(route);
        }
      }
      const known = state.modified.get(file);
      if (!known?.hash) {
        try {
          const stat = await fs.stat(path.join(workspace.root, file));
          state.modified.set(file, { date: stat.mtime.toISOString().slice(0, 10) });
        } catch {
          state.modified.delete(file);
        }
      }
    }
    return this.writePages(state, ctx, routes, changed);
  }

  /**
   * Rebuilds after one definition file changed: when the model was updated in
   * place (same kinds and ids), only the pages page-dependants.ts finds;
   * otherwise (the model was rebuilt: a definition added, removed or renamed,
   * a file that was not loaded) the whole site.
   */
  private async rebuildDefinitions(
    state: State,
    workspace: Workspace,
    diagnostics: Diagnostic[],
    file: string,
  ): Promise<Rebuilt> {
    const model = workspace.model;
    if (model !== state.ctx.model)
      return this.rebuildAll(
        workspace,
        diagnostics,
        `${file}: definitions added, removed or renamed, or what a name resolves to changed (the model was rebuilt)`,
      );
    const ctx = renderContext(workspace, state.ctx.docs, state.ctx.routes, diagnostics, state.ctx.nonce);
    if (model.revision === state.revision) {
      // The same text saved again (or a change that left the model as it was): the status page at most.
      return this.writePages(state, ctx, new Set(), []);
    }
    const last = workspace.lastChange;
    if (
      !last ||
      last.revision !== model.revision ||
      state.revision !== model.revision - 1 ||
      last.change.file !== file
    )
      return this.rebuildAll(workspace, diagnostics, `${file}: more than one change since the last build`);
    const found = definitionDependants(model, last.change, pageIndex(ctx));
    if (found.full !== undefined) return this.rebuildAll(workspace, diagnostics, `${file}: ${found.full}`);
    if (found.nav) state.site.nav = new SiteNav(ctx, buildNavTree(ctx));
    return this.writePages(state, ctx, found.routes, [...found.docs], found.nav);
  }

  /**
   * Renders the pages at `routes` (and the status page when the diagnostics
   * changed) with the docs in `docs` rendered again, replaces their files, and
   * leaves the search index to write after.
   */
  private async writePages(
    state: State,
    ctx: SiteContext,
    routes: Set<string>,
    docs: readonly string[],
    /** Whether names changed: pages of a kind are listed by name, so the page order may have changed. */
    reorder = false,
  ): Promise<Rebuilt> {
    forgetLocalFiles();
    if (!sameDiagnostics(state.diagnostics, ctx.diagnostics)) routes.add("/status/");
    ctx.lastModified = lastModifiedLine(state.modified);
    // Always there: `rebuildChanged` rebuilds everything without them.
    const bodies = state.ctx.docBodies ?? new DocBodies();
    ctx.docBodies = bodies;
    for (const file of docs) if (ctx.docsByFile.has(file)) bodies.set(file, renderDocBody(ctx, file));
    const plans = new Map(sitePlans(ctx, routes).map((p) => [p.route, p]));
    const written: string[] = [];
    for (const route of routes) {
      const plan = plans.get(route);
      const page = state.site.pages.get(route);
      if (!plan || !page) continue;
      const rendered = renderPlan(ctx, state.site.nav, plan);
      if (!rendered) continue;
      await writeFileAtomic(insideOut(this.dir, page.file), rendered.html);
      state.site.pages.set(route, { plan, file: page.file });
      state.site.entries.set(route, rendered.entry);
      written.push(route);
    }
    await copyPublishedFiles(ctx, async (file, content) => {
      const target = insideOut(this.dir, file);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await writeFileAtomic(target, content);
    });
    if (reorder) {
      // The search index and the sitemap list pages in the order a full build renders them.
      const order = sitePlans(ctx).map((p) => p.route);
      const inOrder = <T>(map: Map<string, T>): Map<string, T> =>
        new Map(order.flatMap((r) => (map.has(r) ? [[r, map.get(r) as T] as const] : [])));
      state.site.pages = inOrder(state.site.pages);
      state.site.entries = inOrder(state.site.entries);
      const sitemap = siteFiles(ctx, state.site.nav, state.site.entries.values()).find(
        (f) => f.file === "sitemap.xml",
      );
      if (sitemap) await writeFileAtomic(insideOut(this.dir, sitemap.file), sitemap.content);
    }
    state.ctx = ctx;
    state.diagnostics = ctx.diagnostics;
    state.revision = ctx.model.revision;
    // The search index (megabytes for a large handbook) is fetched only when someone searches:
    // it is written after the pages, while browsers reload.
    const entries = [...state.site.entries.values()];
    const after = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      writeFileAtomic(insideOut(this.dir, "search-index.json"), searchIndex(ctx.routes, entries)),
    );
    return { all: false, routes: written, after };
  }
}
