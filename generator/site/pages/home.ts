/**
 * The home page when the docs have no `index.md`: the site's sections and
 * top-level handbook pages. (With an `index.md`, that doc is the home page.)
 */
import type { SiteContext } from "../context.js";
import { pagesOf } from "../context.js";
import { html } from "../html.js";
import { SECTION_TITLES } from "../routes.js";
import type { Page } from "./page.js";

export function homePage(ctx: SiteContext): Page {
  const docs = ctx.docs.filter((d) => d.route.split("/").length === 3);
  const sectionsList = SECTION_TITLES.filter(([k]) => pagesOf(ctx, k).length > 0);
  const body = html`<h2 id="handbook">Handbook</h2><ul>${docs.map((d) => html`<li><a href="${ctx.routes.url(d.route)}">${d.title}</a></li>`)}</ul><h2 id="definitions">Definitions</h2><ul>${sectionsList.map(([k, t]) => html`<li><a href="${ctx.routes.url(ctx.routes.sectionRoute(k))}">${t}</a></li>`)}</ul>`;
  return {
    route: "/",
    section: "Handbook",
    text: ctx.title,
    spec: {
      route: "/",
      title: ctx.title,
      body,
      toc: [
        { depth: 2, id: "handbook", text: "Handbook" },
        { depth: 2, id: "definitions", text: "Definitions" },
      ],
      breadcrumbs: [],
    },
  };
}

/** The search results page; search.js fills it from the index. */
export function searchPage(): Page {
  return {
    route: "/search/",
    section: "Search",
    text: "",
    spec: {
      route: "/search/",
      title: "Search",
      body: html`<ul class="search-page-results" id="search-page-results"><li>Searching needs JavaScript.</li></ul>`,
      breadcrumbs: [{ title: "Home", route: "/" }],
    },
  };
}
