/**
 * One code-server (the VS Code server, extension host included) on a free
 * loopback port, with every folder it writes to under a temporary root, and a
 * headless Chromium (Debian's, driven by playwright-core) as its workbench.
 *
 * `runSuite` is how VS Code's own browser integration tests run: with
 * `--vscode-option enable-smoke-test-driver` the workbench reads the `payload`
 * query parameter (extensionDevelopmentPath, extensionTestsPath), loads the
 * suite module in the extension host, calls its `run()`, and reports through
 * two page functions: `codeAutomationLog` (the suite's console) and
 * `codeAutomationExit` (its exit code).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import net from "node:net";
import path from "node:path";
import { format } from "node:util";
import { type Browser, chromium, type Page } from "playwright-core";
import type { Toolchain } from "./install.js";
import { CHROMIUM_ARGS } from "../helpers/chromium.js";

export interface ServerOptions {
  tools: Toolchain;
  /** Temporary root: user data, extensions, XDG folders and the config live under it. */
  root: string;
  /** Prefix for this server's log lines. */
  name: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (address && typeof address === "object" ? resolve(address.port) : reject()));
    });
  });
}

/** Environment and flags shared by `--install-extension` and the server itself. */
async function baseSetup(opts: ServerOptions): Promise<{ env: NodeJS.ProcessEnv; args: string[] }> {
  const dirs = {
    userData: path.join(opts.root, "user-data"),
    extensions: path.join(opts.root, "extensions"),
    xdgConfig: path.join(opts.root, "xdg-config"),
    xdgData: path.join(opts.root, "xdg-data"),
    xdgCache: path.join(opts.root, "xdg-cache"),
  };
  for (const d of Object.values(dirs)) await fs.mkdir(d, { recursive: true });
  const config = path.join(opts.root, "config.yaml");
  await fs.writeFile(config, "auth: none\ncert: false\n");
  // Quiet, deterministic settings: no welcome page, no telemetry, no auto-save.
  const settingsDir = path.join(dirs.userData, "User");
  await fs.mkdir(settingsDir, { recursive: true });
  await fs.writeFile(
    path.join(settingsDir, "settings.json"),
    JSON.stringify(
      {
        "workbench.startupEditor": "none",
        "workbench.tips.enabled": false,
        "telemetry.telemetryLevel": "off",
        "extensions.autoCheckUpdates": false,
        "extensions.autoUpdate": false,
        "files.autoSave": "off",
        "security.workspace.trust.enabled": false,
        "workbench.colorTheme": "Default Light Modern",
        "editor.hover.delay": 100,
        "editor.minimap.enabled": false,
        "workbench.secondarySideBar.defaultVisibility": "hidden",
        "chat.disableAIFeatures": true,
      },
      null,
      2,
    ),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${path.dirname(opts.tools.node)}${path.delimiter}${process.env.PATH ?? ""}`,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
  };
  // The revbook repo's own scripts must not leak npm's settings into the server.
  for (const k of Object.keys(env)) if (k.startsWith("npm_")) delete env[k];
  const args = [
    "--config",
    config,
    "--user-data-dir",
    dirs.userData,
    "--extensions-dir",
    dirs.extensions,
    "--disable-telemetry",
    "--disable-update-check",
  ];
  return { env, args };
}

/** `code-server --install-extension FILE` into this server's extensions folder. */
export async function installExtension(opts: ServerOptions, vsix: string): Promise<string> {
  const { env, args } = await baseSetup(opts);
  const child = spawn(opts.tools.node, [opts.tools.codeServer, ...args, "--install-extension", vsix], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (output += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (output += c));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", resolve);
  });
  if (code !== 0) throw new Error(`code-server --install-extension ${vsix} exited ${code}:\n${output}`);
  return output;
}

export class CodeServer {
  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
    private readonly output: () => string,
  ) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The server's output so far (for failure messages). */
  log(): string {
    return this.output();
  }

  static async start(opts: ServerOptions): Promise<CodeServer> {
    const { env, args } = await baseSetup(opts);
    const port = await freePort();
    const child = spawn(
      opts.tools.node,
      [
        opts.tools.codeServer,
        ...args,
        "--auth",
        "none",
        "--bind-addr",
        `127.0.0.1:${port}`,
        "--disable-workspace-trust",
        "--disable-getting-started-override",
        "--ignore-last-opened",
        "--vscode-option",
        "enable-smoke-test-driver",
      ],
      // Its own process group, so stop() ends the extension host and language server too.
      { env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    const server = new CodeServer(port, child, () => output);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${opts.name}: code-server did not start in 60 s:\n${output}`)),
        60_000,
      );
      const onData = (chunk: string): void => {
        output += chunk;
        if (output.includes("HTTP server listening")) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.setEncoding("utf8").on("data", onData);
      child.stderr?.setEncoding("utf8").on("data", onData);
      child.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`${opts.name}: code-server exited (${code}) before listening:\n${output}`));
      });
    });
    return server;
  }

  /** `vscode-remote://` URI of a path on this server, as the payload wants it. */
  remote(p: string): string {
    return `vscode-remote://127.0.0.1:${this.port}${p}`;
  }

  workbenchUrl(folder: string, payload?: [string, string][]): string {
    const url = new URL(this.origin + "/");
    url.searchParams.set("folder", folder);
    if (payload) url.searchParams.set("payload", JSON.stringify(payload));
    return url.toString();
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null || !this.child.pid) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    try {
      process.kill(-this.child.pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-this.child.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  }
}

