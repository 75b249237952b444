/**
 * ISO 8601 helpers for the values RevOps admins write in YAML: durations (`PT2H`,
 * `P30D`, `P2W`, `P1Y2M`) and calendar dates (`2025-01-31`). Pure functions, no
 * time zones: dates are UTC midnights, and durations convert to milliseconds with
 * the usual approximation 1 year = 365 days, 1 month = 30 days.
 */

/** The components of an ISO 8601 duration, as written. Absent components are 0. */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  /** Approximate length in milliseconds (1Y = 365D, 1M = 30D, 1W = 7D, 1D = 24H). */
  toMilliseconds(): number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const NUM = "(\\d+(?:[.,]\\d+)?)";
/** `P[nY][nM][nW][nD][T[nH][nM][nS]]`; weeks may combine with other components (ISO 8601-2 / Temporal). */
const DURATION_RE = new RegExp(
  `^P(?:${NUM}Y)?(?:${NUM}M)?(?:${NUM}W)?(?:${NUM}D)?(?:T(?:${NUM}H)?(?:${NUM}M)?(?:${NUM}S)?)?$`,
);

const UNITS = ["years", "months", "weeks", "days", "hours", "minutes", "seconds"] as const;
type Unit = (typeof UNITS)[number];
const UNIT_MS: Record<Unit, number> = {
  years: 365 * DAY,
  months: 30 * DAY,
  weeks: 7 * DAY,
  days: DAY,
  hours: HOUR,
  minutes: MINUTE,
  seconds: SECOND,
};
const UNIT_WORDS: Record<Unit, [string, string]> = {
  years: ["year", "years"],
  months: ["month", "months"],
  weeks: ["week", "weeks"],
  days: ["day", "days"],
  hours: ["hour", "hours"],
  minutes: ["minute", "minutes"],
  seconds: ["second", "seconds"],
};

/** Components actually written in the text, in order, with their values. */
function durationParts(text: unknown): Array<[Unit, number]> | undefined {
  if (typeof text !== "string") return undefined;
  const m = DURATION_RE.exec(text);
  if (!m) return undefined;
  // `P` and `PT` alone, and a `T` with nothing after it, are not durations.
  if (text.endsWith("T")) return undefined;
  const parts: Array<[Unit, number]> = [];
  UNITS.forEach((unit, i) => {
    const raw = m[i + 1];
    if (raw !== undefined) parts.push([unit, Number(raw.replace(",", "."))]);
  });
  if (parts.length === 0) return undefined;
  // Only the last (smallest) component written may carry a fraction.
  for (let i = 0; i < parts.length - 1; i++) {
    if (!Number.isInteger((parts[i] as [Unit, number])[1])) return undefined;
  }
  return parts;
}

/** Parses an ISO 8601 duration such as `PT2H`, `P30D`, `P2W`, `P1Y2M` or `PT1.5H`; `undefined` if it is not one. */
export function parseDuration(text: unknown): Duration | undefined {
  const parts = durationParts(text);
  if (!parts) return undefined;
  const d = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };
  for (const [unit, value] of parts) d[unit] = value;
  return {
    ...d,
    toMilliseconds() {
      let ms = 0;
      for (const unit of UNITS) ms += d[unit] * UNIT_MS[unit];
      return Math.round(ms);
    },
  };
}

/** Whether the text is a valid ISO 8601 duration. */
export function isIsoDuration(text: unknown): text is string {
  return durationParts(text) !== undefined;
}

/** Approximate milliseconds of an ISO 8601 duration (see {@link Duration.toMilliseconds}), or `undefined`. */
export function durationToMilliseconds(text: unknown): number | undefined {
  return parseDuration(text)?.toMilliseconds();
}

/**
 * A duration in plain words for the handbook: `PT2H` → "2 hours", `P30D` → "30 days",
 * `P1Y2M` → "1 year 2 months", `P0D` → "0 days". Text that is not a duration is returned unchanged.
 */
export function durationInWords(text: string): string {
  const parts = durationParts(text);
  if (!parts) return text;
  const nonZero = parts.filter(([, value]) => value !== 0);
  const shown = nonZero.length > 0 ? nonZero : parts.slice(0, 1);
  return shown.map(([unit, value]) => `${value} ${UNIT_WORDS[unit][value === 1 ? 0 : 1]}`).join(" ");
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a real calendar date written `YYYY-MM-DD` (`2025-02-30` is not). */
export function isIsoDate(text: unknown): text is string {
  return parseIsoDate(text) !== undefined;
}

/** Milliseconds since the epoch of a `YYYY-MM-DD` date at 00:00 UTC, or `undefined` if it is not a real date. */
export function parseIsoDate(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  const m = DATE_RE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  // setUTCFullYear (unlike Date.UTC) keeps years 0–99 as written; an impossible day rolls over.
  const check = new Date(0);
  check.setUTCFullYear(year, month - 1, day);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return check.getTime();
}

const DATETIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Milliseconds since the epoch of an ISO 8601 date-time such as `2025-01-31T09:30:00Z`
 * (seconds, fraction and offset optional; no offset means UTC), or `undefined`.
 */
export function parseIsoDateTime(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  const m = DATETIME_RE.exec(text);
  if (!m) return undefined;
  const day = parseIsoDate(m[1]);
  if (day === undefined) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  const seconds = Number(m[4] ?? "0");
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const fraction = m[5] ? Number(`0.${m[5]}`) : 0;
  let offset = 0;
  const zone = m[6];
  if (zone && zone !== "Z") {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offset = (zone.startsWith("-") ? -1 : 1) * (oh * HOUR + om * MINUTE);
  }
  return day + hours * HOUR + minutes * MINUTE + Math.round((seconds + fraction) * SECOND) - offset;
}

/** Whether the text is an ISO 8601 date-time (see {@link parseIsoDateTime}). */
export function isIsoDateTime(text: unknown): text is string {
  return parseIsoDateTime(text) !== undefined;
}

/** `YYYY-MM-DD` of a UTC timestamp in milliseconds. */
export function formatIsoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
