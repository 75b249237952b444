/**
 * Publishing diagnostics: engine diagnostics → LSP (`code` = rule id, `source`
 * "revbook", rule docs link, related locations, the fix in `data` for code
 * actions), only for files whose diagnostics changed. Re-linting after edits
 * is throttled: the first edit after a quiet spell is linted at once (no
 * added latency), and edits arriving within the next ~150 ms (while typing)
 * are coalesced into one more lint when that window ends.
 */
import { type Connection, DiagnosticSeverity, type Diagnostic as LspDiagnostic } from "vscode-languageserver";
import { CONFIG_FILE, type ConfigProblem } from "../../core/config.js";
import type { Diagnostic, Fix } from "../../core/diagnostic.js";
import { findRule } from "../../core/rules/index.js";
import { ruleDocsUrl } from "../../core/rules/meta.js";
import type { WorkspaceState } from "./documents-sync.js";
import { toLspRange } from "./positions.js";

/** The coalescing window after a lint: edits inside it wait for its end and are linted together. */
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
  /** Files that currently show diagnostics in the client, so a reload can clear them. */
  private readonly shown = new Set<string>();
  private immediate: NodeJS.Immediate | undefined;
  private window: NodeJS.Timeout | undefined;
  private trailing = false;
  private disposed = false;

  constructor(
    private readonly connection: Connection,
    private readonly state: WorkspaceState,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Publishes the changed files' complete lists (from `Workspace.update` / `remove`). */
  queue(changed: Map<string, Diagnostic[]> | undefined): void {
    if (!changed) return;
    for (const [file, list] of changed) {
      this.send(
        file,
        list.map((d) => toLspDiagnostic(d, this.state)),
      );
    }
  }

  /** Publishes every file of the workspace (after loading): empty lists clear stale ones. */
  queueAll(): void {
    const byFile = new Map<string, LspDiagnostic[]>();
    for (const file of this.shown) byFile.set(file, []);
    const ws = this.state.workspace;
    if (ws) {
      this.state.flush();
      for (const file of ws.files()) byFile.set(file, []);
      for (const d of ws.lint()) {
        const list = byFile.get(d.file) ?? [];
        list.push(toLspDiagnostic(d, this.state));
        byFile.set(d.file, list);
      }
    }
    const error = this.state.loadError;
    byFile.set(CONFIG_FILE, error ? configDiagnostics(error.problems) : []);
    for (const [file, list] of byFile) this.send(file, list);
  }

  /** Clears every diagnostic this publisher showed (the workspace went away). */
  clearAll(): void {
    for (const file of [...this.shown]) this.send(file, []);
  }

  /** An edit is waiting in the state: lint now, or at the end of the current window. */
  scheduleLint(): void {
    if (this.disposed) return;
    if (this.window) {
      this.trailing = true;
      return;
    }
    // Next turn: edits already read from the stream join this lint.
    this.immediate ??= setImmediate(() => {
      this.immediate = undefined;
      this.lintNow();
    });
  }

  private lintNow(): void {
    try {
      this.queue(this.state.flush());
    } catch (error) {
      this.onError(error);
    }
    this.window = setTimeout(() => {
      this.window = undefined;
      if (this.trailing) {
        this.trailing = false;
        this.scheduleLint();
      }
    }, DEBOUNCE_MS);
  }

  private send(file: string, diagnostics: LspDiagnostic[]): void {
    if (diagnostics.length > 0) this.shown.add(file);
    else this.shown.delete(file);
    void this.connection.sendDiagnostics({ uri: this.state.uris.toUri(file), diagnostics });
  }

  dispose(): void {
    this.disposed = true;
    if (this.immediate) clearImmediate(this.immediate);
    if (this.window) clearTimeout(this.window);
  }
}