export async function launchBrowser(tools: Toolchain): Promise<Browser> {
  return chromium.launch({
    executablePath: tools.chromium,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
}

export interface SuiteRun {
  exitCode: number;
  /** Every line the suite printed (mocha's spec reporter and our summary). */
  lines: string[];
  /** The rest of the page's console (workbench, extension host). */
  other: string[];
}

/** Must match SUITE_TAG in host/index.ts (the suites' console lines). */
const SUITE_TAG = "[revbook-suite] ";

/**
 * Opens `folder` with the payload that makes the workbench run the suite at
 * `testsPath` in the extension host, relays its console, and resolves with
 * its exit code (rejects after `timeoutMs`).
 */
export async function runSuite(
  server: CodeServer,
  browser: Browser,
  opts: {
    folder: string;
    extensionDevelopmentPath: string;
    testsPath: string;
    timeoutMs: number;
    onLine?: (line: string) => void;
    onOther?: (line: string) => void;
  },
): Promise<SuiteRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page: Page = await context.newPage();
  const lines: string[] = [];
  /** Everything else the page logged (workbench and extension host), for failure reports. */
  const other: string[] = [];
  let settle: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (settle = resolve));
  await page.exposeFunction("codeAutomationLog", (_type: string, args: unknown[]) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    for (const line of text.split("\n")) {
      if (line.startsWith(SUITE_TAG)) {
        lines.push(line.slice(SUITE_TAG.length));
        opts.onLine?.(line.slice(SUITE_TAG.length));
      } else {
        other.push(line);
        opts.onOther?.(line);
      }
    }
  });
  await page.exposeFunction("codeAutomationExit", (code: number) => settle(code));
  const url = server.workbenchUrl(opts.folder, [
    ["extensionDevelopmentPath", server.remote(opts.extensionDevelopmentPath)],
    ["extensionTestsPath", server.remote(opts.testsPath)],
    ["skipWelcome", "true"],
  ]);
  let timer: NodeJS.Timeout | undefined;
  try {
    await page.goto(url);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `the suite did not finish in ${opts.timeoutMs / 1000} s\n--- suite output ---\n${lines.join("\n")}\n--- workbench console ---\n${other.slice(-60).join("\n")}\n--- code-server ---\n${server.log().slice(-4000)}`,
            ),
          ),
        opts.timeoutMs,
      );
    });
    const exitCode = await Promise.race([exited, timeout]);
    return { exitCode, lines, other };
  } finally {
    clearTimeout(timer);
    await context.close();
  }
}
