/** The fixture workspace, copied to a temporary folder for each run: the suites never touch the repository. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "./install.js";

export const FIXTURE = path.join(REPO_ROOT, "test/editor/fixtures/workspace");

/** A fresh copy of the fixture at `<root>/workspace`; `root` is a new temporary folder for one editor run. */
export async function tempWorkspaceCopy(label: string): Promise<{ root: string; workspace: string }> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), `revbook-editor-${label}-`));
  const workspace = path.join(root, "workspace");
  await fs.cp(FIXTURE, workspace, { recursive: true });
  return { root, workspace };
}
