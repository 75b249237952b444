/**
 * Sets of numbers as sorted unions of disjoint intervals with open or closed
 * bounds (±Infinity for unbounded sides), over the reals or over the integers.
 * Condition reasoning maps number, currency, percent, date and datetime tests
 * onto these: `gte 60` is `[60, ∞)`, `notIn [1, 2]` is `(-∞, 1) ∪ (1, 2) ∪ (2, ∞)`.
 *
 * Every set is kept normalized (sorted, disjoint, not touching; on the integers
 * every bound is a closed integer), so equality and emptiness are structural.
 * Pure and immutable.
 */

export interface Interval {
  readonly lo: number;
  readonly loClosed: boolean;
  readonly hi: number;
  readonly hiClosed: boolean;
}

export interface IntervalSet {
  /** True when only integers are members (scores, dates counted in days). */
  readonly integer: boolean;
  /** Sorted, disjoint, non-touching, non-empty intervals. */
  readonly intervals: readonly Interval[];
}

/** Builds a normalized set from any intervals (empty or overlapping ones are fine). */
export function intervalSet(integer: boolean, intervals: readonly Interval[]): IntervalSet {
  const cleaned = intervals
    .map((i) => (integer ? toIntegerBounds(i) : openInfinities(i)))
    .filter((i): i is Interval => i !== undefined && !isEmptyInterval(i));
  cleaned.sort((a, b) => a.lo - b.lo || (a.loClosed === b.loClosed ? 0 : a.loClosed ? -1 : 1));
  const merged: Interval[] = [];
  for (const next of cleaned) {
    const last = merged[merged.length - 1];
    if (last && touches(last, next, integer)) merged[merged.length - 1] = hull(last, next);
    else merged.push(next);
  }
  return { integer, intervals: merged };
}

export function allNumbers(integer: boolean): IntervalSet {
  return intervalSet(integer, [{ lo: -Infinity, loClosed: false, hi: Infinity, hiClosed: false }]);
}

export function noNumbers(integer: boolean): IntervalSet {
  return { integer, intervals: [] };
}

export function pointSet(integer: boolean, value: number): IntervalSet {
  return intervalSet(integer, [{ lo: value, loClosed: true, hi: value, hiClosed: true }]);
}

/** `{x | lo (<|≤) x (<|≤) hi}`. */
export function rangeSet(
  integer: boolean,
  lo: number,
  loClosed: boolean,
  hi: number,
  hiClosed: boolean,
): IntervalSet {
  return intervalSet(integer, [{ lo, loClosed, hi, hiClosed }]);
}

/** `x > value` (or `≥` when `closed`). */
export function above(integer: boolean, value: number, closed: boolean): IntervalSet {
  return rangeSet(integer, value, closed, Infinity, false);
}

/** `x < value` (or `≤` when `closed`). */
export function below(integer: boolean, value: number, closed: boolean): IntervalSet {
  return rangeSet(integer, -Infinity, false, value, closed);
}

export function isEmptyIntervalSet(set: IntervalSet): boolean {
  return set.intervals.length === 0;
}

export function unionIntervals(a: IntervalSet, b: IntervalSet): IntervalSet {
  return intervalSet(a.integer && b.integer, [...a.intervals, ...b.intervals]);
}

export function intersectIntervals(a: IntervalSet, b: IntervalSet): IntervalSet {
  const integer = a.integer || b.integer;
  const out: Interval[] = [];
  for (const x of a.intervals) {
    for (const y of b.intervals) {
      const lo = maxLower(x, y);
      const hi = minUpper(x, y);
      out.push({ lo: lo.value, loClosed: lo.closed, hi: hi.value, hiClosed: hi.closed });
    }
  }
  return intervalSet(integer, out);
}

/** Everything in the domain (reals or integers) that is not in the set. */
export function complementIntervals(set: IntervalSet): IntervalSet {
  const out: Interval[] = [];
  let lo = -Infinity;
  let loClosed = false;
  for (const i of set.intervals) {
    out.push({ lo, loClosed, hi: i.lo, hiClosed: !i.loClosed });
    lo = i.hi;
    loClosed = !i.hiClosed;
  }
  out.push({ lo, loClosed, hi: Infinity, hiClosed: false });
  return intervalSet(set.integer, out);
}

export function intervalsContain(set: IntervalSet, value: number): boolean {
  if (set.integer && !Number.isInteger(value)) return false;
  return set.intervals.some(
    (i) =>
      (i.lo < value || (i.loClosed && i.lo === value)) && (value < i.hi || (i.hiClosed && i.hi === value)),
  );
}

