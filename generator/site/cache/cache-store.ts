/**
 * The build cache on disk, `<workspace>/.revbook/cache/`: content-addressed
 * entries (the key is a SHA-256 of everything the value depends on, always
 * including revbook's code key, code-key.ts). This store keeps one file per
 * entry, written atomically (temporary file + rename): for the few large entries
 * (a build's lint results); the thousands of small ones (parses, doc bodies) are
 * kept in packs (pack-store.ts). An entry that is
 * missing, unreadable, corrupt, from another version or for another key reads
 * as a miss; a cache that cannot be written is skipped silently. The cache
 * only ever speeds a build up: it never changes what is built.
 */
import { createHash, randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { revbookCodeKey } from "./code-key.js";

export { revbookCodeKey };

/** The cache folder of a workspace. */
export function cacheDir(workspaceRoot: string): string {
  return path.join(workspaceRoot, ".revbook", "cache");
}

/** A SHA-256 key of the parts (joined unambiguously) and revbook's code key. */
export function cacheKey(...parts: (string | Uint8Array)[]): string {
  const hash = createHash("sha256").update(revbookCodeKey());
  for (const part of parts) {
    const bytes = typeof part === "string" ? Buffer.from(part) : part;
    hash.update(`${bytes.length}:`).update(bytes);
  }
  return hash.digest("hex");
}

interface Entry {
  key: string;
  value: unknown;
}

/** File operations in flight at once (a build's thousands of entries must not exhaust file descriptors). */
const MAX_IN_FLIGHT = 32;

export class CacheStore {
  private readonly madeFolders = new Set<string>();
  private inFlight = 0;
  private readonly queue: (() => void)[] = [];
  hits = 0;
  misses = 0;

  constructor(
    /** `<workspace>/.revbook/cache`. */
    readonly dir: string,
    /** Which kind of entry (`lint`, …): a folder of its own. */
    readonly kind: string,
  ) {}

  private file(key: string): string {
    return path.join(this.dir, this.kind, key.slice(0, 2), key);
  }

  private async slot<T>(work: () => Promise<T>): Promise<T> {
    if (this.inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.inFlight++;
    try {
      return await work();
    } finally {
      this.inFlight--;
      this.queue.shift()?.();
    }
  }

  /** The value stored under `key`, or undefined (missing, corrupt, another key). */
  get<T>(key: string): Promise<T | undefined> {
    return this.slot(() => this.read<T>(key));
  }

  /** Stores a value (structured-cloneable data); failures are ignored. */
  put(key: string, value: unknown): Promise<void> {
    return this.slot(() => this.write(key, value));
  }

  private async read<T>(key: string): Promise<T | undefined> {
    try {
      const entry = deserialize(await fs.readFile(this.file(key))) as Entry;
      if (entry && typeof entry === "object" && entry.key === key) {
        this.hits++;
        return entry.value as T;
      }
    } catch {
      // a miss
    }
    this.misses++;
    return undefined;
  }

  private async write(key: string, value: unknown): Promise<void> {
    const file = this.file(key);
    const folder = path.dirname(file);
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      if (!this.madeFolders.has(folder)) {
        await fs.mkdir(folder, { recursive: true });
        this.madeFolders.add(folder);
      }
      await fs.writeFile(tmp, serialize({ key, value } satisfies Entry));
      await fs.rename(tmp, file);
    } catch {
      await fs.rm(tmp, { force: true }).catch(() => {});
    }
  }
}
