/**
 * `revbook build`, the orchestration (CLI.md "build"): open and lint the
 * workspace, refuse lint errors unless `allowErrors`, refuse dangerous `out`
 * folders, render every page into a temporary folder beside `out`, write a
 * manifest of what was written (`.revbook-manifest.json`), then swap the new
 * folder in. A build that fails half-way leaves the previous `out` untouched;
 * nothing outside `out` (and our own temporary folders beside it) is ever
 * deleted, and every output path is checked to stay inside the output folder.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "../../core/diagnostic.js";
import { openWorkspace } from "../../core/load/read-workspace.js";
import type {
  CommandPlanDef,
  EventDef,
  Kind,
  MetricDef,
  ObjectDef,
  PipelineDef,
  ScoringModelDef,
  StageDef,
  TeamDef,
  TriggerDef,
} from "../../core/model/kinds.js";
import type { Definition } from "../../core/model/model.js";
import type { Workspace } from "../../core/workspace.js";
import { VERSION } from "../version.js";
import { createContext, pagesOf, type SiteContext } from "./context.js";
import { html } from "./html.js";
import { lastModified, lastModifiedLine } from "./last-modified.js";
import { buildNav, renderPage } from "./layout.js";
import { docPage } from "./pages/doc.js";
import { eventPage } from "./pages/event.js";
import { glossaryPage } from "./pages/glossary.js";
import { goalMatrixPage } from "./pages/goal-matrix.js";
import { homePage, searchPage } from "./pages/home.js";
import { metricPage } from "./pages/metric.js";
import { objectPage } from "./pages/object.js";
import type { Page } from "./pages/page.js";
import { pipelinePage } from "./pages/pipeline.js";
import { planPage } from "./pages/plan.js";
import { processHealthPage } from "./pages/process-health.js";
import { scoringPage } from "./pages/scoring.js";
import { sectionPage } from "./pages/section.js";
import { stagePage } from "./pages/stage.js";
import { statusPage } from "./pages/status.js";
import { teamPage } from "./pages/team.js";
import { triggerPage } from "./pages/trigger.js";
import { globBase, insideOut, routeFile, SECTION_TITLES, UnsafePathError } from "./routes.js";
import { searchIndex } from "./search-index.js";

export const MANIFEST = ".revbook-manifest.json";

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

interface OutputFile {
  file: string;
  content: string | Buffer;
}

/** Every page of the site, in a stable order. */
export function sitePages(ctx: SiteContext): Page[] {
  const pages: Page[] = [];
  const hasHome = ctx.docs.some((d) => d.route === "/");
  if (!hasHome) pages.push(homePage(ctx));
  for (const doc of ctx.docs) pages.push(docPage(ctx, doc));
  const claimed = new Set(pages.map((p) => p.route));
  const add = (page: Page): void => {
    // A doc at a generated route (`handbook/stages.md`) keeps its page.
    if (claimed.has(page.route)) return;
    claimed.add(page.route);
    pages.push(page);
  };
  for (const [kind] of SECTION_TITLES) if (pagesOf(ctx, kind).length > 0) add(sectionPage(ctx, kind));
  const each = <T>(kind: Kind, render: (ctx: SiteContext, def: Definition<T>) => Page): void => {
    for (const def of pagesOf<T>(ctx, kind)) {
      try {
        add(render(ctx, def));
      } catch (error) {
        // An id that cannot be a path segment gets no page (the `schema` rule reports the id).
        if (!(error instanceof UnsafePathError)) throw error;
      }
    }
  };
  each<PipelineDef>("Pipeline", pipelinePage);
  each<StageDef>("Stage", stagePage);
  each<TriggerDef>("Trigger", triggerPage);
  each<ScoringModelDef>("ScoringModel", scoringPage);
  each<CommandPlanDef>("CommandPlan", planPage);
  each<ObjectDef>("Object", objectPage);
  each<MetricDef>("Metric", metricPage);
  each<TeamDef>("Team", teamPage);
  each<EventDef>("Event", eventPage);
  add(glossaryPage(ctx));
  add(goalMatrixPage(ctx));
  add(processHealthPage(ctx));
  add(statusPage(ctx));
  add(searchPage());
  return pages;
}

/** Renders the whole site in memory: pages, search index, 404, sitemap, redirects. */
export function renderSite(ctx: SiteContext): OutputFile[] {
  const nav = buildNav(ctx);
  const pages = sitePages(ctx);
  const files: OutputFile[] = pages.map((p) => ({
    file: routeFile(p.route),
    content: renderPage(ctx, nav, p.spec),
  }));
  files.push({
    file: "404.html",
    content: renderPage(ctx, nav, {
      route: "/404/",
      title: "Page not found",
      body: html`<p>This page does not exist (any more). Try the search box, or start from the <a href="${ctx.routes.url("/")}">home page</a>.</p>`,
      breadcrumbs: [{ title: "Home", route: "/" }],
    }),
  });
  files.push({
    file: "search-index.json",
    content: searchIndex(
      ctx.routes,
      pages.map((p) => ({ route: p.route, title: p.spec.title, section: p.section, text: p.text })),
    ),
  });
  files.push({
    file: "sitemap.xml",
    content: `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${pages
      .map(
        (p) =>
          `<url><loc>${ctx.routes.url(p.route).replace(/&/g, "&amp;").replace(/</g, "&lt;")}</loc></url>`,
      )
      .join("\n")}\n</urlset>\n`,
  });
  const redirects: string[] = [];
  for (const doc of ctx.docs) {
    for (const alias of doc.aliases) {
      const from = ctx.routes.aliasRoute(alias);
      if (from && from !== doc.route)
        redirects.push(`${ctx.routes.url(from)} ${ctx.routes.url(doc.route)} 301`);
    }
  }
  files.push({ file: "_redirects", content: redirects.length > 0 ? `${redirects.join("\n")}\n` : "" });
  return files;
}

