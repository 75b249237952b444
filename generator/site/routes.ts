/**
 * Stable URLs of the handbook site. A route is a site-relative path that starts
 * and ends with `/` (`/stages/mql/`); a URL is the route under `baseUrl`
 * (`/revops-handbook/stages/mql/`); a file is where the route's page is written
 * inside `out` (`stages/mql/index.html`). Definition pages live under one folder
 * per kind; docs live at their path relative to the docs glob base, without `.md`
 * (`handbook/sales/lead-routing.md` → `/sales/lead-routing/`); a folder's `index.md`
 * or `_index.md` (Hugo's section page) is the folder's page. Every segment is
 * checked, so no id or path can name a file outside `out`.
 */
import path from "node:path";
import picomatch from "picomatch";
import type { Kind } from "../../core/model/kinds.js";

/** The folder each kind's pages live in (properties live on their object's page). */
export const KIND_SECTIONS: Record<Exclude<Kind, "Property">, string> = {
  Pipeline: "pipelines",
  Stage: "stages",
  Trigger: "triggers",
  Object: "objects",
  ScoringModel: "scoring",
  CommandPlan: "plans",
  Team: "teams",
  Metric: "metrics",
  Event: "events",
};

/** Section titles in the order the navigation shows them. */
export const SECTION_TITLES: [Exclude<Kind, "Property">, string][] = [
  ["Pipeline", "Pipelines"],
  ["Stage", "Stages"],
  ["Trigger", "Triggers"],
  ["ScoringModel", "Scoring"],
  ["CommandPlan", "Command plans"],
  ["Object", "Objects"],
  ["Metric", "Metrics"],
  ["Team", "Teams"],
  ["Event", "Events"],
];

/** Thrown when an id or path would leave the output folder. */
export class UnsafePathError extends Error {}

/** A route segment: anything but empty, `.` and `..`, and no separators or control characters. */
export function safeSegment(segment: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (segment === "" || segment === "." || segment === ".." || /[/\\\u0000-\u001f]/.test(segment)) {
    throw new UnsafePathError(`unsafe path segment ${JSON.stringify(segment)}`);
  }
  return segment;
}

/** Normalises `baseUrl` to start and end with `/` (an absolute http(s) URL is kept, with a trailing `/`). */
export function normaliseBaseUrl(baseUrl: string): string {
  if (/^https?:\/\/[^\s"'<>]+$/i.test(baseUrl.trim())) return baseUrl.trim().replace(/\/*$/, "/");
  const trimmed = baseUrl.trim().replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

/** The static folder of a glob (`handbook/**\/*.md` → `handbook`), "" when it has none. */
export function globBase(glob: string): string {
  const base = picomatch.scan(glob).base;
  return base === "." ? "" : base.replace(/^\.\/+/, "").replace(/\/+$/, "");
}

/** `index` and Hugo's `_index`: a folder's own page. */
function isIndexName(segment: string | undefined): boolean {
  const lower = segment?.toLowerCase();
  return lower === "index" || lower === "_index";
}

export class Routes {
  readonly baseUrl: string;
  private readonly docBases: string[];

  constructor(baseUrl: string, docGlobs: readonly string[]) {
    this.baseUrl = normaliseBaseUrl(baseUrl);
    // Longest base first, so `handbook/sales/**` wins over `handbook/**` for its files.
    this.docBases = docGlobs.map(globBase).sort((a, b) => b.length - a.length);
  }

  /** The URL of a route (or of a route with a `#fragment`). */
  url(route: string): string {
    const [pathPart = "/", fragment] = route.split("#", 2);
    const encoded = pathPart
      .split("/")
      .map((s) => encodeURIComponent(s))
      .join("/");
    const joined = `${this.baseUrl}${encoded.replace(/^\//, "")}`;
    return fragment === undefined ? joined : `${joined}#${encodeURIComponent(fragment)}`;
  }

  sectionRoute(kind: Exclude<Kind, "Property">): string {
    return `/${KIND_SECTIONS[kind]}/`;
  }

  /** Route of a definition's page; a property is an anchor on its object's page. */
  definitionRoute(kind: Kind, id: string, objectId?: string): string {
    if (kind === "Property") {
      const object = objectId ?? id.split(".")[0] ?? id;
      const prop = id.startsWith(`${object}.`) ? id.slice(object.length + 1) : id;
      return `/objects/${safeSegment(object)}/#${propertyAnchor(prop)}`;
    }
    return `/${KIND_SECTIONS[kind]}/${safeSegment(id)}/`;
  }

  /** Route of a doc, by its workspace-relative path. */
  docRoute(file: string): string {
    const posix = file.split(path.sep).join("/");
    const base = this.docBases.find((b) => b === "" || posix.startsWith(`${b}/`)) ?? "";
    const rel = (base ? posix.slice(base.length + 1) : posix).replace(/\.md$/i, "");
    const segments = rel.split("/").map(safeSegment);
    if (isIndexName(segments.at(-1))) segments.pop();
    return segments.length === 0 ? "/" : `/${segments.join("/")}/`;
  }

  /** Route of a front matter alias (`sales/old-routing.md` or `/sales/old-routing/`). */
  aliasRoute(alias: string): string | undefined {
    const clean = alias.trim().replace(/^\/+/, "").replace(/\/+$/, "");
    if (!clean || /[\s"'<>]/.test(clean)) return undefined;
    try {
      const segments = clean.replace(/\.md$/i, "").split("/").map(safeSegment);
      if (isIndexName(segments.at(-1))) segments.pop();
      return segments.length === 0 ? "/" : `/${segments.join("/")}/`;
    } catch {
      return undefined;
    }
  }
}

/** The anchor of a property row on its object's page. */
export function propertyAnchor(propertyId: string): string {
  return `prop-${propertyId}`;
}

/**
 * The file a route is written to, relative to `out` (`/stages/mql/` →
 * `stages/mql/index.html`); refuses anything that would not stay inside `out`.
 */
export function routeFile(route: string): string {
  const clean = route.split("#")[0] ?? "";
  if (!clean.startsWith("/")) throw new UnsafePathError(`route must start with /: ${route}`);
  const segments = clean.split("/").filter((s) => s !== "");
  return [...segments.map(safeSegment), "index.html"].join("/");
}

/** Joins a relative output path onto `out`, refusing anything that resolves outside it. */
export function insideOut(out: string, relative: string): string {
  const target = path.resolve(out, relative);
  const rel = path.relative(out, target);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) {
    throw new UnsafePathError(`${relative} would be written outside the output folder`);
  }
  return target;
}
