/**
 * The messages between the build and its worker threads (site-worker.ts):
 * parse a file (the worker keeps a doc's mdast tree for rendering it later),
 * set up the render context (definitions, published docs, base URL, nonce),
 * and render a doc's Markdown body. Every reply carries the request's id.
 */
import type { Config } from "../../../core/config.js";
import type { DocInfo } from "../context.js";
import type { PortableSource, TextlessSource } from "../cache/portable-source.js";
import type { RenderedMarkdown } from "../markdown-to-html.js";

export type WorkerRequest =
  | { id: number; type: "parse"; file: string; kind: "yaml" | "markdown"; text: string }
  | {
      id: number;
      type: "context";
      root: string;
      config: Config;
      /** The definition files: a doc body's links and embeds resolve against them. */
      sources: PortableSource[];
      docs: DocInfo[];
      baseUrl: string;
      nonce: string;
    }
  | { id: number; type: "render"; file: string; text: string };

/** What `WorkerPool.setContext` sends every worker: a context request without its id and type. */
export type RenderContext = Omit<Extract<WorkerRequest, { type: "context" }>, "id" | "type">;

export type WorkerReply =
  /** The parse of a file: its text is left out when it is the text sent. */
  | { id: number; source: TextlessSource }
  | { id: number; body: RenderedMarkdown }
  | { id: number; done: true }
  | { id: number; error: string };
