/**
 * Relative links between process docs (FORMAT.md §4): which link texts are
 * relative file links at all (not `KIND:ID`, not `https:`/`mailto:`, not
 * site-absolute `/…`), their path and `#anchor` parts, and how they resolve
 * against the linking doc's folder to a workspace-relative path. Pure.
 */
import path from "node:path";

export type LinkTarget =
  /** Nothing to check: empty, a scheme (`https:`, `mailto:`, `stage:`…), protocol-relative or site-absolute. */
  | { type: "other" }
  /** `#anchor` on the same page (`anchor` decoded, possibly empty). */
  | { type: "anchor"; anchor: string }
  /** A file path relative to the linking doc, with an optional `#anchor` (both decoded). */
  | { type: "relative"; path: string; anchor?: string; rawPath: string; rest: string };

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Splits a link URL into what the linter checks. */
export function classifyLink(url: string): LinkTarget {
  const trimmed = url.trim();
  if (trimmed === "" || SCHEME.test(trimmed) || trimmed.startsWith("/")) return { type: "other" };
  const hash = trimmed.indexOf("#");
  const beforeHash = hash < 0 ? trimmed : trimmed.slice(0, hash);
  const anchor = hash < 0 ? undefined : decode(trimmed.slice(hash + 1));
  const query = beforeHash.indexOf("?");
  const rawPath = query < 0 ? beforeHash : beforeHash.slice(0, query);
  if (rawPath === "") return anchor === undefined ? { type: "other" } : { type: "anchor", anchor };
  return { type: "relative", path: decode(rawPath), anchor, rawPath, rest: trimmed.slice(rawPath.length) };
}

/** The workspace-relative path a relative link from `fromFile` names, or undefined when it leaves the workspace. */
export function resolveRelative(fromFile: string, linkPath: string): string | undefined {
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), linkPath));
  if (joined === ".." || joined.startsWith("../") || path.posix.isAbsolute(joined)) return undefined;
  return joined.replace(/\/$/, "");
}

/** A link from `fromFile` to `toFile`, written like `like` (`./x.md` stays `./…`). */
export function relativeLink(fromFile: string, toFile: string, like = ""): string {
  const rel = path.posix.relative(path.posix.dirname(fromFile), toFile);
  return like.startsWith("./") && !rel.startsWith("../") ? `./${rel}` : rel;
}
