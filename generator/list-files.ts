/**
 * Every file below a folder, as relative paths with `/`, without following
 * symbolic links: what a build's `out` holds, for the foreign-file check and
 * the up-to-date check.
 */
import { promises as fs } from "node:fs";
import path from "node:path";

export async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}
