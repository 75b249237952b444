/**
 * A property as a condition sees it: which property it is (keyed so that
 * `lead_score` and `contact.lead_score` are the same, while a walk through a
 * reference stays distinct from the target object's own property), which
 * domain its values live in, and how literals written in YAML (`60`, `lead`,
 * `true`, `2025-01-31`, `now`) become values of that domain.
 */
import { durationToMilliseconds, parseIsoDate, parseIsoDateTime } from "../iso.js";
import { optionValue, type PropertyDef } from "../model/kinds.js";
import type { Definition } from "../model/model.js";
import { typeFamily } from "../model/operators.js";
import { BOOLEANS, type Domain, enumDomain, INTEGERS, REALS, TEXT, type Value } from "./value-set.js";

export interface PropertyTarget {
  /**
   * Identity of the property as reached from the condition's object: its
   * definition key, prefixed by the reference properties walked to reach it.
   */
  readonly key: string;
  readonly property: Definition<PropertyDef>;
  readonly domain: Domain;
  /** How dates are counted: `day` for `date`, `ms` for `datetime`; undefined for other types. */
  readonly time?: "day" | "ms";
}

const DAY = 24 * 60 * 60 * 1000;

/** Builds the target of a resolved property path. */
export function propertyTarget(
  property: Definition<PropertyDef>,
  walked: readonly Definition<PropertyDef>[],
  integer: boolean,
): PropertyTarget {
  const key = [...walked.map((w) => w.key), property.key].join(" > ");
  const type = property.value.type;
  const time = type === "date" ? "day" : type === "datetime" ? "ms" : undefined;
  return { key, property, domain: domainOf(property.value, integer), time };
}

/** The domain a property's values live in. */
export function domainOf(property: PropertyDef, integer: boolean): Domain {
  switch (typeFamily(property.type)) {
    case "number":
      return integer ? INTEGERS : REALS;
    case "date":
      return INTEGERS;
    case "boolean":
      return BOOLEANS;
    case "enum":
      return Array.isArray(property.options) ? enumDomain(property.options.map(optionValue)) : TEXT;
    default:
      return TEXT;
  }
}

/**
 * A literal as a value of the property: numbers for number properties, day or
 * millisecond counts for dates (`now` is `now`), strings for the rest.
 * Undefined when the literal does not fit (other rules report it).
 */
export function literalValue(target: PropertyTarget, raw: unknown, now: number): Value | undefined {
  const domain = target.domain;
  if (domain.sort === "number") {
    if (target.time) return timeValue(target.time, raw, now);
    return typeof raw === "number" && Number.isFinite(raw) ? raw : undefined;
  }
  if (target.property.value.type === "boolean") {
    if (typeof raw === "boolean") return String(raw);
    return raw === "true" || raw === "false" ? raw : undefined;
  }
  if (Array.isArray(raw)) return raw.every(isScalar) ? raw.map(String).join(", ") : undefined;
  return isScalar(raw) ? String(raw) : undefined;
}

/** A date literal as a count of days or milliseconds. */
export function timeValue(unit: "day" | "ms", raw: unknown, now: number): number | undefined {
  const ms = raw === "now" ? now : (parseIsoDate(raw) ?? parseIsoDateTime(raw));
  if (ms === undefined) return undefined;
  return unit === "day" ? Math.floor(ms / DAY) : ms;
}

/** The `[now - duration, now]` window of `withinLast`, in the target's time unit. */
export function withinLastWindow(
  unit: "day" | "ms",
  duration: unknown,
  now: number,
): { from: number; to: number } | undefined {
  const length = durationToMilliseconds(duration);
  if (length === undefined) return undefined;
  return unit === "day"
    ? { from: Math.floor((now - length) / DAY), to: Math.floor(now / DAY) }
    : { from: now - length, to: now };
}

/** A value as an admin reads it: dates back in ISO form, strings as they are. */
export function showValue(target: PropertyTarget, value: Value): string {
  if (value === null) return "empty";
  if (typeof value === "number" && target.time) {
    const iso = new Date(target.time === "day" ? value * DAY : value).toISOString();
    return target.time === "day" ? iso.slice(0, 10) : iso;
  }
  return String(value);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}
