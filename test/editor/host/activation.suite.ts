/** The extension activates by itself on a workspace with revbook.yaml and exposes its API. */
import { strict as assert } from "node:assert";
import * as vscode from "vscode";
import { EXTENSION_ID, revbook, waitUntil } from "./util.js";

describe("activation", () => {
  it("activates on a workspace containing revbook.yaml without being asked", async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    // `workspaceContains:**/revbook.yaml` fires at startup: nothing here calls activate() first.
    await waitUntil(() => ext.isActive, "the extension to activate on its own", 30_000);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, "a workspace folder is open");
    const found = await vscode.workspace.findFiles("**/revbook.yaml");
    assert.equal(found.length, 1);
  });

  it("returns its API from activate() and the language client becomes ready", async () => {
    const api = await revbook();
    assert.equal(typeof api.statusBarText, "function");
    assert.equal(typeof api.previewPanel, "function");
    assert.ok(api.client, "the language client");
  });
});
