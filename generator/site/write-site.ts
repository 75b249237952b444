/**
 * Rendering a linted workspace into `out`: every page planned up front and
 * rendered one at a time into a staging folder beside `out`, then the search
 * index, 404 page, sitemap, redirects and the files docs reference, and the
 * staging folder swapped in with its manifest. `buildSite` (build-site.ts)
 * loads this module only when a build has something to render, so a warm
 * build never loads the Markdown and HTML stack.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../../core/diagnostic.js";
import type { Workspace } from "../../core/workspace.js";
import type { BuildOptions } from "./build-site.js";
import { createContext, type SiteContext } from "./context.js";
import { prepareDocBodies } from "./doc-bodies.js";
import type { EarlyBodies } from "./load-workspace.js";
import { html } from "./html.js";
import { type LastModified, lastModified, lastModifiedLine } from "./last-modified.js";
import { FILES_DIR, forgetLocalFiles } from "./local-files.js";
import { renderPage } from "./layout.js";
import { buildNavTree, SiteNav } from "./nav.js";
import { routeFile, UnsafePathError } from "./routes.js";
import { searchIndex, searchText } from "./search-index.js";
import { type PagePlan, sitePlans } from "./site-pages.js";
import { StagingDir } from "./staging-dir.js";
import { ASSETS, TEMPLATE_DIR } from "./template.js";
import type { LazyWorkers } from "./workers/worker-pool.js";

/**
 * The output files that do not clash with an earlier one: the same path twice,
 * or a page folder where a file is (a doc `handbook/sitemap.xml.md`). Site
 * files (assets, index, sitemap…) win over pages; pages win in their order.
 */
export function withoutClashes(files: readonly string[]): Set<string> {
  const isPage = (f: string): boolean => f.endsWith("/index.html") || f === "index.html";
  const ordered = [...files.filter((f) => !isPage(f)), ...files.filter(isPage)];
  const taken = new Set<string>();
  const folders = new Set<string>();
  for (const f of ordered) {
    const parts = f.split("/");
    const parents = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/"));
    if (taken.has(f) || folders.has(f) || parents.some((p) => taken.has(p))) continue;
    taken.add(f);
    for (const p of parents) folders.add(p);
  }
  return taken;
}

/** The files of the site besides its pages. */
const SITE_FILES = ["404.html", "search-index.json", "sitemap.xml", "_redirects"];

export type WriteSiteOptions = Pick<
  BuildOptions,
  "baseUrl" | "templateDir" | "log" | "failAfterFiles" | "cache"
> & {
  workers?: LazyWorkers;
  /** Last-modified dates, when already known. */
  modified?: Map<string, LastModified>;
  /** The key of the inputs, recorded in the manifest (up-to-date.ts). */
  siteKey?: string;
  /** Docs parsed in this build rather than restored from the parse cache (their bodies are not looked up). */
  parsed?: ReadonlySet<string>;
  /** Doc bodies rendered while parsing. */
  early?: EarlyBodies;
};

/**
 * Renders an already linted workspace and swaps the result into `out` (no lint
 * gate, no `out` checks: `buildSite` does those). Pages are written to the
 * staging folder as they are rendered. Returns the files written, relative to `out`.
 */
export async function writeSite(
  workspace: Workspace,
  diagnostics: Diagnostic[],
  out: string,
  options: WriteSiteOptions = {},
): Promise<string[]> {
  return (await writeSiteKeeping(workspace, diagnostics, out, options)).files;
}

/** `writeSite`, also returning what a partial rebuild needs (the context, last-modified map and rendered pages). */
export async function writeSiteKeeping(
  workspace: Workspace,
  diagnostics: Diagnostic[],
  out: string,
  options: WriteSiteOptions = {},
): Promise<{
  files: string[];
  ctx: SiteContext;
  site: RenderedSite;
  modified: Map<string, LastModified>;
}> {
  const log = options.log ?? (() => {});
  forgetLocalFiles();
  const ctx = createContext(workspace, diagnostics, options.baseUrl ?? workspace.config.baseUrl);
  const modified = options.modified ?? (await lastModified(workspace.root, workspace.files()));
  ctx.lastModified = lastModifiedLine(modified);
  const prepared = await prepareDocBodies(ctx, {
    cache: options.cache ?? true,
    workers: options.workers,
    parsed: options.parsed,
    early: options.early,
  });
  ctx.docBodies = prepared?.bodies;
  const templateDir = options.templateDir ?? TEMPLATE_DIR;
  const staging = await StagingDir.open(out, options.failAfterFiles);
  try {
    for (const asset of ASSETS) {
      await staging.write(`assets/${asset}`, await fs.readFile(path.join(templateDir, asset)));
    }
    const site = await renderSite(ctx, staging, log, prepared?.whenReady);
    const stats = await prepared?.done;
    if (stats) log(`${stats.docs} docs: ${stats.cached} from the cache, ${stats.rendered} rendered`);
    log(`wrote ${staging.count} files; swapping them into ${out}…`);
    const files = await staging.commit(options.siteKey);
    log(`built ${files.length} files into ${out}`);
    return { files, ctx, site, modified };
  } catch (error) {
    await staging.abort();
    throw error;
  }
}

/** What a page gives the search index. */
export interface SearchInput {
  route: string;
  title: string;
  section: string;
  /** The page's text as the index keeps it (`searchText`). */
  text: string;
}

