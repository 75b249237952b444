/**
 * The build's worker threads (site-worker.ts), one per core by default
 * (`os.availableParallelism()`): parse tasks go to the least loaded worker (by
 * bytes outstanding); a doc's render task goes to the worker that parsed it,
 * which still holds its mdast tree. A worker that fails rejects every task it
 * holds, so the build fails and leaves `out` untouched.
 */
import os from "node:os";
import { deserialize } from "node:v8";
import { Worker } from "node:worker_threads";
import type { TextlessSource } from "../cache/portable-source.js";
import type { RenderedMarkdown } from "../markdown-to-html.js";
import type { RenderContext, WorkerReply, WorkerRequest } from "./messages.js";

/** A file parsed by a worker (`WorkerPool.parse`): values, and the same serialized for the cache. */
export interface Parsed {
  source: TextlessSource;
  sourceBytes: Uint8Array;
  /** The body (a `RenderedMarkdown`), serialized: read when its page is written. */
  bodyBytes?: Uint8Array;
  bodyKey?: string;
}

/** Requests without their id (the pool numbers them). */
type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

interface Slot {
  worker: Worker;
  /** Bytes of text sent and not answered yet. */
  load: number;
  pending: Set<number>;
}

/** How many workers a build uses by default: one per core, none on a single core. */
export function defaultWorkerCount(): number {
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return cores > 1 ? Math.min(cores, 8) : 0;
}

export class WorkerPool {
  private readonly slots: Slot[];
  private readonly waiting = new Map<
    number,
    { resolve: (r: WorkerReply) => void; reject: (e: Error) => void; slot: Slot; bytes: number }
  >();
  private nextId = 1;
  /** Which worker parsed each file (and so holds its tree). */
  private readonly parsedBy = new Map<string, Slot>();

  constructor(size: number) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => {
      const worker = new Worker(new URL("./site-worker.js", import.meta.url));
      const slot: Slot = { worker, load: 0, pending: new Set() };
      worker.on("message", (reply: WorkerReply) => this.settle(reply));
      worker.on("error", (error) => this.fail(slot, error));
      worker.on("exit", (code) => {
        if (slot.pending.size > 0) this.fail(slot, new Error(`a build worker exited (code ${code})`));
      });
      return slot;
    });
  }

  get size(): number {
    return this.slots.length;
  }

  private settle(reply: WorkerReply): void {
    const task = this.waiting.get(reply.id);
    if (!task) return;
    this.waiting.delete(reply.id);
    task.slot.pending.delete(reply.id);
    task.slot.load -= task.bytes;
    if ("error" in reply) task.reject(new Error(`build worker: ${reply.error}`));
    else task.resolve(reply);
  }

  private fail(slot: Slot, error: Error): void {
    for (const id of slot.pending) {
      const task = this.waiting.get(id);
      this.waiting.delete(id);
      task?.reject(error);
    }
    slot.pending.clear();
  }

  private send(slot: Slot, request: Request, bytes: number): Promise<WorkerReply> {
    const id = this.nextId++;
    slot.pending.add(id);
    slot.load += bytes;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, slot, bytes });
      slot.worker.postMessage({ ...request, id });
    });
  }

  private leastLoaded(): Slot {
    return this.slots.reduce((best, s) => (s.load < best.load ? s : best));
  }

  /**
   * Parses a file in a worker; its source comes back without the text sent (`withText` puts
   * it back; the cache stores it so), with its serialized form (`sourceBytes`, a parse cache
   * entry). With `render` (after `setContext`), a doc's body comes back too (docs with embeds
   * excepted), serialized only, and its cache key if asked for; otherwise the worker keeps a
   * doc's tree for `render`.
   */
  async parse(
    file: string,
    kind: "yaml" | "markdown",
    text: string,
    render?: { bodyKey: boolean },
  ): Promise<Parsed> {
    const slot = this.leastLoaded();
    this.parsedBy.set(file, slot);
    const request = {
      type: "parse",
      file,
      kind,
      text,
      render: Boolean(render),
      bodyKey: render?.bodyKey,
    } as const;
    const reply = await this.send(slot, request, text.length);
    if (!("sourceBytes" in reply)) throw new Error("build worker: no parse result");
    const parsed: Parsed = {
      source: deserialize(reply.sourceBytes) as TextlessSource,
      sourceBytes: reply.sourceBytes,
    };
    if (reply.bodyBytes) {
      this.parsedBy.delete(file);
      parsed.bodyBytes = reply.bodyBytes;
      parsed.bodyKey = reply.bodyKey;
    }
    return parsed;
  }

  /** Gives every worker the render context. */
  async setContext(context: RenderContext): Promise<void> {
    await Promise.all(this.slots.map((slot) => this.send(slot, { type: "context", ...context }, 0)));
  }

  /** Renders a doc's Markdown body in the worker that parsed it (or the least loaded one). */
  async render(file: string, text: string): Promise<RenderedMarkdown> {
    const slot = this.parsedBy.get(file) ?? this.leastLoaded();
    this.parsedBy.delete(file);
    const reply = await this.send(slot, { type: "render", file, text }, text.length);
    if (!("body" in reply) || !reply.body) throw new Error("build worker: no render result");
    return reply.body;
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** Fewer tasks than this are done on the main thread: starting workers costs more. */
export const MIN_TASKS_FOR_WORKERS = 64;

/** Starts the pool the first time a step has enough work for it, and shares it between steps. */
export class LazyWorkers {
  private pool: WorkerPool | undefined;

  constructor(
    /** Worker threads (0: none, everything on the main thread). */
    readonly size: number = defaultWorkerCount(),
    readonly minTasks: number = MIN_TASKS_FOR_WORKERS,
  ) {}

  /**
   * Starts the pool now, when a step will have `tasks` tasks for it: the workers load their
   * modules while the main thread goes on (reading and hashing the files to parse).
   */
  prestart(tasks: number): boolean {
    return this.forTasks(tasks) !== undefined;
  }

  /** The pool, for a step with `tasks` tasks; undefined: do them on the main thread. */
  forTasks(tasks: number): WorkerPool | undefined {
    if (this.pool) return this.pool;
    if (this.size < 1 || tasks < this.minTasks) return undefined;
    this.pool = new WorkerPool(this.size);
    return this.pool;
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }
}
