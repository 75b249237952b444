/**
 * The page frame, GitLab-handbook style: header with the site title and a
 * search box, a foldable left navigation tree (docs by folder ordered by front
 * matter `weight`, then the generated sections; a folder's own page is its
 * first "Overview" entry, never a link inside `<summary>`), breadcrumbs, the page, an
 * "On this page" table of contents (h2–h4), "View page source" / "Edit this
 * page" links from `repo`, and the owning team as maintainer. Every page gets
 * the same Content-Security-Policy: no inline script or style, nothing from
 * other origins. Folding works without JavaScript (`<details>`).
 */
import type { RepoConfig } from "../../core/config.js";
import { titleCase } from "../../core/model/kinds.js";
import { VERSION } from "../version.js";
import { idLink } from "./components.js";
import { pagesOf, type SiteContext } from "./context.js";
import { type Html, html, raw } from "./html.js";
import type { TocEntry } from "./markdown-to-html.js";
import { SECTION_TITLES } from "./routes.js";

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

export interface Crumb {
  title: string;
  route?: string;
}

export interface PageSpec {
  route: string;
  title: string;
  description?: string;
  body: Html;
  toc?: TocEntry[];
  /** Parents of the page, Home first; the page itself is added at the end. */
  breadcrumbs: Crumb[];
  /** Workspace-relative source file (for "View page source" / "Edit this page"). */
  sourceFile?: string;
  /** Team id of the page's owner. */
  owner?: string;
  /** Small label above the title ("Stage", "Trigger"…). */
  kind?: string;
}

export interface NavNode {
  title: string;
  route?: string;
  children: NavNode[];
  weight: number;
  /** A generated section: its entries are listed only on pages inside it (keeps every page small). */
  collapsed?: boolean;
}

/** The navigation tree: docs by folder (by weight, then title), then the generated sections. */
export function buildNav(ctx: SiteContext): NavNode[] {
  const root: NavNode = { title: "", children: [], weight: 0 };
  const folders = new Map<string, NavNode>([["/", root]]);
  const folderOf = (route: string): NavNode => {
    const existing = folders.get(route);
    if (existing) return existing;
    const parentRoute = route.replace(/[^/]+\/$/, "");
    const parent = folderOf(parentRoute);
    const segment = route.slice(parentRoute.length, -1);
    const node: NavNode = {
      title: titleCase(segment) || segment,
      children: [],
      weight: Number.POSITIVE_INFINITY,
    };
    parent.children.push(node);
    folders.set(route, node);
    return node;
  };
  const docs = [...ctx.docs].sort((a, b) => a.route.split("/").length - b.route.split("/").length);
  for (const doc of docs) {
    if (doc.route === "/") continue;
    const parentRoute = doc.route.replace(/[^/]+\/$/, "");
    const existing = folders.get(doc.route);
    if (existing) {
      // `sales/index.md` names and orders its folder.
      existing.title = doc.title;
      existing.route = doc.route;
      existing.weight = doc.weight;
      continue;
    }
    const node: NavNode = { title: doc.title, route: doc.route, children: [], weight: doc.weight };
    folderOf(parentRoute).children.push(node);
    folders.set(doc.route, node);
  }
  const sortTree = (node: NavNode): number => {
    const childWeights = node.children.map(sortTree);
    node.children.sort((a, b) => a.weight - b.weight || a.title.localeCompare(b.title));
    if (!Number.isFinite(node.weight) && childWeights.length > 0) node.weight = Math.min(...childWeights);
    return node.weight;
  };
  sortTree(root);
  // Folders without a page of their own and without children are dropped; leaf folder nodes keep their route.
  const generated: NavNode[] = [];
  for (const [kind, title] of SECTION_TITLES) {
    const defs = pagesOf(ctx, kind).filter((d) => /^[a-z][a-z0-9_-]*$/.test(d.id));
    if (defs.length === 0) continue;
    generated.push({
      title,
      route: ctx.routes.sectionRoute(kind),
      weight: 0,
      collapsed: true,
      children: defs.map((d) => ({
        title: ctx.model.displayName(d),
        route: ctx.routes.definitionRoute(d.kind, d.id),
        children: [],
        weight: 0,
      })),
    });
  }
  generated.push({ title: "Glossary", route: "/glossary/", children: [], weight: 0 });
  generated.push({ title: "Goal matrix", route: "/goals/", children: [], weight: 0 });
  generated.push({ title: "Process health", route: "/health/", children: [], weight: 0 });
  generated.push({ title: "Status", route: "/status/", children: [], weight: 0 });
  return [...root.children, { title: "Definitions", children: generated, weight: 0 }];
}

function contains(node: NavNode, route: string): boolean {
  return node.route === route || node.children.some((c) => contains(c, route));
}

