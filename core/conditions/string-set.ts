/**
 * Sets of string values, finite (`{a, b}`) or co-finite (everything except
 * `{a, b}`). Condition reasoning maps enum, boolean, string and reference
 * tests onto these: `in [a, b]` is finite, `notIn [a, b]` co-finite. When the
 * domain is finite (an enum's options, `true`/`false`), `withinUniverse` turns
 * any set into a finite one so emptiness is exact. Pure and immutable.
 */

export interface StringSet {
  /** True: exactly `values`; false: every string except `values`. */
  readonly finite: boolean;
  readonly values: ReadonlySet<string>;
}

export function stringSet(values: Iterable<string>): StringSet {
  return { finite: true, values: new Set(values) };
}

export function allStrings(): StringSet {
  return { finite: false, values: new Set() };
}

export function noStrings(): StringSet {
  return { finite: true, values: new Set() };
}

export function isEmptyStringSet(set: StringSet): boolean {
  return set.finite && set.values.size === 0;
}

export function stringsContain(set: StringSet, value: string): boolean {
  return set.values.has(value) === set.finite;
}

export function complementStrings(set: StringSet): StringSet {
  return { finite: !set.finite, values: set.values };
}

export function unionStrings(a: StringSet, b: StringSet): StringSet {
  if (a.finite && b.finite) return { finite: true, values: new Set([...a.values, ...b.values]) };
  if (!a.finite && !b.finite) return { finite: false, values: keep(a.values, (v) => b.values.has(v)) };
  const [fin, cof] = a.finite ? [a, b] : [b, a];
  return { finite: false, values: keep(cof.values, (v) => !fin.values.has(v)) };
}

export function intersectStrings(a: StringSet, b: StringSet): StringSet {
  if (a.finite && b.finite) return { finite: true, values: keep(a.values, (v) => b.values.has(v)) };
  if (!a.finite && !b.finite) return { finite: false, values: new Set([...a.values, ...b.values]) };
  const [fin, cof] = a.finite ? [a, b] : [b, a];
  return { finite: true, values: keep(fin.values, (v) => !cof.values.has(v)) };
}

/** The set restricted to a finite universe (an enum's options); always finite. */
export function withinUniverse(set: StringSet, universe: readonly string[]): StringSet {
  return { finite: true, values: new Set(universe.filter((v) => stringsContain(set, v))) };
}

/** Whether the sets share a member (without building the intersection). */
export function stringsMeet(a: StringSet, b: StringSet): boolean {
  if (!a.finite && !b.finite) return true;
  const [fin, other] = a.finite ? [a, b] : [b, a];
  for (const v of fin.values) if (stringsContain(other, v)) return true;
  return false;
}

export function stringsSubset(a: StringSet, b: StringSet): boolean {
  return isEmptyStringSet(intersectStrings(a, complementStrings(b)));
}

export function sameStrings(a: StringSet, b: StringSet): boolean {
  return (
    a.finite === b.finite && a.values.size === b.values.size && [...a.values].every((v) => b.values.has(v))
  );
}

/** The one member of a one-element finite set, else undefined. */
export function onlyString(set: StringSet): string | undefined {
  if (!set.finite || set.values.size !== 1) return undefined;
  return set.values.values().next().value;
}

/** `{a, b}` or `not {a, b}`, for messages and test failures. */
export function formatStrings(set: StringSet): string {
  const list = `{${[...set.values].join(", ")}}`;
  return set.finite ? list : set.values.size === 0 ? "any" : `not ${list}`;
}

function keep(values: ReadonlySet<string>, test: (v: string) => boolean): Set<string> {
  return new Set([...values].filter(test));
}
