/**
 * revbook's code key: its version and a SHA-256 of its compiled code (every
 * `.js` and generated `.cjs` under `dist/core/` and `dist/generator/`), part of
 * every cache key so that a new build of revbook never reads an old build's
 * entries. Hashing the code on every run costs a warm build its reads, so
 * `npm run build` hashes it once (write-code-key.ts) into a stamp beside this
 * module. The stamp also records this module's modification time: a plain
 * `tsc` run rewrites every compiled file, this one included, and a stamp
 * that no longer matches is ignored (the code is hashed as before).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { VERSION } from "../../version.js";

/** The stamp's file name, beside this module. */
export const CODE_KEY_STAMP = "code-key.json";

/** What the stamp holds. */
export interface CodeKeyStamp {
  key: string;
  /** `mtimeMs` of this module when the stamp was written. */
  moduleMtimeMs: number;
}

const THIS_FILE = fileURLToPath(import.meta.url);
/** dist/ when compiled (dist/generator/site/cache/ → three levels up). */
const DIST_ROOT = path.resolve(path.dirname(THIS_FILE), "../../..");

/** Hashes `version` and the compiled code under `root` (its `core/` and `generator/`), in a stable order. */
export function hashCode(root: string, version: string = VERSION): string {
  const hash = createHash("sha256").update(version);
  const walk = (dir: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".js") || name.endsWith(".cjs")) hash.update(name).update(readFileSync(full));
    }
  };
  walk(path.join(root, "core"));
  walk(path.join(root, "generator"));
  return hash.digest("hex");
}

/** The compiled code's root (dist/). */
export function distRoot(): string {
  return DIST_ROOT;
}

/** The stamp for the code as it is now. */
export function currentStamp(): CodeKeyStamp {
  return { key: hashCode(DIST_ROOT), moduleMtimeMs: statSync(THIS_FILE).mtimeMs };
}

/** Where the stamp is. */
export function stampFile(): string {
  return path.join(path.dirname(THIS_FILE), CODE_KEY_STAMP);
}

/** The stamped key, if the stamp exists and still belongs to the compiled code (`module`: this one). */
export function stampedKey(file: string = stampFile(), module: string = THIS_FILE): string | undefined {
  try {
    const stamp = JSON.parse(readFileSync(file, "utf8")) as Partial<CodeKeyStamp>;
    if (typeof stamp.key !== "string" || stamp.moduleMtimeMs !== statSync(module).mtimeMs) return undefined;
    return stamp.key;
  } catch {
    return undefined;
  }
}

let codeKey: string | undefined;

/** revbook's code key: from the build's stamp, or hashed now when there is no valid stamp. */
export function revbookCodeKey(): string {
  codeKey ??= stampedKey() ?? hashCode(DIST_ROOT);
  return codeKey;
}
