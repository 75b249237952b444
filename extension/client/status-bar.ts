/**
 * The status bar item: error and warning counts of the revbook diagnostics
 * (`$(error) 2 $(warning) 3`), kept current as the server publishes; a click
 * opens the Problems panel.
 */
import * as vscode from "vscode";

/** Counts the errors and warnings of a diagnostic collection. */
export function countProblems(collection: vscode.DiagnosticCollection | undefined): {
  errors: number;
  warnings: number;
} {
  let errors = 0;
  let warnings = 0;
  collection?.forEach((_uri, diagnostics) => {
    for (const d of diagnostics) {
      if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
    }
  });
  return { errors, warnings };
}

export class ProblemsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    "revbook.problems",
    vscode.StatusBarAlignment.Left,
    10,
  );
  private readonly subscription: vscode.Disposable;

  /** `collection` is read lazily: the language client creates it when it starts. */
  constructor(private readonly collection: () => vscode.DiagnosticCollection | undefined) {
    this.item.name = "revbook problems";
    this.item.command = "workbench.actions.view.problems";
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => this.update());
    this.update();
    this.item.show();
  }

  /** The item's current text, e.g. `$(error) 2 $(warning) 3`. */
  get text(): string {
    return this.item.text;
  }

  update(): void {
    const { errors, warnings } = countProblems(this.collection());
    this.item.text = `$(error) ${errors} $(warning) ${warnings}`;
    this.item.tooltip = `revbook: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"} — show Problems`;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