/** Whether the sets share a member (without building the intersection). */
export function intervalsMeet(a: IntervalSet, b: IntervalSet): boolean {
  if (a.integer !== b.integer) return !isEmptyIntervalSet(intersectIntervals(a, b));
  // Normalized bounds: on the integers finite bounds are closed integers, so any
  // non-empty overlap holds a member on either domain.
  for (const x of a.intervals) {
    for (const y of b.intervals) {
      const lo = maxLower(x, y);
      const hi = minUpper(x, y);
      if (lo.value < hi.value) return true;
      if (lo.value === hi.value && lo.closed && hi.closed) return true;
    }
  }
  return false;
}

export function intervalsSubset(a: IntervalSet, b: IntervalSet): boolean {
  return isEmptyIntervalSet(intersectIntervals(a, complementIntervals(b)));
}

export function sameIntervals(a: IntervalSet, b: IntervalSet): boolean {
  return (
    a.intervals.length === b.intervals.length &&
    a.intervals.every((x, k) => {
      const y = b.intervals[k] as Interval;
      return x.lo === y.lo && x.hi === y.hi && x.loClosed === y.loClosed && x.hiClosed === y.hiClosed;
    })
  );
}

/** The one member of a single-point set, else undefined. */
export function onlyNumber(set: IntervalSet): number | undefined {
  const [only, ...rest] = set.intervals;
  if (!only || rest.length > 0 || only.lo !== only.hi) return undefined;
  return only.lo;
}

/** `[60, ∞)`, `(-∞, 1) ∪ (1, ∞)`, `{5}`, `∅`: for messages and test failures. */
export function formatIntervals(set: IntervalSet, show: (n: number) => string = String): string {
  if (set.intervals.length === 0) return "∅";
  return set.intervals
    .map((i) =>
      i.lo === i.hi
        ? `{${show(i.lo)}}`
        : `${i.loClosed ? "[" : "("}${i.lo === -Infinity ? "-∞" : show(i.lo)}, ${i.hi === Infinity ? "∞" : show(i.hi)}${i.hiClosed ? "]" : ")"}`,
    )
    .join(" ∪ ");
}

function isEmptyInterval(i: Interval): boolean {
  if (Number.isNaN(i.lo) || Number.isNaN(i.hi)) return true;
  if (i.lo > i.hi) return true;
  if (i.lo === i.hi) return !(i.loClosed && i.hiClosed) || !Number.isFinite(i.lo);
  return false;
}

/** Unbounded sides are open: `[1, ∞]` is `[1, ∞)`. */
function openInfinities(i: Interval): Interval {
  return Number.isFinite(i.lo) && Number.isFinite(i.hi)
    ? i
    : { ...i, loClosed: i.loClosed && Number.isFinite(i.lo), hiClosed: i.hiClosed && Number.isFinite(i.hi) };
}

/** On the integers every finite bound becomes a closed integer: `(59, 61)` is `[60, 60]`. */
function toIntegerBounds(i: Interval): Interval | undefined {
  const lo = Number.isFinite(i.lo) ? (i.loClosed ? Math.ceil(i.lo) : Math.floor(i.lo) + 1) : i.lo;
  const hi = Number.isFinite(i.hi) ? (i.hiClosed ? Math.floor(i.hi) : Math.ceil(i.hi) - 1) : i.hi;
  return { lo, loClosed: Number.isFinite(lo), hi, hiClosed: Number.isFinite(hi) };
}

/** Whether two sorted intervals overlap or meet so that their union is one interval. */
function touches(a: Interval, b: Interval, integer: boolean): boolean {
  if (b.lo < a.hi) return true;
  if (b.lo === a.hi) return a.hiClosed || b.loClosed;
  return integer && a.hiClosed && b.loClosed && b.lo === a.hi + 1;
}

function hull(a: Interval, b: Interval): Interval {
  const hi = b.hi > a.hi || (b.hi === a.hi && b.hiClosed) ? b : a;
  return { lo: a.lo, loClosed: a.loClosed, hi: hi.hi, hiClosed: hi.hiClosed };
}

function maxLower(x: Interval, y: Interval): { value: number; closed: boolean } {
  if (x.lo !== y.lo)
    return x.lo > y.lo ? { value: x.lo, closed: x.loClosed } : { value: y.lo, closed: y.loClosed };
  return { value: x.lo, closed: x.loClosed && y.loClosed };
}

function minUpper(x: Interval, y: Interval): { value: number; closed: boolean } {
  if (x.hi !== y.hi)
    return x.hi < y.hi ? { value: x.hi, closed: x.hiClosed } : { value: y.hi, closed: y.hiClosed };
  return { value: x.hi, closed: x.hiClosed && y.hiClosed };
}
