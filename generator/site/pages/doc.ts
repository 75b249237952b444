/**
 * A Markdown process doc's page: the doc rendered through the sanitizing
 * pipeline (links resolved, embeds live), its TOC, owner, review date and
 * health, with breadcrumbs from its folders.
 */
import path from "node:path";
import { titleCase } from "../../../core/model/kinds.js";
import { isRecord } from "../../../core/model/model.js";
import { defLink } from "../components.js";
import type { DocInfo, SiteContext } from "../context.js";
import { renderDocBody } from "../doc-body.js";
import { type Html, html, raw } from "../html.js";
import type { Crumb } from "../layout.js";
import type { Page } from "./page.js";

export function docCrumbs(ctx: SiteContext, route: string): Crumb[] {
  if (route === "/") return [];
  const crumbs: Crumb[] = [{ title: "Home", route: "/" }];
  const segments = route.split("/").filter(Boolean);
  let prefix = "/";
  for (const segment of segments.slice(0, -1)) {
    prefix += `${segment}/`;
    const doc = ctx.docsByRoute.get(prefix);
    crumbs.push(doc ? { title: doc.title, route: doc.route } : { title: titleCase(segment) || segment });
  }
  return crumbs;
}

/** The front matter `related` list: definitions (`KIND:ID`) and docs (relative `.md`), as links. */
export function relatedLinks(ctx: SiteContext, doc: DocInfo): Html | undefined {
  const fm = ctx.model.docs.get(doc.file)?.frontmatter?.value;
  const related = isRecord(fm) && Array.isArray(fm.related) ? fm.related : [];
  const items = related
    .filter((r): r is string => typeof r === "string")
    .map((r) => {
      const link = ctx.model.resolveLink(r);
      if (link) return link.resolved ? defLink(ctx, link.resolved) : html`<code>${r}</code>`;
      const target = path.posix.normalize(
        path.posix.join(path.posix.dirname(doc.file), r.split("#")[0] ?? ""),
      );
      const other = ctx.docsByFile.get(target);
      return other
        ? html`<a href="${ctx.routes.url(other.route)}">${other.title}</a>`
        : html`<code>${r}</code>`;
    });
  return items.length > 0
    ? html`<ul class="related">${items.map((i) => html`<li>${i}</li>`)}</ul>`
    : undefined;
}

export function docPage(ctx: SiteContext, doc: DocInfo): Page {
  const rendered = ctx.docBodies?.get(doc.file) ?? renderDocBody(ctx, doc.file);
  for (const file of rendered.files ?? []) ctx.publishedFiles.add(file);
  const health = doc.health
    ? html`<p class="health health-${doc.health}"><span class="health-dot" aria-hidden="true"></span>Process health: ${doc.health}${doc.healthNote ? html` — ${doc.healthNote}` : ""}</p>`
    : "";
  const related = relatedLinks(ctx, doc);
  const reviewed = doc.reviewed ? html`<p class="reviewed">Last reviewed ${doc.reviewed}</p>` : "";
  const tags =
    doc.tags.length > 0
      ? html`<p class="tags">${doc.tags.map((t) => html`<span class="tag">${t}</span>`)}</p>`
      : "";
  return {
    route: doc.route,
    section: "Handbook",
    text: `${doc.title} ${doc.description ?? ""} ${rendered.text}`,
    spec: {
      route: doc.route,
      title: doc.title,
      description: doc.description,
      body: html`${health}${reviewed}${tags}<div class="markdown">${raw(rendered.html)}</div>${related ? html`<section class="related-pages"><h2 id="related-pages">Related</h2>${related}</section>` : ""}${ctx.lastModified?.(doc.file)}`,
      toc: related ? [...rendered.toc, { depth: 2, id: "related-pages", text: "Related" }] : rendered.toc,
      breadcrumbs: docCrumbs(ctx, doc.route),
      sourceFile: doc.file,
      owner: doc.owner,
    },
  };
}
