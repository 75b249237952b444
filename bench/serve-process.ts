/**
 * A `revbook serve` child process for the benchmarks: started on a free port, waited
 * for until it prints its URL, subscribed to its live-reload stream, stopped with
 * SIGTERM. Shared by bench:build (a doc edit on the corpus) and bench:serve
 * (definition edits).
 */
import { spawn } from "node:child_process";
import http from "node:http";
import { REPO_ROOT } from "./synthetic-workspace.js";

export interface ServeProcess {
  url: URL;
  /** From spawning to the printed URL. */
  startMs: number;
  /** Everything the server wrote to stderr so far (its rebuild lines). */
  stderr(): string;
  /** Resolves with `performance.now()` at the next reload event; arm it before the write. */
  nextReload(timeoutMs: number, what: string): Promise<number>;
  stop(): Promise<void>;
}

/** Spawns `node <nodeArgs> bin/revbook.js serve <dir> --port 0` in the repository and waits for its URL. */
export async function startServe(
  dir: string,
  timeoutMs: number,
  nodeArgs: string[] = [],
): Promise<ServeProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, "bin/revbook.js", "serve", dir, "--port", "0"], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (c: string) => {
    stderr += c;
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const stop = async (): Promise<void> => {
    child.kill("SIGTERM");
    await exited;
  };
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("revbook serve printed no URL in time")), timeoutMs);
      child.stdout.setEncoding("utf8").on("data", (c: string) => {
        stdout += c;
        const m = /revbook serve: (http:\/\/\S+) \(Ctrl\+C to stop\)/.exec(stdout);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(new URL(m[1]));
        }
      });
      void exited.then(() => reject(new Error(`revbook serve exited: ${stderr.slice(-800)}`)));
    });
    const startMs = performance.now() - started;
    let onReload: (() => void) | undefined;
    const events = await new Promise<http.ClientRequest>((resolve, reject) => {
      const req = http.get(new URL("/__revbook/events", url), (res) => {
        res.setEncoding("utf8").on("data", (chunk: string) => {
          if (chunk.includes("event: reload")) onReload?.();
        });
        resolve(req);
      });
      req.on("error", reject);
    });
    return {
      url,
      startMs,
      stderr: () => stderr,
      nextReload: (ms, what) =>
        new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`${what}: no reload event within ${ms} ms`)), ms);
          onReload = () => {
            clearTimeout(timer);
            onReload = undefined;
            resolve(performance.now());
          };
        }),
      stop: async () => {
        events.destroy();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
