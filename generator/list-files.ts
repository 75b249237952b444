/**
 * Every file below a folder, as relative paths with `/`, without following
 * symbolic links: what a build's `out` holds, for the foreign-file check and
 * the up-to-date check.
 */
import { readdirSync } from "node:fs";
import path from "node:path";

/**
 * The files below `dir` (rejects when `dir` cannot be read). The folders are
 * read synchronously: a site is a folder per page, and thousands of
 * `readdirSync` calls take a fraction of the time of as many promises (this
 * listing was the slowest step of a warm build).
 */
export async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const files: string[] = [];
  const walk = (folder: string, rel: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      // Plain concatenation: the folder is already normalised, and path.join's normalising of
      // thousands of paths showed in the profile.
      if (entry.isDirectory()) walk(`${folder}${path.sep}${entry.name}`, name);
      else files.push(name);
    }
  };
  walk(path.resolve(dir), prefix);
  return files;
}
