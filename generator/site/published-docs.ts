/**
 * The docs a build will publish and their routes, told before any doc is
 * parsed: from paths and a look at each front matter for `draft`. A doc body's
 * links to other docs resolve against this list, so the workers can render
 * each doc right after parsing it and drop its tree at once (a cold build kept
 * 4,000 trees alive between the two steps, and the garbage collector paid for
 * it). The build compares the list with the one it derives from the parsed
 * workspace (`sameDocs`) and renders again if they differ.
 */
import { parse as parseYamlValue } from "yaml";
import { isRecord } from "../../core/model/model.js";
import type { DocInfo } from "./context.js";
import type { Routes } from "./routes.js";

/** A published doc as far as rendering other docs' bodies goes: its file and route. */
export type DocRoute = Pick<DocInfo, "file" | "route">;

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** Whether a doc's front matter says `draft: true`; undefined when it cannot be told without parsing. */
export function isDraft(text: string): boolean | undefined {
  const block = FRONT_MATTER.exec(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)?.[1];
  if (block === undefined || !block.includes("draft")) return false;
  try {
    const value: unknown = parseYamlValue(block);
    return isRecord(value) && value.draft === true;
  } catch {
    return undefined;
  }
}

/**
 * The published docs among `files` (Markdown ones, in workspace order), as
 * `createContext` will find them: drafts and files without a route left out,
 * and of two docs with one route the first. Undefined when a front matter
 * cannot be read without the parser.
 */
export function publishedDocs(
  docs: { file: string; text: string }[],
  routes: Routes,
): DocRoute[] | undefined {
  const found: DocRoute[] = [];
  const taken = new Set<string>();
  for (const { file, text } of docs) {
    const draft = isDraft(text);
    if (draft === undefined) return undefined;
    if (draft) continue;
    let route: string;
    try {
      route = routes.docRoute(file);
    } catch {
      continue;
    }
    if (taken.has(route)) continue;
    taken.add(route);
    found.push({ file, route });
  }
  return found;
}

/** Whether two lists name the same docs at the same routes. */
export function sameDocs(a: readonly DocRoute[], b: readonly DocRoute[]): boolean {
  if (a.length !== b.length) return false;
  const routes = new Map(a.map((d) => [d.file, d.route]));
  return b.every((d) => routes.get(d.file) === d.route);
}
