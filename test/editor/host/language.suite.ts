/**
 * The language features through VS Code's own command API (the same path a
 * user's keystrokes take): completion at a stage reference, hover on a
 * reference, go to definition, and rename across YAML and Markdown.
 * In definitions/triggers.yaml, line 11 (0-based 10) is `  - setStage: mql`:
 * `mql` spans characters 14–17.
 */
import { strict as assert } from "node:assert";
import * as vscode from "vscode";
import { hoverText, openDoc, positionOf, revbook, wsUri } from "./util.js";

const TRIGGERS = "definitions/triggers.yaml";

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === "string" ? item.label : item.label.label;
}

describe("language features", () => {
  let doc: vscode.TextDocument;

  before(async () => {
    await revbook();
    doc = await openDoc(TRIGGERS);
    assert.equal(doc.lineAt(10).text, "  - setStage: mql");
  });

  after(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  it("completes the stage ids at a stage reference", async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      "vscode.executeCompletionItemProvider",
      doc.uri,
      new vscode.Position(10, 14),
    );
    const labels = list.items.map(labelOf);
    for (const id of ["lead", "mql", "sql", "qualifiedtobuy", "closedwon"])
      assert.ok(labels.includes(id), `${id} in ${JSON.stringify(labels)}`);
    // Only stages: no team, object or trigger ids.
    for (const other of ["sdr", "contact", "promote-to-mql"])
      assert.ok(!labels.includes(other), `${other} is not a stage: ${JSON.stringify(labels)}`);
  });

  it("completes link targets in a Markdown doc", async () => {
    const md = await openDoc("handbook/index.md");
    const pos = positionOf(md, "(stage:mql)", "(stage:".length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      "vscode.executeCompletionItemProvider",
      md.uri,
      pos,
    );
    const labels = list.items.map(labelOf).join(" ");
    for (const id of ["lead", "mql", "sql"]) assert.ok(labels.includes(id), `${id} in ${labels}`);
    await vscode.window.showTextDocument(doc);
  });

  it("hover on a stage reference shows the stage's definition", async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      "vscode.executeHoverProvider",
      doc.uri,
      new vscode.Position(10, 15),
    );
    const text = hoverText(hovers);
    assert.ok(text.includes("**Marketing Qualified Lead**"), text);
    assert.ok(text.includes("A contact worth a salesperson's time."), text);
    assert.ok(text.includes("SLA: 2 hours"), text);
  });

  it("go to definition lands on the stage's id in contact.yaml", async () => {
    const result = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      "vscode.executeDefinitionProvider",
      doc.uri,
      new vscode.Position(10, 15),
    );
    assert.equal(result.length, 1, JSON.stringify(result));
    const loc = result[0]!;
    const uri = "targetUri" in loc ? loc.targetUri : loc.uri;
    const range = "targetUri" in loc ? (loc.targetSelectionRange ?? loc.targetRange) : loc.range;
    assert.equal(uri.toString(), wsUri("definitions/contact.yaml").toString());
    // `id: mql` is line 30 (0-based 29) of contact.yaml; the id spans characters 4–7.
    assert.deepEqual(
      [range.start.line, range.start.character, range.end.line, range.end.character],
      [29, 4, 29, 7],
    );
    const target = await vscode.workspace.openTextDocument(uri);
    assert.equal(target.getText(range), "mql");
  });

  it("rename returns edits in the YAML definitions and the Markdown doc", async () => {
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      "vscode.executeDocumentRenameProvider",
      doc.uri,
      new vscode.Position(10, 15),
      "marketing-qualified",
    );
    const byFile = new Map<string, vscode.TextEdit[]>();
    for (const [uri, edits] of edit.entries()) byFile.set(vscode.workspace.asRelativePath(uri, false), edits);
    assert.deepEqual([...byFile.keys()].sort(), [
      "definitions/contact.yaml",
      "definitions/triggers.yaml",
      "handbook/index.md",
    ]);
    for (const [rel, edits] of byFile) {
      const target = await vscode.workspace.openTextDocument(wsUri(rel));
      for (const e of edits) {
        assert.equal(e.newText, "marketing-qualified", rel);
        assert.equal(target.getText(e.range), "mql", `${rel} ${JSON.stringify(e.range)}`);
      }
    }
    // contact.yaml: the id and the pipeline's stage list; triggers.yaml: the link and setStage; the doc's link.
    assert.equal(byFile.get("definitions/contact.yaml")?.length, 2);
    assert.equal(byFile.get("definitions/triggers.yaml")?.length, 2);
    assert.equal(byFile.get("handbook/index.md")?.length, 1);
    // Nothing was applied: the rename provider only proposes.
    assert.equal(doc.lineAt(10).text, "  - setStage: mql");
  });
});
