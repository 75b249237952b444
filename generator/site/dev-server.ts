/**
 * The HTTP side of `revbook serve` (CLI.md "serve"): serves the folder the
 * last build wrote, with `node:http` only. Static files get their content type
 * and `Cache-Control: no-cache`; a folder serves its `index.html`; anything
 * missing gets the site's `404.html` with status 404; a path that would leave
 * the folder (`..`, encoded or not) never reaches the file system. Into every
 * HTML response it injects the live-reload script (a file, because the page's
 * CSP allows `script-src 'self'` only) and, when the last lint had errors, a
 * banner linking to the status page. Open pages listen on a server-sent events
 * stream (`/__revbook/events`); `reload()` tells them all to reload.
 */
import { promises as fs } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { escapeHtml } from "./html.js";

/** Where the dev server's own endpoints live (always at the server root, whatever `baseUrl` is). */
export const DEV_PREFIX = "/__revbook/";
export const EVENTS_PATH = `${DEV_PREFIX}events`;
export const LIVE_RELOAD_PATH = `${DEV_PREFIX}live-reload.js`;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  "": "text/plain; charset=utf-8",
};

/** The content type of a served file, by extension (`_redirects`, without one, is text). */
export function contentType(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

/** What the pages should show about the last build. */
export interface ServeStatus {
  /** Lint errors of the last build. */
  errors: number;
  /** Why the last rebuild failed (e.g. revbook.yaml is invalid): the previous build is still served. */
  problem?: string;
}

/** The banner shown at the top of every page while there are lint errors or a failed rebuild. */
export function bannerHtml(status: ServeStatus, statusUrl: string): string {
  const parts: string[] = [];
  if (status.problem) parts.push(`<span>${escapeHtml(status.problem)}</span>`);
  if (status.errors > 0) {
    const noun = status.errors === 1 ? "lint error" : "lint errors";
    parts.push(`<a href="${escapeHtml(statusUrl)}">${status.errors} ${noun} — see the status page</a>`);
  }
  if (parts.length === 0) return "";
  return `<div class="revbook-banner" role="alert">${parts.join(" ")}</div>`;
}

/** Adds the live-reload script to `<head>` and the banner (if any) at the start of `<body>`. */
export function injectDevHtml(page: string, banner: string): string {
  const script = `<script src="${LIVE_RELOAD_PATH}" defer></script>`;
  let out = page.includes("</head>") ? page.replace("</head>", `${script}\n</head>`) : `${script}\n${page}`;
  if (banner) {
    const body = /<body[^>]*>/i.exec(out);
    out = body
      ? `${out.slice(0, body.index + body[0].length)}\n${banner}${out.slice(body.index + body[0].length)}`
      : `${banner}\n${out}`;
  }
  return out;
}

/**
 * Maps a request path (below `baseUrl`, already percent-decoded) to a file
 * inside `root`, or undefined when it would leave `root` or is not a path.
 */
export function resolveInside(root: string, relative: string): string | undefined {
  if (relative.includes("\0") || relative.includes("\\")) return undefined;
  const resolved = path.resolve(root, `.${path.posix.normalize(`/${relative}`)}`);
  const rel = path.relative(root, resolved);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  // A `..` segment anywhere is refused outright, even one that would stay inside.
  if (relative.split("/").includes("..")) return undefined;
  return resolved;
}

export interface DevServerOptions {
  host: string;
  port: number;
  /** The folder currently served (it changes as rebuilds swap folders in). */
  siteDir: () => string;
  /** The path the site lives under (`/`, `/handbook/`). */
  basePath: string;
  status: () => ServeStatus;
  /** The live-reload script's file (handbook-template/live-reload.js). */
  liveReloadFile: string;
}

export interface DevServer {
  /** The URL the site is served at (with the real port when asked for port 0). */
  url: string;
  port: number;
  /** Tells every open page to reload. */
  reload(): void;
  close(): Promise<void>;
}

/** Thrown when the port cannot be listened on (busy, or not allowed). */
export class ListenError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const clients = new Set<http.ServerResponse>();
  const base = options.basePath.endsWith("/") ? options.basePath : `${options.basePath}/`;

  const sendFile = async (
    res: http.ServerResponse,
    file: string,
    status: number,
    head: boolean,
  ): Promise<boolean> => {
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      return false;
    }
    const type = contentType(file);
    if (type.startsWith("text/html")) {
      const banner = bannerHtml(options.status(), `${base}status/`);
      body = Buffer.from(injectDevHtml(body.toString("utf8"), banner), "utf8");
    }
    res.writeHead(status, {
      "Content-Type": type,
      "Content-Length": body.length,
      "Cache-Control": "no-cache",
      "X-Content-Type-Options": "nosniff",
    });
    res.end(head ? undefined : body);
    return true;
  };

  const notFound = async (res: http.ServerResponse, head: boolean): Promise<void> => {
    if (await sendFile(res, path.join(options.siteDir(), "404.html"), 404, head)) return;
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-cache" });
    res.end(head ? undefined : "Not found\n");
  };

  const plain = (res: http.ServerResponse, status: number, text: string): void => {
    res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-cache" });
    res.end(`${text}\n`);
  };

  const openEvents = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache",
      Connection: "keep-alive",
    });
    // A comment straight away: the client knows it is connected.
    res.write("retry: 1000\n: connected\n\n");
    clients.add(res);
    req.on("close", () => clients.delete(res));
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const method = req.method ?? "GET";
    if (method !== "GET" && method !== "HEAD") {
      res.setHeader("Allow", "GET, HEAD");
      plain(res, 405, "Method not allowed");
      return;
    }
    const head = method === "HEAD";
    const rawPath = (req.url ?? "/").split("?")[0] ?? "/";
    let pathname: string;
    try {
      pathname = decodeURIComponent(rawPath);
    } catch {
      plain(res, 400, "Bad request");
      return;
    }
    if (pathname === EVENTS_PATH) return openEvents(req, res);
    if (pathname === LIVE_RELOAD_PATH) {
      if (!(await sendFile(res, options.liveReloadFile, 200, head))) await notFound(res, head);
      return;
    }
    if (!pathname.startsWith(base)) {
      if (`${pathname}/` === base || pathname === "/") {
        res.writeHead(302, { Location: base, "Cache-Control": "no-cache" });
        res.end();
        return;
      }
      return notFound(res, head);
    }
    const root = options.siteDir();
    const file = resolveInside(root, pathname.slice(base.length));
    if (!file) {
      // A path that tries to leave the site (`..`, NUL, backslashes): refused without touching the disk.
      plain(res, 400, "Bad request");
      return;
    }
    let stat: import("node:fs").Stats | undefined;
    try {
      stat = await fs.stat(file);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      if (!rawPath.endsWith("/")) {
        // Built from the resolved folder, never the raw path: `//host` must not become a redirect elsewhere.
        const rel = path.relative(root, file).split(path.sep).map(encodeURIComponent).join("/");
        const location = rel ? `${base}${rel}/` : base;
        res.writeHead(301, { Location: location, "Cache-Control": "no-cache" });
        res.end();
        return;
      }
      if (await sendFile(res, path.join(file, "index.html"), 200, head)) return;
    } else if (stat?.isFile() && (await sendFile(res, file, 200, head))) return;
    await notFound(res, head);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) plain(res, 500, `Internal error: ${String(error)}`);
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(new ListenError(error.message, error.code));
    };
    server.once("error", onError);
    server.listen(options.port, options.host, () => {
      server.off("error", onError);
      resolve();
    });
  });

  // Keeps proxies and idle timers from dropping quiet event streams.
  const heartbeat = setInterval(() => {
    for (const c of clients) c.write(": ping\n\n");
  }, 15_000);
  heartbeat.unref();

  const port = (server.address() as AddressInfo).port;
  const hostInUrl = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${hostInUrl}:${port}${base}`,
    port,
    reload() {
      for (const c of clients) c.write(`event: reload\ndata: ${Date.now()}\n\n`);
    },
    close() {
      clearInterval(heartbeat);
      for (const c of clients) c.end();
      clients.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
