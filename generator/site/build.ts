/**
 * `revbook build`, the orchestration (CLI.md "build"): open and lint the
 * workspace, refuse lint errors unless `allowErrors`, refuse dangerous `out`
 * folders, render every page into a temporary folder beside `out`, write a
 * manifest of what was written (`.revbook-manifest.json`), then swap the new
 * folder in. A build that fails half-way leaves the previous `out` untouched;
 * nothing outside `out` (and our own temporary folders beside it) is ever
 * deleted, and every output path is checked to stay inside the output folder.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "../../core/diagnostic.js";
import type { Workspace } from "../../core/workspace.js";
import { createContext, type SiteContext } from "./context.js";
import { prepareDocBodies } from "./doc-bodies.js";
import { html } from "./html.js";
import { type LastModified, lastModified, lastModifiedLine } from "./last-modified.js";
import { parseWorkspaceFiles, readWorkspaceFiles } from "./load-workspace.js";
import { FILES_DIR, forgetLocalFiles } from "./local-files.js";
import { renderPage } from "./layout.js";
import { buildNavTree, SiteNav } from "./nav.js";
import { globBase, routeFile, UnsafePathError } from "./routes.js";
import { MAX_TEXT, searchIndex } from "./search-index.js";
import { type PagePlan, sitePlans } from "./site-pages.js";
import { MANIFEST, StagingDir } from "./staging-dir.js";
import { lintStore, siteInputsKey, upToDate } from "./up-to-date.js";
import { defaultWorkerCount, LazyWorkers } from "./workers/worker-pool.js";
import { listFiles } from "../list-files.js";

export { MANIFEST };

/** Where the CSS and scripts come from (the repository's handbook-template/). */
export const TEMPLATE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../handbook-template",
);
const ASSETS = ["site.css", "search.js", "nav.js"];

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

export interface BuildResult {
  /** 0 built; 1 lint errors (nothing written). */
  code: 0 | 1;
  out: string;
  diagnostics: Diagnostic[];
  workspace: Workspace;
  /** Files written, relative to `out`, sorted. */
  files: string[];
}

/** A refusal with exit code 2: the message names the problem and the fix. */
export class BuildRefusal extends Error {}

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

