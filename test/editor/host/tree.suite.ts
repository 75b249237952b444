/**
 * The RevOps tree (view `revbook.revops`): groups Pipelines → stages,
 * Triggers, Scoring models, Plans, Teams, read through the extension's own
 * TreeDataProvider (what the view renders), and each item opens its definition.
 */
import { strict as assert } from "node:assert";
import * as vscode from "vscode";
import { revbook, waitUntil, wsUri } from "./util.js";

type Tree = vscode.TreeDataProvider<unknown>;

async function children(tree: Tree, element?: unknown): Promise<unknown[]> {
  return (await tree.getChildren(element)) ?? [];
}

async function item(tree: Tree, element: unknown): Promise<vscode.TreeItem> {
  return tree.getTreeItem(element);
}

function label(i: vscode.TreeItem): string {
  return typeof i.label === "string" ? i.label : (i.label?.label ?? "");
}

async function labels(tree: Tree, element?: unknown): Promise<string[]> {
  return Promise.all((await children(tree, element)).map(async (c) => label(await item(tree, c))));
}

/** A definition item shows its display name, with the id as the description when they differ. */
function idOf(i: vscode.TreeItem): string {
  return typeof i.description === "string" ? i.description : label(i);
}

async function ids(tree: Tree, element: unknown): Promise<string[]> {
  return Promise.all((await children(tree, element)).map(async (c) => idOf(await item(tree, c))));
}

/** The child labelled `name` (a group) or whose id is `name` (a definition). */
async function childNamed(tree: Tree, parent: unknown, name: string): Promise<unknown> {
  for (const c of await children(tree, parent)) {
    const i = await item(tree, c);
    if (label(i) === name || idOf(i) === name) return c;
  }
  throw new Error(`no tree item ${name} under ${parent ? label(await item(tree, parent)) : "the root"}`);
}

describe("RevOps tree", () => {
  let tree: Tree;

  before(async () => {
    tree = (await revbook()).tree;
    // The outline comes from the language server: wait until it has loaded the workspace.
    try {
      await waitUntil(async () => (await children(tree)).length > 0, "the tree's groups");
    } catch (error) {
      // Say whether the server has the definitions (then the tree lost them on the way).
      const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>(
        "vscode.executeWorkspaceSymbolProvider",
        "",
      );
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}: the tree has no items, ` +
          `while the server's workspace/symbol lists ${symbols.length} definitions`,
      );
    }
  });

  it("has the groups in order: Pipelines, Triggers, Scoring models, Plans, Teams", async () => {
    assert.deepEqual(await labels(tree), ["Pipelines", "Triggers", "Scoring models", "Plans", "Teams"]);
  });

  it("lists each pipeline with its stages in pipeline order", async () => {
    const pipelines = await childNamed(tree, undefined, "Pipelines");
    assert.deepEqual((await ids(tree, pipelines)).sort(), ["deals", "lifecycle"]);
    const lifecycle = await childNamed(tree, pipelines, "lifecycle");
    assert.deepEqual(await ids(tree, lifecycle), ["lead", "mql", "sql"]);
    // The stage's display name is its `name:`.
    const mql = await item(tree, await childNamed(tree, lifecycle, "mql"));
    assert.equal(label(mql), "Marketing Qualified Lead");
    const deals = await childNamed(tree, pipelines, "deals");
    assert.deepEqual(await ids(tree, deals), ["qualifiedtobuy", "closedwon"]);
  });

  it("lists the triggers, scoring models, plans and teams", async () => {
    const of = async (group: string): Promise<string[]> =>
      (await ids(tree, await childNamed(tree, undefined, group))).sort();
    assert.deepEqual(await of("Triggers"), ["fast-track-vps", "promote-to-mql"]);
    assert.deepEqual(await of("Scoring models"), ["lead-score"]);
    assert.deepEqual(await of("Plans"), ["enterprise-handoff"]);
    assert.deepEqual(await of("Teams"), ["ae", "customer-success", "sdr"]);
    const teams = await childNamed(tree, undefined, "Teams");
    assert.equal(label(await item(tree, await childNamed(tree, teams, "sdr"))), "Sales Development");
  });

  it("an item opens its definition's file at the id", async () => {
    const pipelines = await childNamed(tree, undefined, "Pipelines");
    const mql = await childNamed(
      tree,
      await childNamed(tree, pipelines, "lifecycle"),
      "Marketing Qualified Lead",
    );
    const mqlItem = await item(tree, mql);
    assert.equal(mqlItem.description, "mql");
    assert.ok(mqlItem.command, "the item has a command");
    await vscode.commands.executeCommand(mqlItem.command.command, ...(mqlItem.command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), wsUri("definitions/contact.yaml").toString());
    assert.equal(editor?.selection.start.line, 29);
    assert.equal(editor?.document.getText(editor.selection), "mql");
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  it("revbook.refreshTree redraws the view with the same items", async () => {
    const changed = new Promise<void>((resolve) => {
      const sub = tree.onDidChangeTreeData?.(() => {
        sub?.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand("revbook.refreshTree");
    await changed;
    assert.deepEqual(await labels(tree), ["Pipelines", "Triggers", "Scoring models", "Plans", "Teams"]);
  });
});