/** What `renderSite` leaves for a later partial rebuild (`revbook serve`). */
export interface RenderedSite {
  nav: SiteNav;
  /** The pages written, by route, with their file. */
  pages: Map<string, { plan: PagePlan; file: string }>;
  /** Search entries by route, in page order. */
  entries: Map<string, SearchInput>;
}

/** One page's HTML and search entry; undefined when it links to an id that cannot be a path (left out; `schema` reports it). */
export function renderPlan(
  ctx: SiteContext,
  nav: SiteNav,
  plan: PagePlan,
): { html: string; entry: SearchInput } | undefined {
  let page;
  try {
    page = plan.render();
  } catch (error) {
    if (error instanceof UnsafePathError) return undefined;
    throw error;
  }
  const text = searchText(page.text);
  return {
    html: renderPage(ctx, nav, page.spec),
    entry: { route: plan.route, title: page.spec.title, section: page.section, text },
  };
}

/** The site's files besides pages and assets: 404, search index, sitemap, redirects. */
export function siteFiles(
  ctx: SiteContext,
  nav: SiteNav,
  entries: Iterable<SearchInput>,
): { file: string; content: string }[] {
  const list = [...entries];
  const redirects: string[] = [];
  for (const doc of ctx.docs) {
    for (const alias of doc.aliases) {
      const from = ctx.routes.aliasRoute(alias);
      if (from && from !== doc.route)
        redirects.push(`${ctx.routes.url(from)} ${ctx.routes.url(doc.route)} 301`);
    }
  }
  return [
    {
      file: "404.html",
      content: renderPage(ctx, nav, {
        route: "/404/",
        title: "Page not found",
        body: html`<p>This page does not exist (any more). Try the search box, or start from the <a href="${ctx.routes.url("/")}">home page</a>.</p>`,
        breadcrumbs: [{ title: "Home", route: "/" }],
      }),
    },
    { file: "search-index.json", content: searchIndex(ctx.routes, list) },
    {
      file: "sitemap.xml",
      content: `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${list
        .map(
          (p) =>
            `<url><loc>${ctx.routes.url(p.route).replace(/&/g, "&amp;").replace(/</g, "&lt;")}</loc></url>`,
        )
        .join("\n")}\n</urlset>\n`,
    },
    { file: "_redirects", content: redirects.length > 0 ? `${redirects.join("\n")}\n` : "" },
  ];
}

/**
 * Copies the images and files the docs reference into `_files/` (local-files.ts);
 * one that clashes with a page is left out, and so is one that vanished.
 */
export async function copyPublishedFiles(
  ctx: SiteContext,
  write: (file: string, content: Uint8Array) => Promise<void>,
): Promise<void> {
  for (const rel of [...ctx.publishedFiles].sort()) {
    let content: Uint8Array;
    try {
      content = await fs.readFile(path.join(ctx.workspace.root, rel));
    } catch {
      continue;
    }
    try {
      await write(`${FILES_DIR}/${rel}`, content);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EEXIST" && code !== "ENOTDIR" && code !== "EISDIR") throw error;
    }
  }
}

/**
 * Renders every page into `staging` one at a time (writes overlap rendering), then the search
 * index, 404, sitemap and redirects. With `bodyReady` (doc bodies still being rendered by the
 * workers), the pages that need no doc body come first and each doc page waits for its body;
 * the search index and the returned maps keep the pages' own order either way.
 */
export async function renderSite(
  ctx: SiteContext,
  staging: StagingDir,
  log: (line: string) => void = () => {},
  bodyReady?: (file: string) => Promise<void>,
): Promise<RenderedSite> {
  const nav = new SiteNav(ctx, buildNavTree(ctx));
  const plans = sitePlans(ctx);
  const fileOf = new Map(plans.map((p) => [p, routeFile(p.route)]));
  const kept = withoutClashes([
    ...ASSETS.map((a) => `assets/${a}`),
    ...SITE_FILES,
    ...plans.map((p) => fileOf.get(p) as string),
  ]);
  const order = bodyReady ? [...plans.filter((p) => !p.doc), ...plans.filter((p) => p.doc)] : plans;
  const entries = new Map<PagePlan, SearchInput>();
  log(`rendering ${plans.length} pages…`);
  for (const plan of order) {
    const file = fileOf.get(plan) as string;
    if (!kept.has(file)) continue;
    if (plan.doc && bodyReady) await bodyReady(plan.doc);
    const rendered = renderPlan(ctx, nav, plan);
    if (!rendered) continue;
    await staging.writeSoon(file, rendered.html);
    entries.set(plan, rendered.entry);
    if (entries.size % 250 === 0) log(`rendered ${entries.size}/${plans.length} pages`);
  }
  const site: RenderedSite = { nav, pages: new Map(), entries: new Map() };
  for (const plan of plans) {
    const entry = entries.get(plan);
    if (!entry) continue;
    site.pages.set(plan.route, { plan, file: fileOf.get(plan) as string });
    site.entries.set(plan.route, entry);
  }
  for (const f of siteFiles(ctx, nav, site.entries.values())) await staging.writeSoon(f.file, f.content);
  await copyPublishedFiles(ctx, (file, content) => staging.writeSoon(file, content));
  await staging.settle();
  return site;
}
