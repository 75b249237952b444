/**
 * Elementary cycles of a small directed graph whose vertices are numbered in
 * workspace order. Each cycle is found once, starting at its lowest-numbered
 * vertex (the definition that comes first), by a depth-first search restricted
 * to the strongly connected component of that vertex and to higher-numbered
 * vertices. Dense graphs can hold exponentially many cycles, so the search
 * stops after `maxCycles` cycles or `maxSteps` steps. Pure.
 */

export interface CycleLimits {
  maxCycles: number;
  maxSteps: number;
}

const DEFAULT_LIMITS: CycleLimits = { maxCycles: 200, maxSteps: 200_000 };

/** Cycles as vertex lists `[v0, v1, …]` (the edge back to `v0` implied), `v0` the smallest; sorted by `v0`. */
export function elementaryCycles(
  successors: readonly (readonly number[])[],
  limits: CycleLimits = DEFAULT_LIMITS,
): number[][] {
  const component = stronglyConnectedComponents(successors);
  const cycles: number[][] = [];
  let steps = 0;
  const onPath = new Uint8Array(successors.length);
  for (let start = 0; start < successors.length; start++) {
    const path: number[] = [start];
    onPath[start] = 1;
    // Iterative DFS: for each vertex on the path, the index of the next successor to try.
    const next: number[] = [0];
    while (path.length > 0) {
      if (cycles.length >= limits.maxCycles || steps++ >= limits.maxSteps) return cycles;
      const depth = path.length - 1;
      const v = path[depth] as number;
      const out = successors[v] ?? [];
      const i = next[depth] as number;
      if (i >= out.length) {
        onPath[v] = 0;
        path.pop();
        next.pop();
        continue;
      }
      next[depth] = i + 1;
      const w = out[i] as number;
      if (w < start || component[w] !== component[start]) continue;
      if (w === start) cycles.push([...path]);
      else if (!onPath[w]) {
        path.push(w);
        next.push(0);
        onPath[w] = 1;
      }
    }
  }
  return cycles;
}

/** Component number of every vertex (Tarjan's algorithm, iterative). */
export function stronglyConnectedComponents(successors: readonly (readonly number[])[]): number[] {
  const n = successors.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const component = new Array<number>(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  let counter = 0;
  let components = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1] as [number, number];
      const [v, i] = frame;
      if (i === 0) {
        index[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = 1;
      }
      const out = successors[v] ?? [];
      if (i < out.length) {
        frame[1] = i + 1;
        const w = out[i] as number;
        if (index[w] === -1) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v] as number, index[w] as number);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]] as number, low[v] as number);
      if (low[v] === index[v]) {
        let w: number | undefined;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          component[w] = components;
        } while (w !== v);
        components++;
      }
    }
  }
  return component;
}
