/**
 * The page frame, GitLab-handbook style: header with the site title and a
 * search box, the left navigation (nav.ts), breadcrumbs, the page, an
 * "On this page" table of contents (h2–h4), "View page source" / "Edit this
 * page" links from `repo`, and the owning team as maintainer. Every page gets
 * the same Content-Security-Policy: no inline script or style, nothing from
 * other origins. Folding works without JavaScript (`<details>`).
 */
import type { RepoConfig } from "../../core/config.js";
import { VERSION } from "../version.js";
import { idLink } from "./components.js";
import type { SiteContext } from "./context.js";
import { type Html, html } from "./html.js";
import type { TocEntry } from "./markdown-to-html.js";
import type { SiteNav } from "./nav.js";

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

export function renderPage(ctx: SiteContext, nav: SiteNav, page: PageSpec): string {
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
${nav.render(page.route)}
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
