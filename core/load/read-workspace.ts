/**
 * The file-system edge of loading: finds `revbook.yaml` upwards, reads and
 * validates it, globs the definition and doc files and reads them. Everything
 * after this is pure (core/workspace.ts).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import { CONFIG_FILE, type Config, parseConfig } from "../config.js";
import { RULES } from "../rules/index.js";
import type { Rule } from "../rules/rule.js";
import { Workspace, type WorkspaceLintOptions } from "../workspace.js";
import { decodeText, type FileContent } from "./source-file.js";
import { WorkspaceError } from "./workspace-error.js";

export { WorkspaceError };

/** Walks up from `start` to the folder that holds revbook.yaml. */
export async function findWorkspaceRoot(start: string): Promise<string | undefined> {
  let dir = path.resolve(start);
  for (;;) {
    try {
      const stat = await fs.stat(path.join(dir, CONFIG_FILE));
      if (stat.isFile()) return dir;
    } catch {
      // not here; keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export async function readConfig(root: string, rules: readonly Rule[] = RULES): Promise<Config> {
  const file = path.join(root, CONFIG_FILE);
  let text: string;
  try {
    const content = decodeText(await fs.readFile(file));
    if ("unreadable" in content) throw new WorkspaceError(`${file}: ${content.unreadable}`);
    text = content.text;
  } catch (error) {
    if (error instanceof WorkspaceError) throw error;
    throw new WorkspaceError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  const { config, problems } = parseConfig(
    text,
    rules.map((r) => r.meta),
  );
  if (!config || problems.length > 0) {
    throw new WorkspaceError(
      "revbook.yaml has problems",
      problems,
      path.relative(process.cwd(), file) || CONFIG_FILE,
    );
  }
  return config;
}

/** Lists the workspace's files (relative, `/`-separated, sorted) matched by the config's globs. */
export async function listWorkspaceFiles(root: string, config: Config): Promise<string[]> {
  const out = config.out.replace(/^\.\/+/, "").replace(/\/+$/, "");
  const entries = await fg([...config.definitions, ...config.docs], {
    cwd: root,
    dot: false,
    onlyFiles: true,
    followSymbolicLinks: false,
    unique: true,
    suppressErrors: true,
    ignore: [`${out}/**`, ".revbook/**", "**/node_modules/**", "**/.*/**"],
  });
  return entries.sort();
}

/** Reads one file as the loader does: UTF-8 text, or why it cannot be read. */
export async function readContent(file: string): Promise<FileContent> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return { unreadable: "not a regular file" };
    return decodeText(await fs.readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reasons: Record<string, string> = {
      ELOOP: "cannot read this file: it is a symbolic link loop",
      EACCES: "cannot read this file: permission denied",
      ENOENT: "cannot read this file: it is a broken symbolic link",
    };
    return { unreadable: reasons[code ?? ""] ?? `cannot read this file (${code ?? String(error)})` };
  }
}

export interface OpenOptions extends WorkspaceLintOptions {
  rules?: readonly Rule[];
  /** Called as files are read, for progress output. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Finds the workspace above `start`, reads its config and lists its files: an
 * empty Workspace and the files to load into it (`openWorkspace` reads and
 * parses them; the site build restores them from its cache). Throws
 * WorkspaceError for a missing folder or a missing or invalid config.
 */
export async function locateWorkspace(
  start: string,
  options: OpenOptions = {},
): Promise<{ workspace: Workspace; files: string[] }> {
  try {
    const stat = await fs.stat(start);
    if (!stat.isDirectory()) throw new WorkspaceError(`${start} is not a folder`);
  } catch (error) {
    if (error instanceof WorkspaceError) throw error;
    throw new WorkspaceError(
      `cannot read folder ${start}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  const root = await findWorkspaceRoot(start);
  if (!root) {
    throw new WorkspaceError(
      `no ${CONFIG_FILE} found in ${path.resolve(start)} or any folder above it; run \`revbook init\` to create a workspace`,
    );
  }
  const rules = options.rules ?? RULES;
  const config = await readConfig(root, rules);
  const workspace = new Workspace(root, config, rules, options);
  return { workspace, files: await listWorkspaceFiles(root, config) };
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
