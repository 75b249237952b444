/**
 * Watches a workspace folder for `revbook serve`, skipping revbook's own
 * folders (`.revbook/`, the configured `out`), `node_modules` and dot-folders,
 * and reports the changed workspace-relative paths in batches once the folder
 * has been quiet for `debounceMs`.
 *
 * One non-recursive `fs.watch` per folder rather than `{ recursive: true }`:
 * Node 20's recursive watcher on Linux watches each file, and loses a file
 * once an editor saves it atomically (write a temporary file, rename it over),
 * so the second save went unnoticed. A folder's watcher sees its children
 * replaced, added and removed by name. New folders get a watcher as they
 * appear; watchers of folders that are gone are dropped.
 */
import { type FSWatcher, readdirSync, statSync, watch } from "node:fs";
import path from "node:path";

export interface WatchOptions {
  /** Workspace-relative folders (with `/`) whose changes are ignored, e.g. `public`. */
  ignore: readonly string[];
  debounceMs?: number;
  onChange: (paths: string[]) => void;
  onError?: (error: Error) => void;
}

export interface WorkspaceWatcher {
  close(): void;
}

/** Whether a changed path (relative, `/`) is one serve should ignore. */
export function ignoredPath(rel: string, ignore: readonly string[]): boolean {
  const parts = rel.split("/");
  if (parts.some((p) => p === "node_modules" || (p.startsWith(".") && p !== "." && p !== ".."))) return true;
  return ignore.some((dir) => dir !== "" && (rel === dir || rel.startsWith(`${dir}/`)));
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

export function watchWorkspace(root: string, options: WatchOptions): WorkspaceWatcher {
  const ignore = options.ignore.map((d) => d.replace(/^\.\/+/, "").replace(/\/+$/, ""));
  const watchers = new Map<string, FSWatcher>();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const flush = (): void => {
    timer = undefined;
    // Folders that were removed or renamed away stop being watched (only those at or
    // below a changed path can be: their parent folder reports the removal).
    const gone = (dir: string): boolean =>
      dir !== "" &&
      [...pending].some((p) => dir === p || dir.startsWith(`${p}/`)) &&
      !isDirectory(path.join(root, dir));
    for (const [dir, w] of watchers) {
      if (gone(dir)) {
        w.close();
        watchers.delete(dir);
      }
    }
    const paths = [...pending].sort();
    pending.clear();
    if (paths.length > 0) options.onChange(paths);
  };

  const record = (rel: string): void => {
    if (closed || ignoredPath(rel, ignore)) return;
    pending.add(rel);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, options.debounceMs ?? 100);
  };

  const addTree = (dir: string): void => {
    if (closed || watchers.has(dir) || (dir !== "" && ignoredPath(dir, ignore))) return;
    const abs = path.join(root, dir);
    let w: FSWatcher;
    try {
      w = watch(abs, (_event, name) => {
        // Without a name (rare, platform-dependent) we cannot tell what changed: treat it as the config.
        const rel = name ? (dir ? `${dir}/${name.toString()}` : name.toString()) : "revbook.yaml";
        if (name && isDirectory(path.join(root, rel))) addTree(rel);
        record(rel);
      });
    } catch {
      return; // gone already, or unreadable: nothing to watch
    }
    w.on("error", (error) => {
      w.close();
      watchers.delete(dir);
      if (dir === "") options.onError?.(error);
    });
    watchers.set(dir, w);
    let entries: import("node:fs").Dirent[] = [];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      // unreadable folder: its own watcher is all we get
    }
    for (const e of entries) if (e.isDirectory()) addTree(dir ? `${dir}/${e.name}` : e.name);
  };

  addTree("");
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending.clear();
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
