/**
 * Which pairs of many constraints can hold for one record, without testing
 * every pair. Constraints are blocked on a "pivot" property that most of them
 * pin down in every alternative: on enums and text, only constraints sharing a
 * value (or both admitting empty) are compared; on numbers and dates, a sweep
 * over the admitted ranges compares only constraints whose ranges touch.
 * Constraints that leave the pivot free are compared with everyone. Every pair
 * returned is checked with `overlaps`, so blocking only ever saves work.
 */
import { type Constraint, overlaps, valuesOf } from "./admitted.js";
import type { PropertyTarget } from "./property-target.js";
import type { ValueSet } from "./value-set.js";

/** Below this many constraints every pair is simply tested. */
const BLOCKING_THRESHOLD = 64;

/**
 * Pairs `[i, j]` (i < j) of constraints that `accept` (a cheap filter, asked
 * first) and that can hold together, in order of `i`, then `j`.
 */
export function overlappingPairs(
  constraints: readonly Constraint[],
  accept: (i: number, j: number) => boolean = () => true,
): [number, number][] {
  const out: [number, number][] = [];
  candidatePairs(constraints, (i, j) => {
    if (accept(i, j) && overlaps(constraints[i] as Constraint, constraints[j] as Constraint))
      out.push([i, j]);
  });
  return out.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

/**
 * Visits every pair `(i, j)`, i < j, that might hold together, each once and
 * in no particular order: a superset of the overlapping pairs (check them
 * with `overlaps`).
 */
export function candidatePairs(
  constraints: readonly Constraint[],
  visit: (i: number, j: number) => void,
): void {
  const ordered = (a: number, b: number): void => (a < b ? visit(a, b) : visit(b, a));
  const pivot = constraints.length < BLOCKING_THRESHOLD ? undefined : choosePivot(constraints);
  if (!pivot) {
    for (let i = 0; i < constraints.length; i++) for (let j = i + 1; j < constraints.length; j++) visit(i, j);
    return;
  }
  const free: number[] = [];
  const pinned: { index: number; values: ValueSet }[] = [];
  constraints.forEach((c, index) => {
    const pins = c.boxes.length > 0 && c.boxes.every((box) => box.has(pivot.key));
    if (!pins) free.push(index);
    else pinned.push({ index, values: valuesOf(c, pivot) });
  });
  for (let a = 0; a < free.length; a++) {
    for (let b = a + 1; b < free.length; b++) ordered(free[a] as number, free[b] as number);
    for (const p of pinned) ordered(free[a] as number, p.index);
  }
  if (pivot.domain.sort === "string") byValue(pinned, ordered);
  else byRange(pinned, ordered);
}

/** The property pinned down (in every alternative) by the most constraints, if at least half. */
function choosePivot(constraints: readonly Constraint[]): PropertyTarget | undefined {
  const counts = new Map<string, { target: PropertyTarget; count: number }>();
  for (const c of constraints) {
    for (const target of c.targets.values()) {
      if (!c.boxes.every((box) => box.has(target.key))) continue;
      const entry = counts.get(target.key) ?? { target, count: 0 };
      entry.count++;
      counts.set(target.key, entry);
    }
  }
  let best: { target: PropertyTarget; count: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return best && best.count * 2 >= constraints.length ? best.target : undefined;
}

/** Enums and text: pairs that share a value, or both admit empty; co-finite sets meet everyone. */
function byValue(
  pinned: readonly { index: number; values: ValueSet }[],
  consider: (a: number, b: number) => void,
): void {
  const buckets = new Map<string, { index: number; tokens: string[] }[]>();
  const open: number[] = [];
  const finite: number[] = [];
  for (const { index, values } of pinned) {
    if (values.sort !== "string" || !values.known.finite) {
      open.push(index);
      continue;
    }
    finite.push(index);
    const tokens = [...values.known.values].map((v) => `=${v}`);
    if (values.unknown) tokens.push("empty");
    tokens.sort();
    const item = { index, tokens };
    for (const token of tokens) {
      const list = buckets.get(token) ?? [];
      list.push(item);
      buckets.set(token, list);
    }
  }
  for (const [token, list] of buckets) {
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const x = list[a] as { index: number; tokens: string[] };
        const y = list[b] as { index: number; tokens: string[] };
        // Each pair once: in the bucket of the first value they share.
        if (firstShared(x.tokens, y.tokens) === token) consider(x.index, y.index);
      }
    }
  }
  for (let a = 0; a < open.length; a++) {
    for (let b = a + 1; b < open.length; b++) consider(open[a] as number, open[b] as number);
    for (const index of finite) consider(open[a] as number, index);
  }
}

/** The smallest token of two sorted lists that both hold. */
function firstShared(x: readonly string[], y: readonly string[]): string | undefined {
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const a = x[i] as string;
    const b = y[j] as string;
    if (a === b) return a;
    if (a < b) i++;
    else j++;
  }
  return undefined;
}

/** Numbers and dates: a sweep over each constraint's admitted range (empty admitted: compared with all). */
function byRange(
  pinned: readonly { index: number; values: ValueSet }[],
  consider: (a: number, b: number) => void,
): void {
  const spans: { index: number; lo: number; hi: number }[] = [];
  const open: number[] = [];
  for (const { index, values } of pinned) {
    const intervals = values.sort === "number" ? values.known.intervals : [];
    const first = intervals[0];
    const last = intervals[intervals.length - 1];
    if (values.unknown || !first || !last) open.push(index);
    else spans.push({ index, lo: first.lo, hi: last.hi });
  }
  for (let a = 0; a < open.length; a++) {
    for (let b = a + 1; b < open.length; b++) consider(open[a] as number, open[b] as number);
    for (const s of spans) consider(open[a] as number, s.index);
  }
  spans.sort((x, y) => x.lo - y.lo);
  let active: { index: number; lo: number; hi: number }[] = [];
  for (const span of spans) {
    active = active.filter((other) => other.hi >= span.lo);
    for (const other of active) consider(other.index, span.index);
    active.push(span);
  }
}
