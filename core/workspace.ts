/**
 * A workspace in memory: its config, every parsed file, the resolved model and
 * the diagnostics. The CLI loads it once; the language server keeps it and
 * calls `update` / `remove` on every edit, getting back only the files whose
 * diagnostics changed. No file-system access here (see load/read-workspace.ts).
 */
import picomatch from "picomatch";
import type { Config } from "./config.js";
import { type Diagnostic, diagnosticKey } from "./diagnostic.js";
import { LintState } from "./lint/lint-state.js";
import { type FileContent, parseSourceFile, type SourceFile } from "./load/source-file.js";
import { Model, type ModelChange } from "./model/model.js";
import { RULES } from "./rules/index.js";
import type { Rule } from "./rules/rule.js";

export interface WorkspaceLintOptions {
  /** UTC milliseconds `doc-stale` measures from; default: now. */
  now?: number;
  /** Keep each doc's mdast tree (the site renders it); linting alone does not need it. Default true. */
  keepMarkdownTrees?: boolean;
}

/** Files whose diagnostics changed after an edit, with their complete new lists. */
export type ChangedDiagnostics = Map<string, Diagnostic[]>;

export class Workspace {
  private readonly sources = new Map<string, SourceFile>();
  private sortedFiles: string[] | undefined;
  private cachedModel: Model | undefined;
  /** The last lint's diagnostics by rule and part; undefined before the first lint. */
  private state: LintState | undefined;
  /** Whether `state` matches the current files, and for which `now`. */
  private linted = false;
  private lintedNow = Number.NaN;
  private readonly isDefinition: (path: string) => boolean;
  private readonly isDoc: (path: string) => boolean;
  now: number;
  private readonly keepMarkdownTrees: boolean;
  /**
   * The last in-place model update and the model `revision` it produced, or
   * undefined after anything that rebuilt the model: `revbook serve` reads it to
   * rebuild only the pages that depend on the edited file (generator/site/page-dependants.ts).
   */
  lastChange: { change: ModelChange; revision: number } | undefined;

  constructor(
    /** Absolute path of the folder holding revbook.yaml. */
    readonly root: string,
    readonly config: Config,
    readonly rules: readonly Rule[] = RULES,
    options: WorkspaceLintOptions = {},
  ) {
    const ignore = [`${config.out.replace(/\/+$/, "")}/**`, ".revbook/**", "**/node_modules/**"];
    this.isDefinition = picomatch(config.definitions, { ignore, dot: false });
    this.isDoc = picomatch(config.docs, { ignore, dot: false });
    this.now = options.now ?? Date.now();
    this.keepMarkdownTrees = options.keepMarkdownTrees ?? true;
  }

  /** Whether a workspace-relative path is a definition, a doc, or neither. */
  typeOf(path: string): "yaml" | "markdown" | undefined {
    if (this.isDefinition(path)) return "yaml";
    if (this.isDoc(path)) return "markdown";
    return undefined;
  }

  /** Adds or replaces a file without linting (bulk loading). */
  set(path: string, content: FileContent): void {
    this.setSource(this.parse(path, content));
  }

  /** Adds or replaces an already-parsed file (e.g. one restored from the build cache) without linting. */
  setSource(source: SourceFile): void {
    if (!this.sources.has(source.file)) this.sortedFiles = undefined;
    this.sources.set(source.file, source);
    this.cachedModel = undefined;
    this.lastChange = undefined;
    this.linted = false;
  }

  /**
   * Re-parses one file and relints; returns the files whose diagnostics changed.
   * When the edit keeps the file's definitions (kinds and ids) and they are of
   * kinds nothing else reads beyond the key, or the file is a process doc, the
   * model is updated in place and only what depends on the file is rerun
   * (lint/lint-state.ts); otherwise everything is rebuilt.
   */
  update(path: string, text: string): ChangedDiagnostics {
    // Editors resend unchanged buffers (on save, on focus): nothing to re-lint. (An empty text is
    // never short-cut: the file may have been unreadable before, with the same empty text.)
    const stripped = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const current = this.linted && this.lintedNow === this.now;
    const old = this.sources.get(path);
    if (current && stripped.length > 0 && old?.text === stripped) return new Map();
    const source = this.parse(path, { text });
    if (current && this.state && this.cachedModel && old?.type === source.type) {
      const change =
        source.type === "yaml"
          ? this.cachedModel.updateYamlFile(path, source.documents, source.diagnostics)
          : old.markdown && source.markdown
            ? this.cachedModel.updateMarkdownFile(
                path,
                source.markdown,
                source.frontmatterValid,
                source.diagnostics,
              )
            : undefined;
      if (change) {
        this.sources.set(path, source);
        this.lastChange = { change, revision: this.cachedModel.revision };
        return this.state.apply(this.cachedModel, change, this.now);
      }
    }
    this.setSource(source);
    return this.relint();
  }

  remove(path: string): ChangedDiagnostics {
    if (this.sources.delete(path)) {
      this.sortedFiles = undefined;
      this.cachedModel = undefined;
      this.lastChange = undefined;
      this.linted = false;
    }
    return this.relint();
  }

  /** Workspace-relative paths of every file, sorted. */
  files(): string[] {
    this.sortedFiles ??= [...this.sources.keys()].sort();
    return this.sortedFiles;
  }

  source(path: string): SourceFile | undefined {
    return this.sources.get(path);
  }

  get model(): Model {
    if (!this.cachedModel) {
      const files = this.files().map((f) => this.sources.get(f) as SourceFile);
      this.cachedModel = new Model({
        yaml: files.filter((s) => s.type === "yaml").map((s) => ({ file: s.file, documents: s.documents })),
        markdown: files
          .filter((s) => s.type === "markdown" && s.markdown)
          .map((s) => ({ file: s.file, document: s.markdown!, valid: s.frontmatterValid })),
        crm: this.config.crm,
        loadDiagnostics: files.flatMap((s) => s.diagnostics),
      });
    }
    return this.cachedModel;
  }

  lint(): Diagnostic[] {
    if (!this.state || !this.linted || this.lintedNow !== this.now) this.lintAll();
    return (this.state as LintState).all();
  }

  private parse(path: string, content: FileContent): SourceFile {
    const type = this.typeOf(path) ?? (/\.md$/i.test(path) ? "markdown" : "yaml");
    return parseSourceFile(path, type, content, this.keepMarkdownTrees);
  }

  private lintAll(): void {
    const state = new LintState(this.config, this.rules, {
      suppressions: (file) => this.sources.get(file)?.suppressions ?? [],
      anchors: (file) => this.sources.get(file)?.anchors ?? [],
    });
    state.full(this.model, this.now, this.files());
    this.state = state;
    this.linted = true;
    this.lintedNow = this.now;
  }

  private relint(): ChangedDiagnostics {
    const before = this.state?.byFile() ?? new Map<string, Diagnostic[]>();
    this.lintAll();
    const after = (this.state as LintState).byFile();
    const changed: ChangedDiagnostics = new Map();
    const files = new Set([...before.keys(), ...after.keys()]);
    for (const file of files) {
      const a = before.get(file) ?? [];
      const b = after.get(file) ?? [];
      if (a.length !== b.length || a.some((d, i) => diagnosticKey(d) !== diagnosticKey(b[i] as Diagnostic))) {
        changed.set(file, b);
      }
    }
    return changed;
  }
}
