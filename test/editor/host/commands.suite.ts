/**
 * Each command, run through `vscode.commands.executeCommand` as the palette
 * would: lint (the Problems count), build (the site lands in the workspace's
 * configured `out`, and lint errors stop it first), preview (a webview panel
 * titled after the page) and new definition (a valid skeleton). The
 * workspace is a temporary copy: writing to it is fine; the known problem is
 * put back at the end for the other suites.
 */
import { strict as assert } from "node:assert";
import * as vscode from "vscode";
import { openDoc, revbook, waitForDiagnostics, waitUntil, wsUri, type RevbookApi } from "./util.js";

const OUT = "site-out";

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

describe("commands", () => {
  let api: RevbookApi;

  before(async () => {
    api = await revbook();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  it("all four commands are registered", async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of [
      "revbook.lintWorkspace",
      "revbook.buildHandbook",
      "revbook.previewPage",
      "revbook.newDefinition",
    ])
      assert.ok(all.includes(id), id);
  });

  it("revbook.lintWorkspace reports the workspace's error count and the status bar shows it", async () => {
    const counts = await vscode.commands.executeCommand<{ errors: number; warnings: number }>(
      "revbook.lintWorkspace",
    );
    assert.deepEqual(counts, { errors: 1, warnings: 0 });
    await waitUntil(() => api.statusBarText() === "$(error) 1 $(warning) 0", "the status bar count");
  });

  it("revbook.buildHandbook refuses while there are lint errors, then builds into the configured out", async () => {
    const out = wsUri(OUT);
    const refused = await vscode.commands.executeCommand<{ status: string }>("revbook.buildHandbook");
    assert.equal(refused.status, "lint-errors");
    assert.equal(await exists(out), false, "nothing was built");

    // Fix the known problem on disk (in the temporary workspace), then build.
    const routing = wsUri("definitions/routing.yaml");
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(routing));
    try {
      await vscode.workspace.fs.writeFile(routing, new TextEncoder().encode(original.replace("sqll", "sql")));
      await waitForDiagnostics(routing, (ds) => ds.length === 0, "the fixed file to lint clean");
      const built = await vscode.commands.executeCommand<{ status: string; out: string; files: number }>(
        "revbook.buildHandbook",
      );
      assert.equal(built.status, "built", JSON.stringify(built));
      assert.equal(vscode.Uri.file(built.out).toString(), out.toString());
      assert.ok(built.files > 0);
      assert.ok(await exists(vscode.Uri.joinPath(out, "index.html")), `${OUT}/index.html`);
      const index = new TextDecoder().decode(
        await vscode.workspace.fs.readFile(vscode.Uri.joinPath(out, "index.html")),
      );
      assert.ok(index.includes("Editor fixture"), "the site carries the workspace's title");
    } finally {
      await vscode.workspace.fs.writeFile(routing, new TextEncoder().encode(original));
      await waitForDiagnostics(routing, (ds) => ds.length === 1, "the known problem to come back");
    }
  });

  it("revbook.previewPage opens a webview panel titled after the page", async () => {
    await openDoc("handbook/index.md");
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel | undefined>(
      "revbook.previewPage",
    );
    assert.ok(panel, "the command returns the panel");
    assert.equal(api.previewPanel(), panel);
    assert.equal(panel.title, "Preview: Lifecycle");
    assert.ok(panel.visible || panel.active || panel.viewColumn !== undefined);
    assert.ok(panel.webview.html.includes("Lifecycle"), "the panel renders the page");
    panel.dispose();
    assert.equal(api.previewPanel(), undefined);
  });

  it("revbook.newDefinition opens a valid Stage skeleton with the given id", async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>(
      "revbook.newDefinition",
      {
        kind: "Stage",
        id: "churned",
      },
    );
    assert.ok(editor, "an editor");
    const doc = editor.document;
    assert.equal(doc.uri.scheme, "untitled", "nothing is written until the user saves");
    assert.ok(doc.uri.path.endsWith(".yaml"), doc.uri.path);
    assert.equal(doc.languageId, "yaml");
    const text = doc.getText();
    assert.match(text, /^kind: Stage$/m);
    assert.match(text, /^id: churned$/m);
    // Valid: saved into the workspace, the language server finds no schema problem in it.
    const target = wsUri("definitions/churned.yaml");
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    try {
      const saved = await vscode.workspace.openTextDocument(target);
      await vscode.window.showTextDocument(saved);
      const ds = await waitForDiagnostics(
        target,
        (d) => d.every((x) => x.code !== undefined),
        "the skeleton's diagnostics",
      );
      const schema = ds.filter((d) => (typeof d.code === "object" ? d.code.value : d.code) === "schema");
      assert.deepEqual(schema, [], JSON.stringify(ds));
    } finally {
      await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
      await vscode.workspace.fs.delete(target);
    }
  });
});
