/**
 * The settings: `revbook.rules` overrides a rule's severity for this editor
 * (the language server relints on the change), and `revbook.trace.server`
 * is a known setting with its documented default.
 */
import { strict as assert } from "node:assert";
import * as vscode from "vscode";
import { revbook, waitForDiagnostics, wsUri } from "./util.js";

const ROUTING = "definitions/routing.yaml";

describe("settings", () => {
  before(async () => {
    await revbook();
    await waitForDiagnostics(wsUri(ROUTING), (ds) => ds.length === 1, "the known problem");
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration("revbook")
      .update("rules", undefined, vscode.ConfigurationTarget.Workspace);
  });

  it("revbook.rules turns a rule down to a warning, then off, and back", async () => {
    const uri = wsUri(ROUTING);
    const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration("revbook");
    await config().update(
      "rules",
      { "unresolved-reference": "warning" },
      vscode.ConfigurationTarget.Workspace,
    );
    const warned = await waitForDiagnostics(
      uri,
      (ds) => ds.length === 1 && ds[0]!.severity === vscode.DiagnosticSeverity.Warning,
      "the problem as a warning",
    );
    assert.equal(warned[0]?.message, "setStage: no stage `sqll` is defined");

    await config().update("rules", { "unresolved-reference": "off" }, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (ds) => ds.length === 0, "the problem to go with its rule off");

    await config().update("rules", undefined, vscode.ConfigurationTarget.Workspace);
    const back = await waitForDiagnostics(
      uri,
      (ds) => ds.length === 1 && ds[0]!.severity === vscode.DiagnosticSeverity.Error,
      "the problem back as an error",
    );
    assert.deepEqual([back[0]!.range.start.line, back[0]!.range.start.character], [10, 14]);
  });

  it("revbook.trace.server is contributed with the default off", () => {
    const inspected = vscode.workspace.getConfiguration("revbook").inspect<string>("trace.server");
    assert.equal(inspected?.defaultValue, "off");
  });
});
