/**
 * The safety checks of a build's output folder: `out` must not be the
 * workspace or a folder above it, must not be inside the definitions or docs,
 * must not hold workspace sources, and must not hold files revbook did not
 * write (unless `--overwrite`). A failed check is a `BuildRefusal` (exit 2).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Config } from "../../core/config.js";
import { listFiles } from "../list-files.js";
import { globBase } from "./routes.js";
import { MANIFEST } from "./staging-dir.js";

/** A refusal with exit code 2: the message names the problem and the fix. */
export class BuildRefusal extends Error {}

function isWithin(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** The real path of `file`: symbolic links in its existing ancestors resolved. */
async function realish(file: string): Promise<string> {
  const rest: string[] = [];
  let current = path.resolve(file);
  for (;;) {
    try {
      return path.join(await fs.realpath(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return path.resolve(file);
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/** Refuses an `out` that would overwrite or delete the workspace, its sources, or files revbook did not write. */
export async function checkOut(
  /** The workspace (its root and config); a located one will do, nothing needs to be parsed. */
  workspace: { root: string; config: Config },
  givenOut: string,
  overwrite: boolean,
  /** The workspace's files. */
  sources: readonly string[],
): Promise<void> {
  const root = await realish(workspace.root);
  const out = await realish(givenOut);
  if (isWithin(out, root)) {
    throw new BuildRefusal(
      `refusing to build into ${out}: it is the workspace root or a folder above it; choose a separate folder, e.g. --out public`,
    );
  }
  if (isWithin(root, out)) {
    const rel = path.relative(root, out).split(path.sep).join("/");
    for (const glob of [...workspace.config.definitions, ...workspace.config.docs]) {
      const base = globBase(glob);
      if (base && (rel === base || rel.startsWith(`${base}/`))) {
        throw new BuildRefusal(
          `refusing to build into ${out}: it is inside the definitions/docs folder ${base}/ (glob ${glob}); choose a folder outside it, e.g. --out public`,
        );
      }
    }
    const source = sources.find((f) => f === rel || f.startsWith(`${rel}/`));
    if (source) {
      throw new BuildRefusal(
        `refusing to build into ${out}: it holds workspace source ${source}; choose another folder`,
      );
    }
  }
  let stat: import("node:fs").Stats;
  try {
    stat = await fs.lstat(givenOut);
  } catch {
    return;
  }
  if (!stat.isDirectory()) {
    throw new BuildRefusal(
      `refusing to build into ${out}: it exists and is not a folder; remove it or choose another --out`,
    );
  }
  if (overwrite) return;
  let previous = new Set<string>();
  try {
    const manifest = JSON.parse(await fs.readFile(path.join(givenOut, MANIFEST), "utf8")) as {
      files?: unknown;
    };
    if (Array.isArray(manifest.files))
      previous = new Set(manifest.files.filter((f): f is string => typeof f === "string"));
  } catch {
    // no (readable) manifest: every file counts as foreign
  }
  const foreign = (await listFiles(givenOut)).filter((f) => f !== MANIFEST && !previous.has(f));
  if (foreign.length > 0) {
    const shown =
      foreign.slice(0, 5).join(", ") + (foreign.length > 5 ? ` and ${foreign.length - 5} more` : "");
    throw new BuildRefusal(
      `refusing to replace ${out}: it holds files revbook did not write (${shown}); move them away, choose another --out, or pass --overwrite`,
    );
  }
}
