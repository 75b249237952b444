/**
 * Loads the generator bundle (`dist/handbook.cjs`) on first use, so activation
 * and Restricted Mode never load it.
 */
import { createRequire } from "node:module";
import type * as vscode from "vscode";

/** What `dist/handbook.cjs` exports (handbook-engine.ts). */
export type HandbookEngine = typeof import("./handbook-engine.js");

let engine: HandbookEngine | undefined;

export function loadHandbookEngine(context: vscode.ExtensionContext): HandbookEngine {
  // A CommonJS require of a file shipped inside the extension (never a workspace file).
  const file = context.asAbsolutePath("dist/handbook.cjs");
  engine ??= createRequire(file)(file) as HandbookEngine;
  return engine;
}
