/**
 * Writes a file so that readers never see half of it: write a temporary file
 * beside it, then rename over the target (a rename within a folder is atomic).
 * A symlinked target is written through the link, and the file keeps its mode.
 */
import { promises as fs } from "node:fs";
import path from "node:path";

export async function writeFileAtomic(file: string, text: string | Uint8Array): Promise<void> {
  let target = file;
  let mode: number | undefined;
  try {
    target = await fs.realpath(file);
    mode = (await fs.stat(target)).mode & 0o7777;
  } catch {
    // a new file: write it where asked, with the default mode
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, text, typeof text === "string" ? { encoding: "utf8", mode } : { mode });
    if (mode !== undefined) await fs.chmod(tmp, mode);
    await fs.rename(tmp, target);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}
