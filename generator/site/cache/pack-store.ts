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
 *
 * The pack is a header line, an index (JSON: each key and its entry's length) and the
 * entries' bytes one after another, written straight from the entries' buffers: serializing
 * the whole map into one buffer first (the first format) held a copy of a cold build's
 * 125 MB of entries and took the main thread a third of a second just as pages were written.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { deserialize, serialize } from "node:v8";

const MAGIC = Buffer.from("revbook-cache-pack-2\n");
/** Buffers per `writev` call (a system call takes at most IOV_MAX, often 1,024). */
const WRITE_BATCH = 1024;

/** The entries of a pack file's bytes; empty when they are not a whole pack of this format. */
export function readPack(bytes: Uint8Array): Map<string, Uint8Array> {
  const entries = new Map<string, Uint8Array>();
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.length < MAGIC.length + 4 || !data.subarray(0, MAGIC.length).equals(MAGIC)) return entries;
  const indexLength = data.readUInt32LE(MAGIC.length);
  let at = MAGIC.length + 4 + indexLength;
  if (at > data.length) return entries;
  let index: unknown;
  try {
    index = JSON.parse(data.toString("utf8", MAGIC.length + 4, at));
  } catch {
    return entries;
  }
  if (!Array.isArray(index)) return entries;
  for (const item of index) {
    const [key, length] = Array.isArray(item) ? (item as unknown[]) : [];
    if (typeof key !== "string" || !Number.isSafeInteger(length) || (length as number) < 0) return new Map();
    const end = at + (length as number);
    if (end > data.length) return new Map();
    entries.set(key, data.subarray(at, end));
    at = end;
  }
  return at === data.length ? entries : new Map();
}

/** A pack file's bytes, in the buffers to write one after another (the entries' own, not copies). */
export function packBuffers(entries: ReadonlyMap<string, Uint8Array>): Uint8Array[] {
  const index = JSON.stringify([...entries].map(([key, bytes]) => [key, bytes.byteLength]));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(Buffer.byteLength(index));
  return [MAGIC, length, Buffer.from(index), ...entries.values()];
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
      stored = readPack(await fs.readFile(file));
    } catch {
      // Missing or unreadable: an empty cache.
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
      const buffers = packBuffers(this.kept);
      const handle = await fs.open(tmp, "w");
      try {
        for (let i = 0; i < buffers.length; i += WRITE_BATCH) {
          const batch = buffers.slice(i, i + WRITE_BATCH);
          const { bytesWritten } = await handle.writev(batch);
          if (bytesWritten !== batch.reduce((sum, b) => sum + b.byteLength, 0))
            throw new Error("short write");
        }
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, this.file);
    } catch {
      await fs.rm(tmp, { force: true }).catch(() => {});
    }
  }
}