export function renderNav(ctx: SiteContext, nav: readonly NavNode[], current: string): Html {
  const link = (route: string, text: string): Html =>
    html`<a href="${ctx.routes.url(route)}"${route === current ? raw(' aria-current="page"') : ""}>${text}</a>`;
  const item = (node: NavNode): Html => {
    const inside = contains(node, current);
    if (node.children.length === 0 || (node.collapsed && !inside))
      return html`<li>${node.route ? link(node.route, node.title) : html`<span>${node.title}</span>`}</li>`;
    const open = inside ? raw(" open") : "";
    // A folder's own page is its first entry, never a link inside <summary>: a link nested in
    // the disclosure button is an interactive control inside another (axe: nested-interactive).
    const overview = node.route ? html`<li>${link(node.route, "Overview")}</li>` : "";
    return html`<li><details${open}><summary><span>${node.title}</span></summary><ul>${overview}${node.children.map(item)}</ul></details></li>`;
  };
  return html`<nav class="sidebar" id="sidebar" aria-label="Handbook"><ul class="nav-tree">${nav.map(item)}</ul></nav>`;
}

export function renderBreadcrumbs(ctx: SiteContext, crumbs: readonly Crumb[], title: string): Html {
  return html`<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>${crumbs.map((c) => html`<li>${c.route ? html`<a href="${ctx.routes.url(c.route)}">${c.title}</a>` : c.title}</li>`)}<li aria-current="page">${title}</li></ol></nav>`;
}

export function renderToc(toc: readonly TocEntry[]): Html {
  if (toc.length === 0) return html``;
  return html`<nav class="toc" aria-label="On this page"><h2>On this page</h2><ul>${toc.map((t) => html`<li class="toc-h${t.depth}"><a href="#${t.id}">${t.text}</a></li>`)}</ul></nav>`;
}

/** "View page source" and "Edit this page" URLs for a workspace file, from `repo`. */
export function sourceLinks(repo: RepoConfig | undefined, file: string): { view?: string; edit?: string } {
  if (!repo) return {};
  const encoded = file
    .split("/")
    .map((s) => encodeURIComponent(s))
    .join("/");
  const base = repo.url.replace(/\/+$/, "");
  const branch = encodeURIComponent(repo.branch);
  switch (repo.host) {
    case "gitlab":
      return { view: `${base}/-/blob/${branch}/${encoded}`, edit: `${base}/-/edit/${branch}/${encoded}` };
    case "github":
      return { view: `${base}/blob/${branch}/${encoded}`, edit: `${base}/edit/${branch}/${encoded}` };
    default:
      return repo.editUrl ? { edit: repo.editUrl.replace(/\{path\}/g, encoded) } : {};
  }
}

/** Only http(s) links from configuration reach an href. */
function safeExternal(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

export function renderPage(ctx: SiteContext, nav: readonly NavNode[], page: PageSpec): string {
  const url = (route: string): string => ctx.routes.url(route);
  const links = page.sourceFile ? sourceLinks(ctx.workspace.config.repo, page.sourceFile) : {};
  const view = safeExternal(links.view);
  const edit = safeExternal(links.edit);
  const metaInner = html`${page.owner ? html`<span class="maintainer">Maintained by ${idLink(ctx, "Team", page.owner)}</span>` : ""}${view ? html`<a class="view-source" href="${view}">View page source</a>` : ""}${edit ? html`<a class="edit-page" href="${edit}">Edit this page</a>` : ""}`;
  const pageMeta = metaInner.value ? html`<div class="page-meta">${metaInner}</div>` : "";
  const doc = html`<!doctype html>
<html lang="en" data-base-url="${ctx.routes.baseUrl}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="revbook ${VERSION}">
<title>${page.title} · ${ctx.title}</title>
${page.description ? html`<meta name="description" content="${page.description}">` : ""}
<link rel="stylesheet" href="${url("/assets/site.css")}">
<script src="${url("/assets/nav.js")}" defer></script>
<script src="${url("/assets/search.js")}" defer></script>
</head>
<body>
<a class="skip-link" href="#content">Skip to content</a>
<header class="site-header">
<button class="nav-toggle" type="button" aria-controls="sidebar" aria-expanded="false">Menu</button>
<a class="site-title" href="${url("/")}">${ctx.title}</a>
<form class="search" role="search" action="${url("/search/")}" method="get"><label class="visually-hidden" for="search-input">Search the handbook</label><input id="search-input" type="search" name="q" placeholder="Search the handbook" autocomplete="off"><ul class="search-results" id="search-results" hidden></ul></form>
</header>
<div class="layout">
${renderNav(ctx, nav, page.route)}
<main id="content" class="content">
${renderBreadcrumbs(ctx, page.breadcrumbs, page.title)}
<article>
${page.kind ? html`<p class="kind">${page.kind}</p>` : ""}<h1>${page.title}</h1>
${page.description ? html`<p class="lead">${page.description}</p>` : ""}
${pageMeta}
${page.body}
</article>
</main>
<aside class="aside">${renderToc(page.toc ?? [])}</aside>
</div>
<footer class="site-footer">Generated by revbook ${VERSION} from the definitions and docs in the repository.</footer>
</body>
</html>
`;
  return doc.value;
}
