/**
 * `revbook init [DIR]`: writes a small, valid starter workspace. It never
 * overwrites: if any file it would write exists, it writes nothing.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { STARTER_FILES } from "../starter-workspace.js";

export async function runInit(dir: string): Promise<number> {
  const root = path.resolve(dir);
  const existing: string[] = [];
  for (const file of Object.keys(STARTER_FILES)) {
    try {
      await fs.lstat(path.join(root, file));
      existing.push(file);
    } catch {
      // absent: good
    }
  }
  if (existing.length > 0) {
    process.stderr.write(
      `revbook init: not writing anything, these files already exist in ${root}:\n${existing.map((f) => `  ${f}\n`).join("")}` +
        "Choose an empty folder (revbook init DIR) or move them away.\n",
    );
    return 2;
  }
  for (const [file, text] of Object.entries(STARTER_FILES)) {
    const target = path.join(root, file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, text, { flag: "wx" });
    process.stdout.write(`  created ${path.relative(process.cwd(), target) || file}\n`);
  }
  process.stdout.write(
    `\nA starter workspace is ready. Next: revbook lint ${path.relative(process.cwd(), root) || "."}\n`,
  );
  return 0;
}
