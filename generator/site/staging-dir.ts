/**
 * The atomic output folder of a build: a fresh staging folder beside `out`
 * that files are written into one by one as they are rendered (nothing is held
 * in memory), then a manifest of what was written, then the swap: `out` is
 * renamed away, the staging folder renamed to `out`, and the old folder
 * removed. A build that fails before the swap removes only its staging folder,
 * so the previous `out` is untouched. Every path is checked to stay inside the
 * staging folder.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { VERSION } from "../version.js";
import { insideOut } from "./routes.js";

export const MANIFEST = ".revbook-manifest.json";

/** Page writes `writeSoon` keeps in flight: enough to keep libuv's four I/O threads busy. */
const WRITES_IN_FLIGHT = 16;

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

export class StagingDir {
  private readonly written: string[] = [];
  private readonly folders = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  private constructor(
    readonly out: string,
    /** The staging folder beside `out`. */
    readonly dir: string,
    private readonly tag: string,
    private readonly failAfterFiles: number | undefined,
  ) {}

  /** Creates the staging folder beside `out`. `failAfterFiles` is a test hook: fail on the next write after that many files. */
  static async open(out: string, failAfterFiles?: number): Promise<StagingDir> {
    const parent = path.dirname(out);
    await fs.mkdir(parent, { recursive: true });
    const tag = `${process.pid}-${randomBytes(4).toString("hex")}`;
    const dir = path.join(parent, `.${path.basename(out)}.revbook-tmp-${tag}`);
    await fs.mkdir(dir);
    return new StagingDir(out, dir, tag, failAfterFiles);
  }

  /** How many files were written so far. */
  get count(): number {
    return this.written.length;
  }

  /** Writes one file (relative to `out`, `/`-separated); it must not exist yet. */
  async write(file: string, content: string | Uint8Array): Promise<void> {
    if (this.failAfterFiles !== undefined && this.written.length >= this.failAfterFiles) {
      throw new Error(`injected failure after ${this.written.length} files`);
    }
    const target = insideOut(this.dir, file);
    const folder = path.dirname(target);
    if (!this.folders.has(folder)) {
      await fs.mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    await fs.writeFile(target, content, { flag: "wx" });
    this.written.push(file.split(path.sep).join("/"));
  }

  /**
   * Starts writing one file and returns as soon as fewer than WRITES_IN_FLIGHT writes are
   * pending, so rendering the next page overlaps the file system's work (a third of a
   * cold build otherwise). A failed write surfaces at the next call or in `settle`.
   */
  async writeSoon(file: string, content: string | Uint8Array): Promise<void> {
    this.throwIfFailed();
    const pending: Promise<void> = this.write(file, content)
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.inFlight.delete(pending));
    this.inFlight.add(pending);
    if (this.inFlight.size >= WRITES_IN_FLIGHT) await Promise.race(this.inFlight);
    this.throwIfFailed();
  }

  /** Waits for every `writeSoon` write; throws the first failure. */
  async settle(): Promise<void> {
    await Promise.all(this.inFlight);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  /** Writes the manifest (with `inputs`, the key of what was built, if given) and swaps the staging folder in as `out`; returns the files written, sorted. */
  async commit(inputs?: string): Promise<string[]> {
    await this.settle();
    const files = [...this.written].sort();
    const manifest = { generator: `revbook ${VERSION}`, ...(inputs ? { inputs } : {}), files };
    await fs.writeFile(path.join(this.dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, {
      flag: "wx",
    });
    const parent = path.dirname(this.out);
    if (await exists(this.out)) {
      const old = path.join(parent, `.${path.basename(this.out)}.revbook-old-${this.tag}`);
      await fs.rename(this.out, old);
      try {
        await fs.rename(this.dir, this.out);
      } catch (error) {
        await fs.rename(old, this.out);
        throw error;
      }
      await fs.rm(old, { recursive: true, force: true });
    } else {
      await fs.rename(this.dir, this.out);
    }
    return files;
  }

  /** Removes the staging folder (after a failure); `out` is left as it was. */
  async abort(): Promise<void> {
    // A write still in flight would recreate its folder after the removal.
    await Promise.all(this.inFlight);
    await fs.rm(this.dir, { recursive: true, force: true });
  }
}
