/**
 * `revbook.previewPage`: a webview beside the editor showing the handbook page
 * of the current doc or definition, rendered by the generator (the same
 * `renderPage` as `revbook build`) from the editor's text, and re-rendered on
 * every edit and when another revbook file becomes active. The webview gets a
 * strict Content-Security-Policy (only the extension's own stylesheet and two
 * scripts carrying a per-render nonce), `localResourceRoots` limited to the
 * extension's `dist/media`, and no script from the workspace can run in it.
 * Links in the page open their definition or doc in the editor.
 */
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import type { PreviewSession } from "./handbook-engine.js";
import { loadHandbookEngine } from "./handbook-loader.js";
import { requireTrust } from "./trust.js";
import { toWebviewHtml } from "./webview-html.js";
import { revbookRoot } from "./workspace-root.js";

const VIEW_TYPE = "revbook.preview";
const RENDER_DELAY_MS = 200;

function placeholder(message: string, cspSource: string): string {
  const escaped = message.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource}"><title>revbook preview</title></head><body><p>${escaped}</p></body></html>`;
}

export class PreviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private session: PreviewSession | undefined;
  private document: vscode.TextDocument | undefined;
  private line = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly media: vscode.Uri;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.media = vscode.Uri.joinPath(context.extensionUri, "dist", "media");
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!this.panel || !this.session?.covers(e.document.uri.fsPath)) return;
        this.session.edit(e.document.uri.fsPath, e.document.getText());
        this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (!this.panel || !editor || !this.session?.covers(editor.document.uri.fsPath)) return;
        this.document = editor.document;
        this.line = editor.selection.active.line;
        this.session.edit(editor.document.uri.fsPath, editor.document.getText());
        this.schedule();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (!this.panel || e.textEditor.document !== this.document) return;
        const line = e.selections[0]?.active.line ?? 0;
        if (line === this.line) return;
        this.line = line;
        this.schedule();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.session?.forget(d.uri.fsPath)),
    );
  }

  /** The open panel, if any (for tests). */
  get current(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  /** Opens (or reveals) the preview for the active editor. */
  async show(): Promise<vscode.WebviewPanel | undefined> {
    if (!requireTrust("Preview handbook page")) return undefined;
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage(
        "revbook: open a definition or doc to preview its handbook page.",
      );
      return undefined;
    }
    const root = await revbookRoot(editor.document.uri);
    if (!root) {
      void vscode.window.showErrorMessage("revbook: no revbook.yaml in the open folders.");
      return undefined;
    }
    if (this.session?.root !== root) {
      this.session = new (loadHandbookEngine(this.context).PreviewSession)(root);
      await this.session.reload();
    }
    this.document = editor.document;
    this.line = editor.selection.active.line;
    this.session.edit(editor.document.uri.fsPath, editor.document.getText());
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        VIEW_TYPE,
        "revbook preview",
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: true,
          enableCommandUris: false,
          localResourceRoots: [this.media],
          enableFindWidget: true,
        },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
      });
      this.panel.webview.onDidReceiveMessage((message: unknown) => void this.openLink(message));
    } else {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    this.render();
    return this.panel;
  }

  /** Reloads the workspace from disk (a file changed outside the editor). */
  async reload(): Promise<void> {
    if (!this.panel || !this.session) return;
    await this.session.reload();
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.render(), RENDER_DELAY_MS);
  }

  private render(): void {
    const panel = this.panel;
    if (!panel || !this.session || !this.document) return;
    const webview = panel.webview;
    const assetBase = `${webview.asWebviewUri(this.media).toString().replace(/\/*$/, "")}/`;
    let page;
    try {
      page = this.session.render(this.document.uri.fsPath, this.line, assetBase);
    } catch (error) {
      webview.html = placeholder(
        `Cannot render this page: ${error instanceof Error ? error.message : String(error)}`,
        webview.cspSource,
      );
      return;
    }
    if (!page) {
      webview.html = placeholder(
        "This file has no handbook page (it is not a published doc or definition of this workspace).",
        webview.cspSource,
      );
      return;
    }
    panel.title = `Preview: ${page.title}`;
    webview.html = toWebviewHtml(page.html, {
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString("base64"),
      assetBase,
      previewScript: webview.asWebviewUri(vscode.Uri.joinPath(this.media, "preview.js")).toString(),
    });
  }

  private async openLink(message: unknown): Promise<void> {
    if (!message || typeof message !== "object") return;
    const { type, href } = message as { type?: unknown; href?: unknown };
    if (type !== "open" || typeof href !== "string" || !this.panel || !this.session) return;
    const assetBase = `${this.panel.webview.asWebviewUri(this.media).toString().replace(/\/*$/, "")}/`;
    const target = this.session.sourceOf(href, assetBase);
    if (target) {
      const position = new vscode.Position(target.line, 0);
      await vscode.window.showTextDocument(vscode.Uri.file(target.file), {
        viewColumn: vscode.ViewColumn.One,
        selection: new vscode.Range(position, position),
      });
      return;
    }
    if (/^https?:\/\//i.test(href) && !href.startsWith(assetBase))
      await vscode.env.openExternal(vscode.Uri.parse(href));
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
