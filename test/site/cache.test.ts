/**
 * The build cache (`.revbook/cache/`) and the worker threads: a warm build
 * re-parses and re-renders nothing and writes the same site, or does nothing
 * at all when `out` is already the build of the same inputs; a changed doc is
 * the only one parsed again, and a doc whose link target disappeared is
 * rendered again; corrupt entries are ignored; `--no-cache` writes no cache;
 * a build on worker threads writes exactly the single-threaded build's site.
 */
import { strict as assert } from "node:assert";
import { promises as fs } from "node:fs";
import path from "node:path";
import { type BuildOptions, buildSite } from "../../generator/site/build.js";
import { packBuffers, readPack } from "../../generator/site/cache/pack-store.js";
import { setRacyWindow } from "../../generator/site/workspace-files.js";
import { makeTempDir, REPO_ROOT, removeTempDir, runCli } from "../helpers/cli.js";
import { TEST_NOW } from "../helpers/workspace.js";
import { tree } from "./fixture.js";

const ACME = path.join(REPO_ROOT, "examples/acme");

describe("site: build cache and worker threads", function () {
  this.timeout(180_000);
  let tmp: string;
  let ws: string;

  beforeEach(async () => {
    tmp = await makeTempDir("revbook-site-cache-");
    ws = path.join(tmp, "ws");
    await fs.cp(ACME, ws, { recursive: true, filter: (src) => !src.includes(`${path.sep}.revbook`) });
  });
  afterEach(() => removeTempDir(tmp));

  const build = async (out: string, options: Partial<BuildOptions> = {}): Promise<string[]> => {
    const lines: string[] = [];
    const r = await buildSite({
      dir: ws,
      out,
      now: TEST_NOW,
      workers: 0,
      log: (l) => lines.push(l),
      ...options,
    });
    assert.equal(r.code, 0);
    return lines;
  };
  const line = (lines: string[], pattern: RegExp): string => lines.find((l) => pattern.test(l)) ?? "";

  it("re-parses and re-renders nothing on a warm build, and writes the same site", async () => {
    const cold = await build(path.join(tmp, "a"));
    const files = /read (\d+) files/.exec(line(cold, /^read /))?.[1];
    const docs = /^(\d+) docs/.exec(line(cold, / docs: /))?.[1];
    assert.ok(Number(files) > 20 && Number(docs) > 5);
    assert.equal(line(cold, /^read /), `read ${files} files (0 from the cache, ${files} parsed)`);
    assert.equal(line(cold, / docs: /), `${docs} docs: 0 from the cache, ${docs} rendered`);
    const warm = await build(path.join(tmp, "b"));
    assert.equal(line(warm, /^read /), `read ${files} files (${files} from the cache, 0 parsed)`);
    assert.equal(line(warm, / docs: /), `${docs} docs: ${docs} from the cache, 0 rendered`);
    assert.deepEqual(await tree(path.join(tmp, "b")), await tree(path.join(tmp, "a")));
  });

  it("does nothing when out is already the build of unchanged inputs, and rebuilds when any input changed", async () => {
    const out = path.join(tmp, "out");
    const first = await buildSite({ dir: ws, out, now: TEST_NOW, workers: 0 });
    const before = await tree(out);
    const stamp = (await fs.stat(path.join(out, "index.html"))).mtimeMs;
    const lines: string[] = [];
    const again = await buildSite({ dir: ws, out, now: TEST_NOW, workers: 0, log: (l) => lines.push(l) });
    assert.equal(again.code, 0);
    assert.ok(lines.includes(`${out} is up to date (nothing changed since it was built)`), lines.join("\n"));
    assert.ok(!lines.some((l) => l.startsWith("read ")));
    assert.deepEqual(again.files, first.files);
    assert.deepEqual(again.diagnostics, first.diagnostics);
    assert.equal((await fs.stat(path.join(out, "index.html"))).mtimeMs, stamp);
    assert.deepEqual(await tree(out), before);
    // Another day (doc-stale counts days), a removed output file, or a changed doc: a real build.
    const nextDay = await build(out, { now: TEST_NOW + 86_400_000 });
    assert.ok(nextDay.some((l) => l.startsWith("read ")));
    await fs.rm(path.join(out, "glossary/index.html"));
    const repaired = await build(out, { now: TEST_NOW + 86_400_000 });
    assert.ok(repaired.some((l) => l.startsWith("read ")));
    await fs.access(path.join(out, "glossary/index.html"));
    await fs.appendFile(path.join(ws, "handbook/sales/deal-desk.md"), "\nOne more line.\n");
    const edited = await build(out, { now: TEST_NOW + 86_400_000 });
    assert.match(line(edited, /^read /), /, 1 parsed\)$/);
    assert.ok(
      (await fs.readFile(path.join(out, "sales/deal-desk/index.html"), "utf8")).includes("One more line."),
    );
    // Without the cache there is no shortcut.
    const uncached = await build(out, { now: TEST_NOW + 86_400_000, cache: false });
    assert.ok(uncached.some((l) => l.startsWith("read ")));
  });

  it("skips hashing files whose stats are as recorded; a touch changes nothing, a content change with restored mtime is still seen", async () => {
    const racy = setRacyWindow(-60_000);
    try {
      const out = path.join(tmp, "out");
      const hashed = (lines: string[]): string =>
        line(lines, /^hashed /)
          .split(" ")
          .slice(0, 4)
          .join(" ");
      const first = await build(out);
      assert.match(line(first, /^hashed /), /^hashed (\d+) of \1 files/);
      const before = await tree(out);
      const warm = await build(out);
      assert.equal(hashed(warm), `hashed 0 of ${line(first, /^hashed /).split(" ")[3]}`);
      assert.ok(warm.includes(`${out} is up to date (nothing changed since it was built)`), warm.join("\n"));
      // `touch`: new times, same content: hashed again, and still up to date with the same output.
      const doc = path.join(ws, "handbook/sales/deal-desk.md");
      const later = new Date(Date.now() + 5_000);
      await fs.utimes(doc, later, later);
      const touched = await build(out);
      assert.match(line(touched, /^hashed /), /^hashed 1 of /);
      assert.ok(
        touched.includes(`${out} is up to date (nothing changed since it was built)`),
        touched.join("\n"),
      );
      assert.deepEqual(await tree(out), before);
      // Same size, mtime put back: the inode's change time (which utimes cannot set) still differs.
      const stat = await fs.stat(doc);
      const text = await fs.readFile(doc, "utf8");
      // One letter of the body's last word (the front matter stays valid).
      const edited = text.replace(/[a-z](?=[^a-z]*$)/, (c) => (c === "x" ? "y" : "x"));
      assert.notEqual(edited, text);
      await fs.writeFile(doc, edited);
      await fs.utimes(doc, stat.atime, stat.mtime);
      assert.equal((await fs.stat(doc)).mtimeMs, stat.mtimeMs);
      const changed = await build(out);
      assert.match(line(changed, /^hashed /), /^hashed 1 of /);
      assert.match(line(changed, /^read /), /, 1 parsed\)$/);
    } finally {
      setRacyWindow(racy);
    }
  });

  it("parses only the changed doc, and renders again a doc whose link target is gone", async () => {
    await build(path.join(tmp, "a"));
    const routing = path.join(ws, "handbook/sales/lead-routing.md");
    await fs.appendFile(routing, "\nA new paragraph about [deal desk](deal-desk.md).\n");
    const changed = await build(path.join(tmp, "b"));
    assert.match(line(changed, /^read /), /\(\d+ from the cache, 1 parsed\)$/);
    assert.match(line(changed, / docs: /), /, 1 rendered$/);
    const page = await fs.readFile(path.join(tmp, "b/sales/lead-routing/index.html"), "utf8");
    assert.ok(
      page.includes('A new paragraph about <a href="/sales/deal-desk/" class="internal">deal desk</a>.'),
    );
    // The link target disappears: the linking docs' texts are unchanged, but their bodies are rendered again.
    await fs.rm(path.join(ws, "handbook/sales/deal-desk.md"));
    const linking = [];
    for (const [file, text] of await tree(path.join(ws, "handbook")))
      if (text.includes("deal-desk.md")) linking.push(file);
    assert.ok(linking.includes("sales/lead-routing.md") && linking.length < 7, linking.join());
    const removed = await build(path.join(tmp, "c"), { allowErrors: true });
    assert.equal(
      line(removed, / docs: /),
      `7 docs: ${7 - linking.length} from the cache, ${linking.length} rendered`,
    );
    const after = await fs.readFile(path.join(tmp, "c/sales/lead-routing/index.html"), "utf8");
    assert.ok(after.includes('A new paragraph about <span class="unresolved-link">deal desk</span>.'));
  });

  it("ignores corrupt and foreign cache entries", async () => {
    await build(path.join(tmp, "a"));
    const cache = path.join(ws, ".revbook/cache");
    const entries = [...(await tree(cache)).keys()];
    assert.ok(entries.includes("parse.pack") && entries.includes("body.pack"), entries.join(", "));
    await Promise.all(
      entries.map((e, i) =>
        fs.writeFile(
          path.join(cache, e),
          i % 2 === 0 ? "not a cache entry" : Buffer.from([0xff, 0x0d, 0x6f]),
        ),
      ),
    );
    const lines = await build(path.join(tmp, "b"));
    assert.match(line(lines, /^read /), /\(0 from the cache, \d+ parsed\)$/);
    assert.deepEqual(await tree(path.join(tmp, "b")), await tree(path.join(tmp, "a")));
  });

  it("reads a pack file only when it is whole", () => {
    const entries = new Map<string, Uint8Array>([
      ["a", Buffer.from("first entry")],
      ["b", new Uint8Array(0)],
      ["c\u00e9", Buffer.from([0, 255, 10])],
    ]);
    const bytes = Buffer.concat(packBuffers(entries));
    assert.deepEqual(
      [...readPack(bytes)].map(([k, v]) => [k, Buffer.from(v).toString("hex")]),
      [...entries].map(([k, v]) => [k, Buffer.from(v).toString("hex")]),
    );
    assert.equal(readPack(bytes.subarray(0, bytes.length - 1)).size, 0, "cut short");
    assert.equal(readPack(Buffer.concat([bytes, Buffer.from("x")])).size, 0, "bytes after the last entry");
    assert.equal(
      readPack(Buffer.from(bytes.toString("latin1").replace('["a",11]', '["a",99]'), "latin1")).size,
      0,
    );
    assert.equal(
      readPack(Buffer.from(bytes.toString("latin1").replace("pack-2", "pack-1"), "latin1")).size,
      0,
    );
    assert.equal(readPack(new Uint8Array(0)).size, 0);
  });

  it("keeps parses and doc bodies in two packs that hold only what the last build used", async () => {
    await build(path.join(tmp, "a"));
    const cache = path.join(ws, ".revbook/cache");
    const files = [...(await tree(cache)).keys()].filter((f) => !f.startsWith("lint/")).sort();
    assert.deepEqual(files, ["body.pack", "file-stats.json", "parse.pack"]);
    const sizes = async (): Promise<number[]> =>
      Promise.all(["parse.pack", "body.pack"].map(async (f) => (await fs.stat(path.join(cache, f))).size));
    const before = await sizes();
    // A doc removed: its parse and body leave the packs at the next build.
    await fs.rm(path.join(ws, "handbook/sales/lead-routing.md"));
    // Links to it are now broken (lint errors).
    const lines = await build(path.join(tmp, "b"), { allowErrors: true });
    assert.match(line(lines, /^read /), /\(\d+ from the cache, 0 parsed\)$/);
    const after = await sizes();
    assert.ok(after[0]! < before[0]! && after[1]! < before[1]!, `${before} → ${after}`);
  });

  it("writes no cache with --no-cache (real CLI)", async () => {
    const r = await runCli(
      ["build", ws, "--out", path.join(tmp, "out"), "--no-cache", "--now", "2026-06-01"],
      {
        cwd: tmp,
        timeoutMs: 90_000,
      },
    );
    assert.equal(r.code, 0, r.stderr);
    await fs.access(path.join(tmp, "out/index.html"));
    await assert.rejects(fs.access(path.join(ws, ".revbook")));
  });

  it("starts worker threads while files are hashed when many changed, and none for a warm build", async () => {
    // The files were just copied: stats this fresh are not trusted within the racy window.
    const racy = setRacyWindow(-60_000);
    try {
      const cold = await build(path.join(tmp, "out"), { workers: 2, minTasksForWorkers: 10 });
      const files = Number(line(cold, /^hashed /).split(" ")[3]);
      assert.ok(files > 10);
      assert.deepEqual(cold.slice(0, 3), [
        "reading workspace…",
        `${files} files changed: starting 2 worker threads`,
        `hashed ${files} of ${files} files (the others' size, times and inode are as recorded)`,
      ]);
      const warm = await build(path.join(tmp, "out"), { workers: 2, minTasksForWorkers: 10 });
      assert.ok(!warm.some((l) => l.includes("worker threads")), warm.join("\n"));
      await fs.appendFile(path.join(ws, "handbook/sales/deal-desk.md"), "\nOne more line.\n");
      const changed = await build(path.join(tmp, "out"), { workers: 2, minTasksForWorkers: 10 });
      assert.ok(!changed.some((l) => l.includes("worker threads")), changed.join("\n"));
      assert.match(line(changed, /^read /), /, 1 parsed\)$/);
    } finally {
      setRacyWindow(racy);
    }
  });

  it("restores the bodies worker threads rendered and stored, and writes the same site from them", async () => {
    const threads = await build(path.join(tmp, "threads"), { workers: 2, minTasksForWorkers: 1 });
    const docs = Number(line(threads, / docs: /).split(" ")[0]);
    assert.equal(line(threads, / docs: /), `${docs} docs: 0 from the cache, ${docs} rendered`);
    const again = await build(path.join(tmp, "again"), { workers: 0 });
    assert.equal(line(again, / docs: /), `${docs} docs: ${docs} from the cache, 0 rendered`);
    await build(path.join(tmp, "single"), { cache: false, workers: 0 });
    // The pages; the manifests differ (a cached build records the key of its inputs).
    const pages = async (out: string): Promise<Map<string, string>> => {
      const files = await tree(path.join(tmp, out));
      files.delete(".revbook-manifest.json");
      return files;
    };
    assert.deepEqual(await pages("again"), await pages("single"));
    assert.deepEqual(await pages("threads"), await pages("single"));
  });

  it("writes exactly the single-threaded site from worker threads", async () => {
    await build(path.join(tmp, "single"), { cache: false, workers: 0 });
    const lines = await build(path.join(tmp, "threads"), { cache: false, workers: 2, minTasksForWorkers: 1 });
    assert.ok(
      lines.some((l) => / rendered$/.test(l)),
      lines.join("\n"),
    );
    assert.deepEqual(await tree(path.join(tmp, "threads")), await tree(path.join(tmp, "single")));
  });
});
