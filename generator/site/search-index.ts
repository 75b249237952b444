/**
 * The full-text search index, built at build time: one entry per page with
 * its title, URL, section and plain text (trimmed). `handbook-template/search.js`
 * fetches it and searches in the browser; there is no search service.
 */
import type { Routes } from "./routes.js";

export interface SearchEntry {
  /** Title. */
  t: string;
  /** URL. */
  u: string;
  /** Section label. */
  s: string;
  /** Plain text, at most MAX_TEXT characters. */
  x: string;
}

export const MAX_TEXT = 4000;

/**
 * `text.replace(/\s+/g, " ").trim()`, about three times as fast: a run of whitespace that is a
 * single space already is left alone instead of replaced by one.
 */
export function collapseSpace(text: string): string {
  return text.replace(/ \s+|[^\S ]\s*/g, " ").trim();
}

/**
 * A page's text as the index keeps it: whitespace collapsed, at most MAX_TEXT characters,
 * trimmed (also where the cut fell). Collapsing never lengthens a text, so once a prefix
 * collapses to more than MAX_TEXT characters, its first MAX_TEXT are the whole text's: a long
 * doc's text (some are a hundred times that) is not collapsed in full for the 4,000 kept.
 */
export function searchText(text: string): string {
  for (let end = MAX_TEXT * 2; ; end *= 4) {
    const part = text.length <= end ? text : text.slice(0, end);
    const collapsed = collapseSpace(part);
    if (part === text || collapsed.length > MAX_TEXT) return collapsed.slice(0, MAX_TEXT).trimEnd();
  }
}

/** The index of the pages, whose texts are already as `searchText` gives them (`renderPlan`). */
export function searchIndex(
  routes: Routes,
  pages: readonly { route: string; title: string; section: string; text: string }[],
): string {
  const entries: SearchEntry[] = pages.map((p) => ({
    t: p.title,
    u: routes.url(p.route),
    s: p.section,
    x: p.text,
  }));
  return `${JSON.stringify(entries)}\n`;
}
