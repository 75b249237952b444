/**
 * The messages between the build and its worker threads (site-worker.ts):
 * parse a file (and render a doc's body at once, or keep its mdast tree for
 * rendering it later),
 * set up the render context (definitions, published docs, base URL, nonce),
 * and render a doc's Markdown body. Every reply carries the request's id.
 */
import type { Config } from "../../../core/config.js";
import type { DocRoute } from "../published-docs.js";
import type { PortableSource } from "../cache/portable-source.js";
import type { RenderedMarkdown } from "../markdown-to-html.js";

export type WorkerRequest =
  | {
      id: number;
      type: "parse";
      file: string;
      kind: "yaml" | "markdown";
      text: string;
      /** Render a doc's body at once (after `context`) instead of keeping its tree for `render`. */
      render?: boolean;
      /** With `render`: also work out the body's cache key (doc-body.ts). */
      bodyKey?: boolean;
    }
  | {
      id: number;
      type: "context";
      root: string;
      config: Config;
      /** The definition files: a doc body's links and embeds resolve against them. */
      sources: PortableSource[];
      /** The published docs (a body reads only their routes). */
      docs: DocRoute[];
      baseUrl: string;
      nonce: string;
    }
  | { id: number; type: "render"; file: string; text: string };

/** What `WorkerPool.setContext` sends every worker: a context request without its id and type. */
export type RenderContext = Omit<Extract<WorkerRequest, { type: "context" }>, "id" | "type">;

export type WorkerReply =
  /**
   * The parse of a file (its text left out when it is the text sent), and the body when asked
   * for, serialized (`v8.serialize`): the bytes are a cache entry as they are, and the main
   * thread reads them once instead of receiving a copy and serializing it again.
   */
  | {
      id: number;
      /** A `TextlessSource`. */
      sourceBytes: Uint8Array;
      /** A `RenderedMarkdown`. */
      bodyBytes?: Uint8Array;
      /** With `bodyKey`: the body's cache key. */
      bodyKey?: string;
    }
  | { id: number; body: RenderedMarkdown }
  | { id: number; done: true }
  | { id: number; error: string };
