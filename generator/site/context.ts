/**
 * What every page renderer reads: the workspace and its model, the routes,
 * the docs that are published (drafts left out) with their titles and
 * routes, and a per-build nonce that marks the generator's own placeholders in
 * Markdown output (a doc author cannot forge one).
 */
import { randomBytes } from "node:crypto";
import type { Diagnostic } from "../../core/diagnostic.js";
import type { Kind } from "../../core/model/kinds.js";
import type { Definition, Model } from "../../core/model/model.js";
import { isRecord } from "../../core/model/model.js";
import type { Workspace } from "../../core/workspace.js";
import type { DocBodies } from "./doc-bodies.js";
import type { Html } from "./html.js";
import { Routes } from "./routes.js";

export interface DocInfo {
  file: string;
  route: string;
  title: string;
  description?: string;
  owner?: string;
  weight: number;
  health?: string;
  healthNote?: string;
  /** Front matter `reviewed` (YYYY-MM-DD). */
  reviewed?: string;
  aliases: string[];
  tags: string[];
}

export interface SiteContext {
  workspace: Workspace;
  model: Model;
  routes: Routes;
  title: string;
  docs: DocInfo[];
  docsByFile: Map<string, DocInfo>;
  docsByRoute: Map<string, DocInfo>;
  diagnostics: Diagnostic[];
  nonce: string;
  /** The "Last modified <date> · <hash>" line of a source file (set by `writeSite`; see last-modified.ts). */
  lastModified?: (file: string) => Html | undefined;
  /** Docs' rendered Markdown prepared ahead (from the cache or worker threads); others render on demand. */
  docBodies?: DocBodies;
  /** Workspace files the rendered docs reference (images, downloads), gathered while pages render, copied into the site. */
  publishedFiles: Set<string>;
}

function frontmatter(ws: Workspace, file: string): Record<string, unknown> {
  const fm = ws.model.docs.get(file)?.frontmatter?.value;
  return isRecord(fm) ? fm : {};
}

/** A published doc's page-frame facts; undefined for a draft, a file that is not a doc, or one without a route. */
export function docInfo(workspace: Workspace, routes: Routes, file: string): DocInfo | undefined {
  if (workspace.source(file)?.type !== "markdown" || !workspace.model.docs.has(file)) return undefined;
  const fm = frontmatter(workspace, file);
  if (fm.draft === true) return undefined;
  let route: string;
  try {
    route = routes.docRoute(file);
  } catch {
    return undefined;
  }
  const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v : undefined);
  const fallback = file.split("/").pop()?.replace(/\.md$/i, "") ?? file;
  return {
    file,
    route,
    title: str(fm.title) ?? fallback,
    description: str(fm.description),
    owner: str(fm.owner),
    weight: typeof fm.weight === "number" ? fm.weight : Number.POSITIVE_INFINITY,
    health: str(fm.health),
    healthNote: str(fm.healthNote),
    reviewed:
      str(fm.reviewed) ?? (fm.reviewed instanceof Date ? fm.reviewed.toISOString().slice(0, 10) : undefined),
    aliases: Array.isArray(fm.aliases) ? fm.aliases.filter((a): a is string => typeof a === "string") : [],
    tags: Array.isArray(fm.tags) ? fm.tags.filter((a): a is string => typeof a === "string") : [],
  };
}

export function createContext(workspace: Workspace, diagnostics: Diagnostic[], baseUrl: string): SiteContext {
  const routes = new Routes(baseUrl, workspace.config.docs);
  const docs: DocInfo[] = [];
  const taken = new Set<string>();
  for (const file of workspace.files()) {
    const doc = docInfo(workspace, routes, file);
    // Two docs with one route (`a.md` and `a/index.md`): the first in path order wins.
    if (!doc || taken.has(doc.route)) continue;
    taken.add(doc.route);
    docs.push(doc);
  }
  return renderContext(workspace, docs, routes, diagnostics, randomBytes(9).toString("hex"));
}

/** A context from its parts (a worker thread rebuilds the main thread's with the same docs and nonce). */
export function renderContext(
  workspace: Workspace,
  docs: DocInfo[],
  routes: Routes,
  diagnostics: Diagnostic[],
  nonce: string,
): SiteContext {
  return {
    workspace,
    model: workspace.model,
    routes,
    title: workspace.config.title,
    docs,
    docsByFile: new Map(docs.map((d) => [d.file, d])),
    docsByRoute: new Map(docs.map((d) => [d.route, d])),
    diagnostics,
    nonce,
    publishedFiles: new Set(),
  };
}

/** The route of a definition's page (properties: an anchor on the object page). */
export function defRoute(ctx: SiteContext, def: Definition): string {
  return ctx.routes.definitionRoute(def.kind, def.id, def.objectId);
}

/** The URL of a definition, or undefined when it has no page (an unsafe id). */
export function defUrl(ctx: SiteContext, def: Definition): string | undefined {
  try {
    return ctx.routes.url(defRoute(ctx, def));
  } catch {
    return undefined;
  }
}

/** Definitions of a kind that get a page: first of their id, by display name (stages: in pipeline order). */
export function pagesOf<T>(ctx: SiteContext, kind: Kind): Definition<T>[] {
  return inPageOrder(
    ctx,
    kind,
    ctx.model.all<T>(kind).filter((d) => d.valid),
  );
}

/** Sorts definitions of one kind in `pagesOf` order (in place). */
export function inPageOrder<T>(ctx: SiteContext, kind: Kind, defs: Definition<T>[]): Definition<T>[] {
  const byName = (a: Definition, b: Definition): number =>
    ctx.model.displayName(a).localeCompare(ctx.model.displayName(b));
  if (kind !== "Stage") return defs.sort(byName);
  const rank = (d: Definition): [number, number] => {
    const pipeline = ctx.model.stagePipeline.get(d.id);
    return pipeline ? [pipeline.order, pipeline.value.stages.indexOf(d.id)] : [Number.POSITIVE_INFINITY, 0];
  };
  return defs.sort((a, b) => {
    const [pa, ia] = rank(a);
    const [pb, ib] = rank(b);
    return pa - pb || ia - ib || byName(a, b);
  });
}
