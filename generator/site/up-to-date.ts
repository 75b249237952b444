/**
 * The warm build's shortcut: when nothing the site depends on changed since
 * the build that wrote `out` — the same revbook code, config, files (paths and
 * contents), base URL, day (`doc-stale` counts days), template assets and
 * last-modified dates — and `out` still holds exactly the files its manifest
 * lists, the build has nothing to do. The key is stored in the manifest
 * (`inputs`); the diagnostics of that build are kept in the cache under the
 * same key, so the lint gate and the summary stay exact without linting.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../../core/diagnostic.js";
import { CacheStore, cacheDir, cacheKey } from "./cache/cache-store.js";
import type { LastModified } from "./last-modified.js";
import { MANIFEST } from "./staging-dir.js";
import { listFiles } from "../list-files.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The key of everything a site build reads. */
export function siteInputsKey(parts: {
  /** `WorkspaceFiles.inputs`: config and files. */
  inputs: string;
  baseUrl: string;
  now: number;
  assets: readonly Uint8Array[];
  modified: ReadonlyMap<string, LastModified>;
}): string {
  return cacheKey(
    "site",
    parts.inputs,
    parts.baseUrl,
    String(Math.floor(parts.now / DAY_MS)),
    ...parts.assets,
    JSON.stringify([...parts.modified]),
  );
}

/** The diagnostics store (one entry per site key). */
export function lintStore(workspaceRoot: string): CacheStore {
  return new CacheStore(cacheDir(workspaceRoot), "lint");
}

/**
 * The previous build's files and diagnostics when `out` is that build of
 * exactly these inputs and still holds exactly its files; undefined otherwise.
 */
export async function upToDate(
  out: string,
  key: string,
  workspaceRoot: string,
): Promise<{ files: string[]; diagnostics: Diagnostic[] } | undefined> {
  let manifest: { inputs?: unknown; files?: unknown };
  try {
    manifest = JSON.parse(await fs.readFile(path.join(out, MANIFEST), "utf8")) as typeof manifest;
  } catch {
    return undefined;
  }
  if (manifest.inputs !== key || !Array.isArray(manifest.files)) return undefined;
  const files = manifest.files.filter((f): f is string => typeof f === "string");
  let present: string[];
  try {
    present = (await listFiles(out)).filter((f) => f !== MANIFEST).sort();
  } catch {
    return undefined;
  }
  if (present.length !== files.length || present.some((f, i) => f !== files[i])) return undefined;
  const diagnostics = await lintStore(workspaceRoot).get<Diagnostic[]>(key);
  return Array.isArray(diagnostics) ? { files, diagnostics } : undefined;
}
