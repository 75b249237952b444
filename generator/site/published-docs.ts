/**
 * The docs a build will publish and their routes, told before any doc is
 * parsed: from paths and a look at each front matter for `draft`. A doc body's
 * links to other docs resolve against this list, so the workers can render
 * each doc right after parsing it and drop its tree at once (a cold build kept
 * 4,000 trees alive between the two steps, and the garbage collector paid for
 * it). The build compares the list with the one it derives from the parsed
 * workspace (`sameDocs`) and renders again if they differ.
 */
import { parseYaml } from "../../core/load/yaml-source.js";
import { isRecord } from "../../core/model/model.js";
import { LineIndex } from "../../core/position.js";
import type { DocInfo } from "./context.js";
import type { Routes } from "./routes.js";

/** A published doc as far as rendering other docs' bodies goes: its file and route. */
export type DocRoute = Pick<DocInfo, "file" | "route">;

const FENCE = /^---[ \t]*$/;

/**
 * The YAML between a doc's front matter fences, found as the Markdown parser finds it
 * (markdown-parser.ts `frontMatterRule`: a `---` line first, up to the next `---` line, line
 * breaks normalized); undefined without front matter.
 */
export function frontMatterBlock(text: string): string | undefined {
  let t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!t.startsWith("---")) return undefined;
  if (t.includes("\r")) t = t.replace(/\r\n?/g, "\n");
  const first = t.indexOf("\n");
  if (first < 0 || !FENCE.test(t.slice(0, first))) return undefined;
  const start = first + 1;
  for (let line = start; line < t.length;) {
    const next = t.indexOf("\n", line);
    const end = next < 0 ? t.length : next;
    if (FENCE.test(t.slice(line, end))) return line === start ? "" : t.slice(start, line - 1);
    line = end + 1;
  }
  return undefined;
}

/** Whether a doc's front matter says `draft: true`; undefined when it cannot be told without parsing. */
export function isDraft(text: string): boolean | undefined {
  const block = frontMatterBlock(text);
  if (block === undefined || !block.includes("draft")) return false;
  try {
    // The YAML loader the parser reads front matter with (so `draft: [` is no draft to either).
    const value = parseYaml(block, "", new LineIndex(block)).documents[0]?.value;
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
