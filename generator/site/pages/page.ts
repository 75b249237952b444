/**
 * What a page renderer returns: its route, the layout input, and the plain
 * text the search index gets. Also the breadcrumbs shared by definition pages.
 */
import type { Kind } from "../../../core/model/kinds.js";
import type { SiteContext } from "../context.js";
import { type Html, html } from "../html.js";
import type { Crumb, PageSpec } from "../layout.js";
import type { TocEntry } from "../markdown-to-html.js";
import { SECTION_TITLES } from "../routes.js";

export interface Page {
  route: string;
  spec: PageSpec;
  /** Plain text for the search index. */
  text: string;
  /** Section label shown next to search results ("Stage", "Handbook"…). */
  section: string;
}

export function sectionTitle(kind: Exclude<Kind, "Property">): string {
  return SECTION_TITLES.find(([k]) => k === kind)?.[1] ?? kind;
}

/** Home › Section, for a definition page. */
export function definitionCrumbs(ctx: SiteContext, kind: Exclude<Kind, "Property">): Crumb[] {
  return [
    { title: "Home", route: "/" },
    { title: sectionTitle(kind), route: ctx.routes.sectionRoute(kind) },
  ];
}

/** Strips tags for the search index. */
export function plainText(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, " ")
    .replace(/&[a-z#0-9]+;/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Page sections as `<section><h2 id>`, with their TOC entries; empty sections are left out. */
export function sections(list: readonly [id: string, title: string, body: Html | undefined][]): {
  body: Html;
  toc: TocEntry[];
} {
  const shown = list.filter(([, , body]) => body !== undefined && body.value !== "");
  return {
    body: html`${shown.map(([id, title, body]) => html`<section><h2 id="${id}">${title}</h2>${body}</section>`)}`,
    toc: shown.map(([id, title]) => ({ depth: 2, id, text: title })),
  };
}
