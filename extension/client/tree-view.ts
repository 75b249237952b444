/**
 * The RevOps tree (view `revbook.revops` in the Explorer): Pipelines → their
 * stages, Triggers, Scoring models, Plans, Teams. Each definition opens its
 * file at the definition's id. The data comes from the language server
 * (outline.ts), so the tree works in Restricted Mode too; it refreshes when
 * the server publishes diagnostics (after every change it has seen).
 */
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node.js";
import { fetchOutline, type OutlineNode } from "./outline.js";

/** The groups, in order: label and the definition kind they hold. */
export const TREE_GROUPS: readonly { kind: string; label: string }[] = [
  { kind: "Pipeline", label: "Pipelines" },
  { kind: "Trigger", label: "Triggers" },
  { kind: "ScoringModel", label: "Scoring models" },
  { kind: "CommandPlan", label: "Plans" },
  { kind: "Team", label: "Teams" },
];

/** A node of the tree: a group, or a definition. */
export type RevOpsNode =
  | { type: "group"; kind: string; label: string; children: OutlineNode[] }
  | { type: "definition"; node: OutlineNode };

const ICONS: Record<string, string> = {
  Pipeline: "symbol-enum",
  Stage: "symbol-enum-member",
  Trigger: "zap",
  ScoringModel: "graph",
  CommandPlan: "checklist",
  Team: "organization",
};

export class RevOpsTree implements vscode.TreeDataProvider<RevOpsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RevOpsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private outline: Promise<OutlineNode[]> | undefined;
  private timer: NodeJS.Timeout | undefined;

  /** `client` is undefined until the language client has started. */
  constructor(private readonly client: () => LanguageClient | undefined) {}

  /** Forgets the outline and redraws (debounced by `delayMs`). */
  refresh(delayMs = 0): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.outline = undefined;
      this.changed.fire(undefined);
    }, delayMs);
  }

  private load(): Promise<OutlineNode[]> {
    const client = this.client();
    if (!client?.isRunning()) return Promise.resolve([]);
    // A failed or empty answer is not kept: the next look asks again (the server may still be loading).
    const outline = (this.outline ??= fetchOutline(client).then(
      (nodes) => {
        if (nodes.length === 0) this.outline = undefined;
        return nodes;
      },
      () => {
        this.outline = undefined;
        return [];
      },
    ));
    return outline;
  }

  async getChildren(element?: RevOpsNode): Promise<RevOpsNode[]> {
    if (element?.type === "group") return element.children.map((node) => ({ type: "definition", node }));
    if (element) return (element.node.children ?? []).map((node) => ({ type: "definition", node }));
    const outline = await this.load();
    const groups: RevOpsNode[] = [];
    for (const { kind, label } of TREE_GROUPS) {
      const children = outline.filter((n) => n.kind === kind).sort((a, b) => a.name.localeCompare(b.name));
      if (children.length > 0) groups.push({ type: "group", kind, label, children });
    }
    return groups;
  }

  getTreeItem(element: RevOpsNode): vscode.TreeItem {
    if (element.type === "group") {
      const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${element.kind}`;
      item.description = String(element.children.length);
      item.contextValue = "revbook.group";
      return item;
    }
    const { node } = element;
    const item = new vscode.TreeItem(
      node.name,
      node.children && node.children.length > 0
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.None,
    );
    item.id = `${node.kind}:${node.id}:${node.uri}`;
    item.description = node.name === node.id ? undefined : node.id;
    item.tooltip = `${node.kind} ${node.id}`;
    item.iconPath = new vscode.ThemeIcon(ICONS[node.kind] ?? "symbol-misc");
    item.contextValue = `revbook.${node.kind}`;
    const uri = vscode.Uri.parse(node.uri);
    item.resourceUri = uri;
    const { start, end } = node.range;
    item.command = {
      command: "vscode.open",
      title: "Open definition",
      arguments: [
        uri,
        { selection: new vscode.Range(start.line, start.character, end.line, end.character) },
      ] satisfies [vscode.Uri, vscode.TextDocumentShowOptions],
    };
    return item;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
  }
}
