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

export function searchIndex(
  routes: Routes,
  pages: readonly { route: string; title: string; section: string; text: string }[],
): string {
  const entries: SearchEntry[] = pages.map((p) => ({
    t: p.title,
    u: routes.url(p.route),
    s: p.section,
    x: p.text.replace(/\s+/g, " ").trim().slice(0, MAX_TEXT),
  }));
  return `${JSON.stringify(entries)}\n`;
}
