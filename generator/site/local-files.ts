/**
 * Images and other files a doc references by a relative path
 * (`![chart](img/funnel.png)`, `[the deck](files/q3.pdf)`): published under
 * `/_files/<workspace-relative path>` and copied into the site. Only regular
 * files inside the workspace are published (no `..` above the root, no
 * symbolic links, no dot files or folders, never a `.md` doc or the config);
 * every other reference is left as written.
 */
import { lstatSync } from "node:fs";
import path from "node:path";
import { safeSegment, UnsafePathError } from "./routes.js";

/** The folder published files live in, inside `out`. */
export const FILES_DIR = "_files";

const exists = new Map<string, boolean>();

/** Forgets what `isPublishable` learned about files (a new build, or a change in `serve`). */
export function forgetLocalFiles(): void {
  exists.clear();
}

function isRegularFile(root: string, rel: string): boolean {
  const key = path.join(root, rel);
  let known = exists.get(key);
  if (known === undefined) {
    try {
      known = lstatSync(key).isFile();
    } catch {
      known = false;
    }
    exists.set(key, known);
  }
  return known;
}

/**
 * The workspace-relative path of the file a relative reference in `file`
 * names, when it can be published; undefined otherwise.
 */
export function publishableFile(root: string, file: string, ref: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith("/") || ref.startsWith("#") || ref.startsWith("//"))
    return undefined;
  const bare = ref.split(/[?#]/, 1)[0] ?? "";
  if (bare === "" || /\.md$/i.test(bare)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(bare);
  } catch {
    return undefined;
  }
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), decoded));
  if (target.startsWith("../") || target === ".." || path.posix.isAbsolute(target)) return undefined;
  const segments = target.split("/");
  try {
    segments.forEach(safeSegment);
  } catch (error) {
    if (error instanceof UnsafePathError) return undefined;
    throw error;
  }
  if (segments.some((s) => s.startsWith(".")) || target === "revbook.yaml") return undefined;
  return isRegularFile(root, target) ? target : undefined;
}

/** The site route of a published file. */
export function fileRoute(target: string): string {
  return `/${FILES_DIR}/${target}`;
}
