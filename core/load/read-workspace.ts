/**
 * The file-system edge of loading: finds `revbook.yaml` upwards, reads and
 * validates it, globs the definition and doc files (locate-workspace.ts) and
 * reads them into a Workspace. Everything after this is pure (core/workspace.ts).
 */
import path from "node:path";
import type { Rule } from "../rules/rule.js";
import { Workspace, type WorkspaceLintOptions } from "../workspace.js";
import type { FileContent } from "./file-content.js";
import { locateWorkspaceFiles, readContent } from "./locate-workspace.js";

export {
  findWorkspaceRoot,
  listWorkspaceFiles,
  locateWorkspaceFiles,
  readConfig,
  readContent,
} from "./locate-workspace.js";
export { WorkspaceError } from "./workspace-error.js";

export interface OpenOptions extends WorkspaceLintOptions {
  rules?: readonly Rule[];
  /** Called as files are read, for progress output. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Finds the workspace above `start`, reads its config and lists its files: an
 * empty Workspace and the files to load into it (`openWorkspace` reads and
 * parses them). Throws WorkspaceError for a missing folder or a missing or
 * invalid config.
 */
export async function locateWorkspace(
  start: string,
  options: OpenOptions = {},
): Promise<{ workspace: Workspace; files: string[] }> {
  const { root, config, rules, files } = await locateWorkspaceFiles(start, options);
  return { workspace: new Workspace(root, config, rules, options), files };
}

/** Finds, reads and parses a workspace from disk. Throws WorkspaceError for a missing or invalid config. */
export async function openWorkspace(start: string, options: OpenOptions = {}): Promise<Workspace> {
  const { workspace, files } = await locateWorkspace(start, options);
  const root = workspace.root;
  let done = 0;
  const batch = 64;
  for (let i = 0; i < files.length; i += batch) {
    const slice = files.slice(i, i + batch);
    const contents = await Promise.all(slice.map((f) => readContent(path.join(root, f))));
    slice.forEach((f, j) => {
      workspace.set(f, contents[j] as FileContent);
    });
    done += slice.length;
    options.onProgress?.(done, files.length);
  }
  return workspace;
}
