/**
 * How the tests launch Debian's Chromium through playwright-core: headless,
 * no sandbox (CI runs as root), and nothing that would reach the network or
 * write outside the test's own profile.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Chromium's path: $CHROMIUM_PATH, then `chromium` / `chromium-browser` on PATH, then the usual places. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      const found = execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
      if (found && existsSync(found)) return found;
    } catch {
      // Not on PATH: try the next name.
    }
  }
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium"].find((p) => existsSync(p));
}
