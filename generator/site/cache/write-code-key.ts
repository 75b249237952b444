/**
 * Build step (`npm run build`, last): hashes revbook's compiled code once and
 * writes the stamp code-key.ts reads, so that a run does not hash it again.
 * Runs after every other step that writes into dist/ (the generated
 * validators are part of the code).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { currentStamp, stampFile } from "./code-key.js";

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const stamp = currentStamp();
  writeFileSync(stampFile(), `${JSON.stringify(stamp)}\n`);
  process.stdout.write(
    `revbook code key ${stamp.key.slice(0, 12)} → ${path.relative(process.cwd(), stampFile())}\n`,
  );
}
