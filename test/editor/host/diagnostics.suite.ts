/**
 * Diagnostics from the language server in `vscode.languages.getDiagnostics`:
 * the fixture's one known problem (definitions/routing.yaml sets the stage
 * `sqll`) with its exact rule code, message, severity and range; fixing it in
 * the editor (unsaved) clears it; reverting brings it back.
 */
import { strict as assert } from "node:assert";
import * as vscode from "vscode";
import { revbook, waitForDiagnostics, wsUri } from "./util.js";

const ROUTING = "definitions/routing.yaml";

function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === "object" ? d.code.value : d.code;
}

describe("diagnostics", () => {
  before(async () => {
    await revbook();
  });

  it("publishes the fixture's unresolved stage with its rule code, message and exact range", async () => {
    const uri = wsUri(ROUTING);
    // Published for the whole workspace at start-up, before the file is opened.
    const diags = await waitForDiagnostics(uri, (ds) => ds.length > 0, "diagnostics for routing.yaml");
    assert.equal(diags.length, 1, JSON.stringify(diags));
    const [d] = diags;
    assert.ok(d);
    assert.equal(codeOf(d), "unresolved-reference");
    assert.equal(d.source, "revbook");
    assert.equal(d.message, "setStage: no stage `sqll` is defined");
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    // `  - setStage: sqll` is line 11 (0-based 10); `sqll` spans columns 15–18 (0-based 14–18).
    assert.deepEqual(
      [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
      [10, 14, 10, 18],
    );
    // The rule's documentation link.
    assert.ok(typeof d.code === "object" && String(d.code.target).includes("unresolved-reference"));
  });

  it("the other files lint clean", async () => {
    for (const rel of ["definitions/contact.yaml", "definitions/triggers.yaml", "handbook/index.md"])
      assert.deepEqual(vscode.languages.getDiagnostics(wsUri(rel)), [], rel);
  });

  it("an unsaved fix clears the diagnostic, and reverting brings it back", async () => {
    const uri = wsUri(ROUTING);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(10, 14, 10, 18), "sql");
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(uri, (ds) => ds.length === 0, "the diagnostic to clear after the fix");
    await vscode.commands.executeCommand("workbench.action.files.revert");
    assert.equal(doc.isDirty, false);
    const back = await waitForDiagnostics(uri, (ds) => ds.length === 1, "the diagnostic to come back");
    assert.equal(back[0]?.message, "setStage: no stage `sqll` is defined");
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });
});
