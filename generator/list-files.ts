/**
 * Every file below a folder, as relative paths with `/`, without following
 * symbolic links: what a build's `out` holds, for the foreign-file check and
 * the up-to-date check.
 */
import { promises as fs } from "node:fs";
import path from "node:path";

export async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  // A site is a folder per page: read sibling folders concurrently, not one await after another.
  const nested = await Promise.all(
    entries.map((entry) => {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? listFiles(path.join(dir, entry.name), rel) : [rel];
    }),
  );
  return nested.flat();
}
