/**
 * A build worker thread: parses workspace files and renders docs' Markdown
 * bodies with exactly the code the single-threaded build runs (parseSourceFile,
 * renderMarkdownTree). A doc's mdast tree stays here from its parse to its
 * render, so it is parsed once and never copied between threads; when the
 * render context came first, the doc is rendered as soon as it is parsed.
 */
import { serialize } from "node:v8";
import { parentPort } from "node:worker_threads";
import type { Root } from "mdast";
import { parseMarkdown } from "../../../core/load/markdown-source.js";
import { parseSourceFile } from "../../../core/load/source-file.js";
import { LineIndex } from "../../../core/position.js";
import { Workspace } from "../../../core/workspace.js";
import { cacheKey } from "../cache/cache-store.js";
import { fromPortable, toPortable, withoutText } from "../cache/portable-source.js";
import { renderContext, type SiteContext } from "../context.js";
import { docBodyInputs } from "../doc-body.js";
import { renderMarkdownTree } from "../markdown-to-html.js";
import { Routes } from "../routes.js";
import type { WorkerReply, WorkerRequest } from "./messages.js";
import { warmUpParser, warmUpRenderer } from "./warm-up.js";

const port = parentPort;
if (!port) throw new Error("site-worker.js runs as a worker thread");

const trees = new Map<string, { text: string; tree: Root }>();
let ctx: SiteContext | undefined;
// While the main thread reads the files (warm-up.ts says why).
const warmUp = warmUpParser();

function handle(request: WorkerRequest): WorkerReply {
  switch (request.type) {
    case "parse": {
      const source = parseSourceFile(request.file, request.kind, { text: request.text }, true);
      const reply = {
        id: request.id,
        sourceBytes: serialize(withoutText(toPortable(source), request.text)),
      };
      if (!source.markdown) return reply;
      // Embeds read the whole workspace: the main thread renders those docs.
      if (request.render && ctx && source.markdown.directives.length === 0) {
        const body = renderMarkdownTree(ctx, source.markdown.tree, { file: request.file, dropFirstH1: true });
        const bodyBytes = serialize(body);
        if (!request.bodyKey) return { ...reply, bodyBytes };
        return { ...reply, bodyBytes, bodyKey: cacheKey("body", docBodyInputs(ctx, request.file, source)) };
      }
      trees.set(request.file, { text: source.text, tree: source.markdown.tree });
      return reply;
    }
    case "context": {
      const workspace = new Workspace(request.root, request.config);
      for (const source of request.sources) workspace.setSource(fromPortable(source));
      const routes = new Routes(request.baseUrl, request.config.docs);
      // A body reads only the docs' routes; the page-frame facts are the main thread's.
      const docs = request.docs.map((d) => ({ ...d, title: "", weight: 0, aliases: [], tags: [] }));
      ctx = renderContext(workspace, docs, routes, [], request.nonce);
      return { id: request.id, done: true };
    }
    case "render": {
      if (!ctx) throw new Error("render before context");
      const kept = trees.get(request.file);
      trees.delete(request.file);
      const tree =
        kept && kept.text === request.text
          ? kept.tree
          : parseMarkdown(request.text, request.file, new LineIndex(request.text), true).document.tree;
      const body = renderMarkdownTree(ctx, tree, {
        file: request.file,
        dropFirstH1: true,
      });
      return { id: request.id, body };
    }
  }
}

port.on("message", (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = handle(request);
  } catch (error) {
    reply = {
      id: request.id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  // The serialized parse's and body's memory moves to the main thread instead of being copied.
  const transfer: ArrayBuffer[] = [];
  if ("sourceBytes" in reply) transfer.push(reply.sourceBytes.buffer as ArrayBuffer);
  if ("bodyBytes" in reply && reply.bodyBytes) transfer.push(reply.bodyBytes.buffer as ArrayBuffer);
  port.postMessage(reply, transfer);
  // After the reply, while the main thread sends the docs.
  if (request.type === "context" && ctx) warmUpRenderer(ctx, warmUp);
});
