/**
 * The server's workspace state: finds the workspace (nearest `revbook.yaml`),
 * loads it with the engine (with the editor's rule-severity overrides on top
 * of revbook.yaml), keeps open editor buffers overlaid on the files read from
 * disk, and turns document and file-watcher events into `Workspace.update` /
 * `remove` calls. Edits only mark files dirty; `flush` re-lints them in one
 * go (the publisher throttles it) and yields the files whose diagnostics
 * changed, which `diagnostics.ts` publishes.
 *
 * Workspace trust: nothing here (or anywhere in the server) runs workspace
 * code. Files are only read, parsed as YAML / Markdown and linted, so an
 * untrusted folder is safe to open.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import { CONFIG_FILE, type Config, type ConfigProblem, parseConfig } from "../../core/config.js";
import type { Diagnostic } from "../../core/diagnostic.js";
import { findWorkspaceRoot, listWorkspaceFiles, readContent } from "../../core/load/read-workspace.js";
import type { FileContent } from "../../core/load/source-file.js";
import { type RuleOverrides, withRuleOverrides } from "../../core/rule-overrides.js";
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

export type ChangedDiagnostics = Map<string, Diagnostic[]>;

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

const exists = (file: string): Promise<boolean> =>
  fs.stat(file).then(
    (s) => s.isFile(),
    () => false,
  );

/** Merges changed-diagnostics maps; later maps win for a file both name. */
function merge(...maps: (ChangedDiagnostics | undefined)[]): ChangedDiagnostics | undefined {
  const present = maps.filter((m): m is ChangedDiagnostics => m !== undefined);
  if (present.length <= 1) return present[0];
  const out: ChangedDiagnostics = new Map();
  for (const m of present) for (const [file, list] of m) out.set(file, list);
  return out;
}

export class WorkspaceState {
  workspace: Workspace | undefined;
  loadError: LoadError | undefined;
  /** True when the last reload found no revbook.yaml (deleted): the server then goes idle. */
  configMissing = false;
  readonly uris: UriMapper;
  /** Texts of documents open in the editor, by workspace path. */
  readonly open = new Map<string, string>();
  /** Rule severities from the editor's settings, applied on top of revbook.yaml. */
  overrides: RuleOverrides = {};
  /** revbook.yaml as parsed, before the overrides. */
  private baseConfig: Config | undefined;
  /** Open files edited since the last lint. */
  private readonly dirty = new Set<string>();

  constructor(readonly root: string) {
    this.uris = new UriMapper(root);
  }

  /**
   * (Re)loads everything from disk, then overlays open buffers. The config
   * comes from the open `revbook.yaml` buffer when there is one.
   */
  async reload(): Promise<void> {
    this.dirty.clear();
    let text = this.open.get(CONFIG_FILE);
    const configPath = path.join(this.root, CONFIG_FILE);
    this.configMissing = false;
    if (text === undefined) {
      if (!(await exists(configPath))) {
        this.fail({ message: `no ${CONFIG_FILE} in ${this.root}`, problems: [] });
        this.configMissing = true;
        return;
      }
      const content = await readContent(configPath);
      if ("unreadable" in content) {
        this.fail({ message: `${CONFIG_FILE}: ${content.unreadable}`, problems: [] });
        return;
      }
      text = content.text;
    }
    const { config, problems } = parseConfig(
      text,
      RULES.map((r) => r.meta),
    );
    if (!config || problems.length > 0) {
      this.fail({ message: `${CONFIG_FILE} has problems`, problems });
      return;
    }
    try {
      const workspace = new Workspace(this.root, withRuleOverrides(config, this.overrides), RULES, {
        now: today(),
      });
      const files = await listWorkspaceFiles(this.root, config);
      for (let i = 0; i < files.length; i += 64) {
        const slice = files.slice(i, i + 64);
        const contents: FileContent[] = await Promise.all(
          slice.map((f) => readContent(path.join(this.root, f))),
        );
        slice.forEach((f, j) => {
          workspace.set(f, contents[j] as FileContent);
        });
      }
      for (const [file, openText] of this.open) {
        if (workspace.typeOf(file)) workspace.set(file, { text: openText });
      }
      this.workspace = workspace;
      this.baseConfig = config;
      this.loadError = undefined;
    } catch (error) {
      this.fail({ message: String(error), problems: [] });
    }
  }

  private fail(error: LoadError): void {
    this.workspace = undefined;
    this.baseConfig = undefined;
    this.loadError = error;
  }

  /**
   * New editor overrides: the loaded files are kept (no disk access), only the
   * config changes, so the next `lint()` applies the new severities.
   */
  setOverrides(overrides: RuleOverrides): void {
    this.overrides = overrides;
    const old = this.workspace;
    if (!old || !this.baseConfig) return;
    this.flush();
    const workspace = new Workspace(this.root, withRuleOverrides(this.baseConfig, overrides), RULES, {
      now: today(),
    });
    for (const file of old.files()) {
      const source = old.source(file);
      if (source) workspace.setSource(source);
    }
    this.workspace = workspace;
  }

  /** Whether a workspace path is linted (matched by the config's globs). */
  tracks(file: string): boolean {
    return this.workspace?.typeOf(file) !== undefined;
  }

  /** An editor buffer changed (or opened): remembered and marked for the next `flush`. */
  edit(file: string, text: string): boolean {
    this.open.set(file, text);
    if (!this.workspace || !this.tracks(file)) return false;
    this.dirty.add(file);
    return true;
  }

  /** Whether edits wait for `flush`. */
  get pending(): boolean {
    return this.dirty.size > 0;
  }

  /** Whether edits of files other than `file` wait for `flush`. */
  pendingOtherThan(file: string | undefined): boolean {
    for (const f of this.dirty) if (f !== file) return true;
    return false;
  }

  /** Re-lints the files edited since the last flush; returns the files whose diagnostics changed. */
  flush(): ChangedDiagnostics | undefined {
    const ws = this.workspace;
    if (!ws || this.dirty.size === 0) return undefined;
    const files = [...this.dirty].filter((f) => this.open.has(f));
    this.dirty.clear();
    ws.now = today();
    // One `update` per file (usually one: the file being typed in); each returns complete lists.
    return merge(...files.map((file) => ws.update(file, this.open.get(file) as string)));
  }

  /** An editor closed a buffer: the file on disk is the truth again. */
  async close(file: string): Promise<ChangedDiagnostics | undefined> {
    const pending = this.flush();
    this.open.delete(file);
    return merge(pending, await this.syncFromDisk(file));
  }

  /** A file changed, appeared or disappeared on disk (ignored while the editor has it open). */
  async syncFromDisk(file: string): Promise<ChangedDiagnostics | undefined> {
    if (!this.workspace || this.open.has(file) || !this.tracks(file)) return undefined;
    const pending = this.flush();
    const abs = path.join(this.root, file);
    this.workspace.now = today();
    if (!(await exists(abs))) return merge(pending, this.workspace.remove(file));
    const content = await readContent(abs);
    return merge(pending, "text" in content ? this.workspace.update(file, content.text) : undefined);
  }

  /** Text of a workspace file: the editor buffer, else the parsed source. */
  text(file: string): string | undefined {
    return this.open.get(file) ?? this.workspace?.source(file)?.text;
  }
}
