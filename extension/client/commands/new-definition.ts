/**
 * `revbook.newDefinition`: pick a kind, type an id, get an editor with the
 * kind's skeleton (core/skeletons.ts, the same text as the snippets). The
 * document is untitled — nothing is written until the user saves — and, in a
 * revbook workspace, its save path defaults to `definitions/<kind folder>/<id>.yaml`.
 * Tests (and keybindings) may pass `{ kind, id }` to skip the prompts.
 */
import path from "node:path";
import * as vscode from "vscode";
import { SKELETONS, skeleton, skeletonFile } from "../../../core/skeletons.js";
import { revbookRoot } from "../workspace-root.js";

/** The id pattern of every definition (schemas/common.schema.json `$defs/id`). */
const ID_PATTERN = /^[a-z][a-z0-9_-]*$/;

export interface NewDefinitionArgs {
  kind?: string;
  id?: string;
}

export async function newDefinition(args: NewDefinitionArgs = {}): Promise<vscode.TextEditor | undefined> {
  const kind =
    args.kind ??
    (
      await vscode.window.showQuickPick(
        SKELETONS.map((s) => ({ label: s.kind, detail: s.description })),
        { title: "revbook: New definition", placeHolder: "Which kind of definition?" },
      )
    )?.label;
  if (!kind) return undefined;
  const id =
    args.id ??
    (await vscode.window.showInputBox({
      title: `revbook: New ${kind}`,
      prompt: "The id other definitions will refer to it by",
      placeHolder: "e.g. sales-qualified-lead",
      validateInput: (value) =>
        ID_PATTERN.test(value) ? undefined : "Lowercase letters, digits, `_` and `-`, starting with a letter",
    }));
  if (!id) return undefined;
  const text = skeleton(kind, id);
  const file = skeletonFile(kind, id);
  if (text === undefined || file === undefined) {
    void vscode.window.showErrorMessage(`revbook: no skeleton for the kind ${kind}.`);
    return undefined;
  }
  const root = await revbookRoot();
  const document = root
    ? await vscode.workspace.openTextDocument(
        vscode.Uri.file(path.join(root, "definitions", file)).with({ scheme: "untitled" }),
      )
    : await vscode.workspace.openTextDocument({ language: "yaml" });
  const editor = await vscode.window.showTextDocument(document);
  if (document.getText() === "") {
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), text));
  }
  if (document.languageId !== "yaml") await vscode.languages.setTextDocumentLanguage(document, "yaml");
  return editor;
}
