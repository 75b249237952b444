/**
 * A kind of build cache entry kept in one pack file,
 * `<workspace>/.revbook/cache/<kind>.pack`, for the thousands of small entries
 * a build makes (one per parsed file, one per doc body). One file per entry cost
 * a cold build of GitLab's handbook 8,000 file creations, and on ext4 creating
 * files is what the kernel spends its time on (inode allocation), up to a fifth
 * of the build. The pack is read whole when the store opens; entries are
 * deserialized when asked for. `save` writes, atomically (temporary file +
 * rename), the entries this build read or added, so entries nothing asks for
 * any more drop out instead of piling up. A missing, unreadable or corrupt pack
 * reads as empty; a pack that cannot be written is skipped: the cache only ever
 * speeds a build up.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { deserialize, serialize } from "node:v8";

const FORMAT = "revbook-cache-pack-1";

interface Pack {
  format: typeof FORMAT;
  entries: Map<string, Uint8Array>;
}

export class PackStore {
  hits = 0;
  misses = 0;
  private readonly kept = new Map<string, Uint8Array>();
  private added = 0;

  private constructor(
    private readonly file: string,
    private readonly stored: Map<string, Uint8Array>,
  ) {}

  /** The pack of `kind` in the cache folder `dir` (`<workspace>/.revbook/cache`). */
  static async open(dir: string, kind: string): Promise<PackStore> {
    const file = path.join(dir, `${kind}.pack`);
    let stored = new Map<string, Uint8Array>();
    try {
      const pack = deserialize(await fs.readFile(file)) as Pack;
      if (pack?.format === FORMAT && pack.entries instanceof Map) stored = pack.entries;
    } catch {
      // Missing, unreadable or not a pack: an empty cache.
    }
    return new PackStore(file, stored);
  }

  /** The value stored under `key`, or undefined (missing or unreadable). */
  get<T>(key: string): T | undefined {
    const bytes = this.kept.get(key) ?? this.stored.get(key);
    if (bytes) {
      try {
        const value = deserialize(bytes) as T;
        this.kept.set(key, bytes);
        this.hits++;
        return value;
      } catch {
        // A corrupt entry is a miss.
      }
    }
    this.misses++;
    return undefined;
  }

  /** Stores a value (structured-cloneable data) for `save`. */
  put(key: string, value: unknown): void {
    this.putBytes(key, serialize(value));
  }

  /** Stores a value already serialized with `v8.serialize` (by a worker thread, off the main one). */
  putBytes(key: string, bytes: Uint8Array): void {
    this.kept.set(key, bytes);
    this.added++;
  }

  /** Writes the entries read or added since `open`, unless that is exactly what the pack holds. */
  async save(): Promise<void> {
    if (this.added === 0 && this.kept.size === this.stored.size) return;
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await fs.writeFile(tmp, serialize({ format: FORMAT, entries: this.kept } satisfies Pack));
      await fs.rename(tmp, this.file);
    } catch {
      await fs.rm(tmp, { force: true }).catch(() => {});
    }
  }
}
