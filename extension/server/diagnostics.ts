/**
 * Publishing diagnostics: engine diagnostics → LSP (`code` = rule id, `source`
 * "revbook", rule docs link, related locations, the fix in `data` for code
 * actions), batched with a ~150 ms debounce so a burst of keystrokes publishes
 * once, and only for files whose diagnostics changed.
 */
import { type Connection, DiagnosticSeverity, type Diagnostic as LspDiagnostic } from "vscode-languageserver";
import { CONFIG_FILE, type ConfigProblem } from "../../core/config.js";
import type { Diagnostic, Fix } from "../../core/diagnostic.js";
import { findRule } from "../../core/rules/index.js";
import { ruleDocsUrl } from "../../core/rules/meta.js";
import type { WorkspaceState } from "./documents-sync.js";
import { toLspRange } from "./positions.js";

export const DEBOUNCE_MS = 150;

/** What a published diagnostic carries in `data` for the code actions. */
export interface DiagnosticData {
  rule: string;
  fix?: Fix;
  suggestion?: string;
}

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warn: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toLspDiagnostic(d: Diagnostic, state: WorkspaceState): LspDiagnostic {
  const rule = findRule(d.rule);
  const data: DiagnosticData = { rule: d.rule, fix: d.fix, suggestion: d.suggestion };
  const out: LspDiagnostic = {
    range: toLspRange(d.range),
    severity: SEVERITY[d.severity],
    code: d.rule,
    source: "revbook",
    message: d.message,
    data,
  };
  if (rule) out.codeDescription = { href: ruleDocsUrl(rule.meta) };
  if (d.related && d.related.length > 0) {
    out.relatedInformation = d.related.map((r) => ({
      location: { uri: state.uris.toUri(r.file), range: toLspRange(r.range) },
      message: r.message,
    }));
  }
  return out;
}

/** `revbook.yaml` problems as diagnostics on revbook.yaml itself (they are not lint diagnostics). */
export function configDiagnostics(problems: readonly ConfigProblem[]): LspDiagnostic[] {
  return problems.map((p) => {
    const start = { line: p.line - 1, character: p.column - 1 };
    return {
      range: { start, end: { line: start.line, character: start.character + 1 } },
      severity: DiagnosticSeverity.Error,
      source: "revbook",
      code: "config",
      message: p.message,
    };
  });
}

export class DiagnosticsPublisher {
  private pending = new Map<string, LspDiagnostic[]>();
  private timer: NodeJS.Timeout | undefined;
  /** Files that currently show diagnostics in the client, so a reload can clear them. */
  private readonly shown = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly state: WorkspaceState,
  ) {}

  /** Queues the changed files' complete lists (from `Workspace.update` / `remove`). */
  queue(changed: Map<string, Diagnostic[]> | undefined): void {
    if (!changed) return;
    for (const [file, list] of changed) {
      this.pending.set(
        file,
        list.map((d) => toLspDiagnostic(d, this.state)),
      );
    }
    this.schedule();
  }

  /** Publishes every file of the workspace (after loading): empty lists clear stale ones. */
  queueAll(): void {
    const byFile = new Map<string, LspDiagnostic[]>();
    for (const file of this.shown) byFile.set(file, []);
    const ws = this.state.workspace;
    if (ws) {
      for (const file of ws.files()) byFile.set(file, []);
      for (const d of ws.lint()) {
        const list = byFile.get(d.file) ?? [];
        list.push(toLspDiagnostic(d, this.state));
        byFile.set(d.file, list);
      }
    }
    const error = this.state.loadError;
    byFile.set(CONFIG_FILE, error ? configDiagnostics(error.problems) : []);
    for (const [file, list] of byFile) this.pending.set(file, list);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), DEBOUNCE_MS);
  }

  flush(): void {
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    for (const [file, diagnostics] of batch) {
      if (diagnostics.length > 0) this.shown.add(file);
      else this.shown.delete(file);
      void this.connection.sendDiagnostics({ uri: this.state.uris.toUri(file), diagnostics });
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
