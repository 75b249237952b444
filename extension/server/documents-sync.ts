/**
 * The server's workspace state: finds the workspace (nearest `revbook.yaml`),
 * loads it with the engine, keeps open editor buffers overlaid on the files
 * read from disk, and turns document and file-watcher events into
 * `Workspace.update` / `remove` calls. Each call yields the files whose
 * diagnostics changed, which `diagnostics.ts` publishes.
 *
 * Workspace trust: nothing here (or anywhere in the server) runs workspace
 * code. Files are only read, parsed as YAML / Markdown and linted, so an
 * untrusted folder is safe to open.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import { CONFIG_FILE, type ConfigProblem, parseConfig } from "../../core/config.js";
import type { Diagnostic } from "../../core/diagnostic.js";
import {
  findWorkspaceRoot,
  listWorkspaceFiles,
  openWorkspace,
  WorkspaceError,
} from "../../core/load/read-workspace.js";
import { decodeText, type FileContent } from "../../core/load/source-file.js";
import { RULES } from "../../core/rules/index.js";
import { Workspace } from "../../core/workspace.js";
import { UriMapper } from "./positions.js";

/** The date `doc-stale` measures from: today, UTC, as `revbook lint` does by default. */
export function today(): number {
  const d = new Date();
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/** Why the workspace could not be loaded: `revbook.yaml` problems (1-based) or a plain message. */
export interface LoadError {
  message: string;
  problems: ConfigProblem[];
}

/** Finds the folder holding revbook.yaml: upwards from each folder, else the shallowest one below. */
export async function findRoot(folders: readonly string[]): Promise<string | undefined> {
  for (const folder of folders) {
    const up = await findWorkspaceRoot(folder).catch(() => undefined);
    if (up) return up;
  }
  for (const folder of folders) {
    const below = await fg(`**/${CONFIG_FILE}`, {
      cwd: folder,
      deep: 4,
      ignore: ["**/node_modules/**", "**/.*/**"],
      suppressErrors: true,
    });
    below.sort((a, b) => a.split("/").length - b.split("/").length || (a < b ? -1 : 1));
    if (below[0]) return path.dirname(path.join(folder, below[0]));
  }
  return undefined;
}

export class WorkspaceState {
  workspace: Workspace | undefined;
  loadError: LoadError | undefined;
  readonly uris: UriMapper;
  /** Texts of documents open in the editor, by workspace path. */
  readonly open = new Map<string, string>();

  constructor(readonly root: string) {
    this.uris = new UriMapper(root);
  }

  /**
   * (Re)loads everything from disk, then overlays open buffers. The config
   * comes from the open `revbook.yaml` buffer when there is one.
   */
  async reload(): Promise<void> {
    const configText = this.open.get(CONFIG_FILE);
    try {
      let workspace: Workspace;
      if (configText === undefined) {
        workspace = await openWorkspace(this.root, { now: today() });
      } else {
        const { config, problems } = parseConfig(
          configText,
          RULES.map((r) => r.meta),
        );
        if (!config || problems.length > 0) throw new WorkspaceError("revbook.yaml has problems", problems);
        workspace = new Workspace(this.root, config, RULES, { now: today() });
        for (const file of await listWorkspaceFiles(this.root, config)) {
          workspace.set(file, await readContent(path.join(this.root, file)));
        }
      }
      for (const [file, text] of this.open) {
        if (workspace.typeOf(file)) workspace.set(file, { text });
      }
      this.workspace = workspace;
      this.loadError = undefined;
    } catch (error) {
      this.workspace = undefined;
      this.loadError =
        error instanceof WorkspaceError
          ? { message: error.message, problems: error.problems }
          : { message: String(error), problems: [] };
    }
  }

  /** Whether a workspace path is linted (matched by the config's globs). */
  tracks(file: string): boolean {
    return this.workspace?.typeOf(file) !== undefined;
  }

  /** An editor buffer changed (or opened): re-lint it; returns changed diagnostics. */
  edit(file: string, text: string): Map<string, Diagnostic[]> | undefined {
    this.open.set(file, text);
    if (!this.workspace || !this.tracks(file)) return undefined;
    this.workspace.now = today();
    return this.workspace.update(file, text);
  }

  /** An editor closed a buffer: the file on disk is the truth again. */
  async close(file: string): Promise<Map<string, Diagnostic[]> | undefined> {
    this.open.delete(file);
    return this.syncFromDisk(file);
  }

  /** A file changed, appeared or disappeared on disk (ignored while the editor has it open). */
  async syncFromDisk(file: string): Promise<Map<string, Diagnostic[]> | undefined> {
    if (!this.workspace || this.open.has(file) || !this.tracks(file)) return undefined;
    const abs = path.join(this.root, file);
    const exists = await fs.stat(abs).then(
      (s) => s.isFile(),
      () => false,
    );
    this.workspace.now = today();
    if (!exists) return this.workspace.remove(file);
    const content = await readContent(abs);
    return "text" in content ? this.workspace.update(file, content.text) : undefined;
  }

  /** Text of a workspace file: the editor buffer, else the parsed source. */
  text(file: string): string | undefined {
    return this.open.get(file) ?? this.workspace?.source(file)?.text;
  }
}

async function readContent(file: string): Promise<FileContent> {
  try {
    return decodeText(await fs.readFile(file));
  } catch (error) {
    return {
      unreadable: `cannot read this file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    };
  }
}