function isWithin(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** The real path of `file`: symbolic links in its existing ancestors resolved. */
async function realish(file: string): Promise<string> {
  const rest: string[] = [];
  let current = path.resolve(file);
  for (;;) {
    try {
      return path.join(await fs.realpath(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return path.resolve(file);
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/** Refuses an `out` that would overwrite or delete the workspace, its sources, or files revbook did not write. */
export async function checkOut(
  workspace: Workspace,
  givenOut: string,
  overwrite: boolean,
  /** The workspace's files (default: those loaded into `workspace`). */
  sources: readonly string[] = workspace.files(),
): Promise<void> {
  const root = await realish(workspace.root);
  const out = await realish(givenOut);
  if (isWithin(out, root)) {
    throw new BuildRefusal(
      `refusing to build into ${out}: it is the workspace root or a folder above it; choose a separate folder, e.g. --out public`,
    );
  }
  if (isWithin(root, out)) {
    const rel = path.relative(root, out).split(path.sep).join("/");
    for (const glob of [...workspace.config.definitions, ...workspace.config.docs]) {
      const base = globBase(glob);
      if (base && (rel === base || rel.startsWith(`${base}/`))) {
        throw new BuildRefusal(
          `refusing to build into ${out}: it is inside the definitions/docs folder ${base}/ (glob ${glob}); choose a folder outside it, e.g. --out public`,
        );
      }
    }
    const source = sources.find((f) => f === rel || f.startsWith(`${rel}/`));
    if (source) {
      throw new BuildRefusal(
        `refusing to build into ${out}: it holds workspace source ${source}; choose another folder`,
      );
    }
  }
  let stat: import("node:fs").Stats;
  try {
    stat = await fs.lstat(givenOut);
  } catch {
    return;
  }
  if (!stat.isDirectory()) {
    throw new BuildRefusal(
      `refusing to build into ${out}: it exists and is not a folder; remove it or choose another --out`,
    );
  }
  if (overwrite) return;
  let previous = new Set<string>();
  try {
    const manifest = JSON.parse(await fs.readFile(path.join(givenOut, MANIFEST), "utf8")) as {
      files?: unknown;
    };
    if (Array.isArray(manifest.files))
      previous = new Set(manifest.files.filter((f): f is string => typeof f === "string"));
  } catch {
    // no (readable) manifest: every file counts as foreign
  }
  const foreign = (await listFiles(givenOut)).filter((f) => f !== MANIFEST && !previous.has(f));
  if (foreign.length > 0) {
    const shown =
      foreign.slice(0, 5).join(", ") + (foreign.length > 5 ? ` and ${foreign.length - 5} more` : "");
    throw new BuildRefusal(
      `refusing to replace ${out}: it holds files revbook did not write (${shown}); move them away, choose another --out, or pass --overwrite`,
    );
  }
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const workers = new LazyWorkers(options.workers ?? defaultWorkerCount(), options.minTasksForWorkers);
  try {
    log("reading workspace…");
    const read = await readWorkspaceFiles(options.dir, {
      now: options.now,
      statCache: options.cache !== false,
    });
    log(
      `hashed ${read.hashed} of ${read.files.length} files (the others' size, times and inode are as recorded)`,
    );
    const root = read.workspace.root;
    const config = read.workspace.config;
    const out = options.out ? path.resolve(options.out) : path.resolve(root, config.out);
    await checkOut(read.workspace, out, Boolean(options.overwrite), read.files);
    const modified = await lastModified(root, read.files);
    const templateDir = options.templateDir ?? TEMPLATE_DIR;
    const baseUrl = options.baseUrl ?? config.baseUrl;
    let siteKey: string | undefined;
    if (options.cache !== false) {
      const assets = await Promise.all(ASSETS.map((a) => fs.readFile(path.join(templateDir, a))));
      const now = options.now ?? read.workspace.now;
      siteKey = siteInputsKey({ inputs: read.inputs, baseUrl, now, assets, modified });
      const previous = await upToDate(out, siteKey, root);
      if (previous && (options.allowErrors || !previous.diagnostics.some((d) => d.severity === "error"))) {
        await read.saveStats();
        log(`${out} is up to date (nothing changed since it was built)`);
        return {
          code: 0,
          out,
          diagnostics: previous.diagnostics,
          workspace: read.workspace,
          files: previous.files,
        };
      }
    }
    const { workspace, stats, saveCache } = await parseWorkspaceFiles(read, {
      cache: options.cache,
      workers,
    });
    log(`read ${stats.files} files (${stats.cached} from the cache, ${stats.parsed} parsed)`);
    log(`linting ${workspace.files().length} files…`);
    const diagnostics = workspace.lint();
    if (diagnostics.some((d) => d.severity === "error") && !options.allowErrors) {
      return { code: 1, out, diagnostics, workspace, files: [] };
    }
    await saveCache();
    const { files } = await writeSiteKeeping(workspace, diagnostics, out, {
      ...options,
      workers,
      modified,
      siteKey,
    });
    if (siteKey) await lintStore(root).put(siteKey, diagnostics);
    await read.saveStats();
    return { code: 0, out, diagnostics, workspace, files };
  } finally {
    await workers.close();
  }
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
  const { bodies, stats } = await prepareDocBodies(ctx, {
    cache: options.cache ?? true,
    workers: options.workers,
  });
  ctx.docBodies = bodies;
  if (bodies) log(`${stats.docs} docs: ${stats.cached} from the cache, ${stats.rendered} rendered`);
  const templateDir = options.templateDir ?? TEMPLATE_DIR;
  const staging = await StagingDir.open(out, options.failAfterFiles);
  try {
    for (const asset of ASSETS) {
      await staging.write(`assets/${asset}`, await fs.readFile(path.join(templateDir, asset)));
    }
    const site = await renderSite(ctx, staging, log);
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
  const text = page.text.replace(/\s+/g, " ").trim().slice(0, MAX_TEXT);
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

/** Renders every page into `staging` one at a time, then the search index, 404, sitemap and redirects. */
export async function renderSite(
  ctx: SiteContext,
  staging: StagingDir,
  log: (line: string) => void = () => {},
): Promise<RenderedSite> {
  const nav = new SiteNav(ctx, buildNavTree(ctx));
  const plans = sitePlans(ctx);
  const fileOf = new Map(plans.map((p) => [p, routeFile(p.route)]));
  const kept = withoutClashes([
    ...ASSETS.map((a) => `assets/${a}`),
    ...SITE_FILES,
    ...plans.map((p) => fileOf.get(p) as string),
  ]);
  const site: RenderedSite = { nav, pages: new Map(), entries: new Map() };
  log(`rendering ${plans.length} pages…`);
  for (const plan of plans) {
    const file = fileOf.get(plan) as string;
    if (!kept.has(file)) continue;
    const rendered = renderPlan(ctx, nav, plan);
    if (!rendered) continue;
    await staging.write(file, rendered.html);
    site.pages.set(plan.route, { plan, file });
    site.entries.set(plan.route, rendered.entry);
    if (site.entries.size % 250 === 0) log(`rendered ${site.entries.size}/${plans.length} pages`);
  }
  for (const f of siteFiles(ctx, nav, site.entries.values())) await staging.write(f.file, f.content);
  await copyPublishedFiles(ctx, (file, content) => staging.write(file, content));
  return site;
}