/**
 * Drops outputs that would clash with an earlier one: the same path twice, or a
 * page folder where a file is (a doc `handbook/sitemap.xml.md`). Site files
 * (assets, index, sitemap…) win over pages; pages win in their order.
 */
export function withoutClashes(files: readonly OutputFile[]): OutputFile[] {
  const isPage = (f: OutputFile): boolean => f.file.endsWith("/index.html") || f.file === "index.html";
  const ordered = [...files.filter((f) => !isPage(f)), ...files.filter(isPage)];
  const taken = new Set<string>();
  const folders = new Set<string>();
  const kept: OutputFile[] = [];
  for (const f of ordered) {
    const parts = f.file.split("/");
    const parents = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/"));
    if (taken.has(f.file) || folders.has(f.file) || parents.some((p) => taken.has(p))) continue;
    taken.add(f.file);
    for (const p of parents) folders.add(p);
    kept.push(f);
  }
  return kept;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** Every file below `dir`, relative with `/`, without following symbolic links. */
async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
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
export async function checkOut(workspace: Workspace, givenOut: string, overwrite: boolean): Promise<void> {
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
    const source = workspace.files().find((f) => f === rel || f.startsWith(`${rel}/`));
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

/** Writes the files into a fresh folder beside `out`, then swaps it in. */
export async function writeAtomically(
  out: string,
  files: readonly OutputFile[],
  options: { failAfterFiles?: number; log?: (line: string) => void } = {},
): Promise<string[]> {
  const parent = path.dirname(out);
  await fs.mkdir(parent, { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const tmp = path.join(parent, `.${path.basename(out)}.revbook-tmp-${tag}`);
  const written: string[] = [];
  await fs.mkdir(tmp);
  try {
    for (const f of files) {
      if (options.failAfterFiles !== undefined && written.length >= options.failAfterFiles) {
        throw new Error(`injected failure after ${written.length} files`);
      }
      const target = insideOut(tmp, f.file);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, f.content, { flag: "wx" });
      written.push(f.file.split(path.sep).join("/"));
      if (written.length % 50 === 0) options.log?.(`wrote ${written.length}/${files.length} files`);
    }
    written.sort();
    const manifest = { generator: `revbook ${VERSION}`, files: written };
    await fs.writeFile(path.join(tmp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { flag: "wx" });
  } catch (error) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw error;
  }
  if (await exists(out)) {
    const old = path.join(parent, `.${path.basename(out)}.revbook-old-${tag}`);
    await fs.rename(out, old);
    try {
      await fs.rename(tmp, out);
    } catch (error) {
      await fs.rename(old, out);
      await fs.rm(tmp, { recursive: true, force: true });
      throw error;
    }
    await fs.rm(old, { recursive: true, force: true });
  } else {
    await fs.rename(tmp, out);
  }
  return written;
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  log("reading workspace…");
  const workspace = await openWorkspace(options.dir, { now: options.now });
  const out = options.out ? path.resolve(options.out) : path.resolve(workspace.root, workspace.config.out);
  log(`linting ${workspace.files().length} files…`);
  const diagnostics = workspace.lint();
  await checkOut(workspace, out, Boolean(options.overwrite));
  if (diagnostics.some((d) => d.severity === "error") && !options.allowErrors) {
    return { code: 1, out, diagnostics, workspace, files: [] };
  }
  const written = await writeSite(workspace, diagnostics, out, options);
  return { code: 0, out, diagnostics, workspace, files: written };
}

/**
 * Renders an already linted workspace and swaps the result into `out` (no lint
 * gate, no `out` checks: `buildSite` does those; `revbook serve` writes its
 * private folder with this). Returns the files written, relative to `out`.
 */
export async function writeSite(
  workspace: Workspace,
  diagnostics: Diagnostic[],
  out: string,
  options: Pick<BuildOptions, "baseUrl" | "templateDir" | "log" | "failAfterFiles"> = {},
): Promise<string[]> {
  const log = options.log ?? (() => {});
  const ctx = createContext(workspace, diagnostics, options.baseUrl ?? workspace.config.baseUrl);
  ctx.lastModified = lastModifiedLine(await lastModified(workspace.root, workspace.files()));
  log("rendering pages…");
  const templateDir = options.templateDir ?? TEMPLATE_DIR;
  const assets: OutputFile[] = [];
  for (const asset of ASSETS) {
    assets.push({ file: `assets/${asset}`, content: await fs.readFile(path.join(templateDir, asset)) });
  }
  const files = withoutClashes([...assets, ...renderSite(ctx)]);
  log(`writing ${files.length} files to ${out}…`);
  const written = await writeAtomically(out, files, { failAfterFiles: options.failAfterFiles, log });
  log(`built ${written.length} files into ${out}`);
  return written;
}
