/**
 * The set of values one property may hold: the known values it may hold (an
 * interval set for numbers and dates, a finite/co-finite string set for enums,
 * booleans and text) plus whether it may be empty ("unknown" in CRM terms).
 * `not`, `neq` and `notIn` are exact complements, so they admit empty values;
 * `known` is every value but empty, `unknown` only empty. Pure and immutable.
 */
import {
  allNumbers,
  complementIntervals,
  formatIntervals,
  type IntervalSet,
  intersectIntervals,
  intervalsContain,
  intervalsMeet,
  isEmptyIntervalSet,
  noNumbers,
  onlyNumber,
  pointSet,
  sameIntervals,
  unionIntervals,
} from "./interval-set.js";
import {
  allStrings,
  complementStrings,
  formatStrings,
  intersectStrings,
  isEmptyStringSet,
  noStrings,
  onlyString,
  type StringSet,
  sameStrings,
  stringsContain,
  stringsMeet,
  unionStrings,
  withinUniverse,
} from "./string-set.js";

/** Numbers (and dates as day or millisecond counts), over the reals or the integers. */
export interface NumberDomain {
  readonly sort: "number";
  readonly integer: boolean;
}

/** Strings; `universe` lists every value when the domain is finite (enum options, booleans). */
export interface StringDomain {
  readonly sort: "string";
  readonly universe?: readonly string[];
}

export type Domain = NumberDomain | StringDomain;

export interface NumberValues {
  readonly sort: "number";
  readonly domain: NumberDomain;
  readonly known: IntervalSet;
  /** Whether the property may be empty. */
  readonly unknown: boolean;
}

export interface StringValues {
  readonly sort: "string";
  readonly domain: StringDomain;
  readonly known: StringSet;
  readonly unknown: boolean;
}

export type ValueSet = NumberValues | StringValues;

/** A value a property can hold: a number, a string, or `null` for empty. */
export type Value = number | string | null;

export const REALS: NumberDomain = { sort: "number", integer: false };
export const INTEGERS: NumberDomain = { sort: "number", integer: true };
export const TEXT: StringDomain = { sort: "string" };
export const BOOLEANS: StringDomain = { sort: "string", universe: ["true", "false"] };

export function enumDomain(options: readonly string[]): StringDomain {
  return { sort: "string", universe: options };
}

export function numberValues(domain: NumberDomain, known: IntervalSet, unknown = false): NumberValues {
  return { sort: "number", domain, known: { integer: domain.integer, intervals: known.intervals }, unknown };
}

export function stringValues(domain: StringDomain, known: StringSet, unknown = false): StringValues {
  return {
    sort: "string",
    domain,
    known: domain.universe ? withinUniverse(known, domain.universe) : known,
    unknown,
  };
}

/** Every value, empty included. */
export function anyValue(domain: Domain): ValueSet {
  return knownValues(domain, true);
}

/** Every value but empty (`known`). */
export function knownValues(domain: Domain, unknown = false): ValueSet {
  return domain.sort === "number"
    ? numberValues(domain, allNumbers(domain.integer), unknown)
    : stringValues(domain, allStrings(), unknown);
}

/** Only empty (`unknown`, `clearProperty`). */
export function emptyOnly(domain: Domain): ValueSet {
  return noValues(domain, true);
}

/** Nothing at all (an impossible condition), or only empty when `unknown`. */
export function noValues(domain: Domain, unknown = false): ValueSet {
  return domain.sort === "number"
    ? numberValues(domain, noNumbers(domain.integer), unknown)
    : stringValues(domain, noStrings(), unknown);
}

/** The set holding exactly one value (`null`: empty). */
export function singleValue(domain: Domain, value: Value): ValueSet {
  if (value === null) return emptyOnly(domain);
  if (domain.sort === "number")
    return typeof value === "number"
      ? numberValues(domain, pointSet(domain.integer, value))
      : noValues(domain);
  return stringValues(domain, { finite: true, values: new Set([String(value)]) });
}

export function isEmptyValues(set: ValueSet): boolean {
  if (set.unknown) return false;
  return set.sort === "number" ? isEmptyIntervalSet(set.known) : isEmptyStringSet(set.known);
}

export function containsValue(set: ValueSet, value: Value): boolean {
  if (value === null) return set.unknown;
  if (set.sort === "number") return typeof value === "number" && intervalsContain(set.known, value);
  return stringsContain(set.known, String(value));
}

/** Whether some value (or empty) is in both sets, without building the intersection. */
export function valuesMeet(a: ValueSet, b: ValueSet): boolean {
  if (a.unknown && b.unknown) return true;
  if (a.sort === "number" && b.sort === "number") return intervalsMeet(a.known, b.known);
  if (a.sort === "string" && b.sort === "string") return stringsMeet(a.known, b.known);
  return true; // different sorts never meet for one property; stay sound
}

export function unionValues(a: ValueSet, b: ValueSet): ValueSet {
  const unknown = a.unknown || b.unknown;
  if (a.sort === "number" && b.sort === "number")
    return numberValues(a.domain, unionIntervals(a.known, b.known), unknown);
  if (a.sort === "string" && b.sort === "string")
    return stringValues(a.domain, unionStrings(a.known, b.known), unknown);
  return anyValue(a.domain); // different sorts never meet for one property; stay sound
}

export function intersectValues(a: ValueSet, b: ValueSet): ValueSet {
  const unknown = a.unknown && b.unknown;
  if (a.sort === "number" && b.sort === "number")
    return numberValues(a.domain, intersectIntervals(a.known, b.known), unknown);
  if (a.sort === "string" && b.sort === "string")
    return stringValues(a.domain, intersectStrings(a.known, b.known), unknown);
  return a; // different sorts never meet for one property; stay sound
}

/** Every value of the domain (empty included) that is not in the set. */
export function complementValues(set: ValueSet): ValueSet {
  return set.sort === "number"
    ? numberValues(set.domain, complementIntervals(set.known), !set.unknown)
    : stringValues(set.domain, complementStrings(set.known), !set.unknown);
}

export function subsetValues(a: ValueSet, b: ValueSet): boolean {
  return isEmptyValues(intersectValues(a, complementValues(b)));
}

export function sameValues(a: ValueSet, b: ValueSet): boolean {
  if (a.unknown !== b.unknown) return false;
  if (a.sort === "number" && b.sort === "number") return sameIntervals(a.known, b.known);
  if (a.sort === "string" && b.sort === "string") return sameStrings(a.known, b.known);
  return false;
}

/**
 * The one value every member of the set has: a number or string, `null` when
 * the set is "only empty", undefined when the set holds zero or several values.
 */
export function onlyValue(set: ValueSet): { value: Value } | undefined {
  const known = set.sort === "number" ? onlyNumber(set.known) : onlyString(set.known);
  const noKnown = set.sort === "number" ? isEmptyIntervalSet(set.known) : isEmptyStringSet(set.known);
  if (set.unknown) return noKnown ? { value: null } : undefined;
  return known === undefined ? undefined : { value: known };
}

/** `[60, ∞)`, `{lead, mql} or empty`, `empty`: for messages and test failures. */
export function formatValues(set: ValueSet, show?: (n: number) => string): string {
  const noKnown = set.sort === "number" ? isEmptyIntervalSet(set.known) : isEmptyStringSet(set.known);
  if (noKnown) return set.unknown ? "empty" : "∅";
  const known = set.sort === "number" ? formatIntervals(set.known, show) : formatStrings(set.known);
  return set.unknown ? `${known} or empty` : known;
}
