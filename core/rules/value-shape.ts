/**
 * Whether a condition or `setProperty` value has the shape its property type
 * and operator need (FORMAT.md §3): a number, text, `true`/`false`, an ISO 8601
 * date or duration, a list, an ordered `[min, max]`. Option membership is not
 * judged here (that is `unknown-option`). Pure: value in, problems out.
 */
import { isIsoDuration, parseIsoDate, parseIsoDateTime } from "../iso.js";
import type { ValueKind } from "../model/operators.js";
import { codeValue, yamlFlowList } from "./yaml-text.js";

export interface ValueProblem {
  /** Pointer below the test / action mapping: `/value`, `/value/1`, or `/op` when the value is missing. */
  sub: string;
  message: string;
  suggestion?: string;
  /** Replacement text for the node at `sub`, when exactly one is safe. */
  fix?: string;
}

/** The test's wording: `gte` on number property `lead_score`. */
export interface ValueContext {
  op: string;
  type: string;
  path: string;
}

type Scalar = string | number | boolean;
type ItemKind = "number" | "text" | "boolean" | "option" | "date" | "duration" | "recordId";

const ITEM_LABELS: Record<ItemKind, string> = {
  number: "a number",
  text: "text",
  boolean: "`true` or `false`",
  option: "an option value",
  date: "an ISO 8601 date such as `2025-01-31`, or `now`",
  duration: "an ISO 8601 duration such as `P30D`",
  recordId: "a record id",
};

const LIST_ITEM: Partial<Record<ValueKind, ItemKind>> = {
  numberList: "number",
  textList: "text",
  optionList: "option",
};
const RANGE_ITEM: Partial<Record<ValueKind, "number" | "date">> = {
  numberRange: "number",
  dateRange: "date",
};

export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === "string" || typeof value === "boolean" || isFiniteNumber(value);
}

/** A number written as text (`"60"`), which reads back as a number once unquoted. */
function numericText(value: unknown): number | undefined {
  if (typeof value !== "string" || !/^-?\d+(?:\.\d+)?$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

/** UTC milliseconds of a fixed date or date-time; undefined for `now` and non-dates. */
function dateValue(value: unknown): number | undefined {
  return parseIsoDate(value) ?? parseIsoDateTime(value);
}

function subject(ctx: ValueContext): string {
  return `\`${ctx.op}\` on ${ctx.type} property \`${ctx.path}\``;
}

/** Checks one item; a problem without `sub` (the caller places it). */
function itemProblem(
  kind: ItemKind,
  value: unknown,
  ctx: ValueContext,
): Omit<ValueProblem, "sub"> | undefined {
  // Built only for values that fail: formatting the value costs a YAML round trip.
  let text: string | undefined;
  const describe = (): string => {
    text ??= `${subject(ctx)} needs ${ITEM_LABELS[kind]}, not ${codeValue(value)}`;
    return text;
  };
  switch (kind) {
    case "number": {
      if (isFiniteNumber(value)) return undefined;
      const n = numericText(value);
      if (n === undefined) return { message: describe() };
      return { message: describe(), suggestion: `write the number without quotes: \`${n}\``, fix: String(n) };
    }
    case "text":
    case "recordId":
      return typeof value === "string" || isFiniteNumber(value) ? undefined : { message: describe() };
    case "boolean": {
      if (typeof value === "boolean") return undefined;
      const word = typeof value === "string" ? value.trim().toLowerCase() : "";
      if (word !== "true" && word !== "false") return { message: describe() };
      return { message: describe(), suggestion: `write \`${word}\` without quotes`, fix: word };
    }
    case "option":
      return isScalar(value) ? undefined : { message: describe() };
    case "date":
      return value === "now" || dateValue(value) !== undefined ? undefined : { message: describe() };
    case "duration":
      return isIsoDuration(value) ? undefined : { message: describe() };
  }
}

function single(kind: ItemKind, value: unknown, ctx: ValueContext): ValueProblem[] {
  if (Array.isArray(value)) {
    if (ctx.op === "setProperty")
      return [{ sub: "/value", message: `${subject(ctx)} takes one value, not a list` }];
    const multiple = kind === "option" ? "; use `in` to match any of several" : "";
    return [{ sub: "/value", message: `${subject(ctx)} compares with one value, not a list${multiple}` }];
  }
  const p = itemProblem(kind, value, ctx);
  return p ? [{ sub: "/value", ...p }] : [];
}

function list(kind: ItemKind, value: unknown, ctx: ValueContext, allowScalar: boolean): ValueProblem[] {
  if (!Array.isArray(value)) {
    if (allowScalar) return single(kind, value, ctx);
    const wrapped = isScalar(value) && !itemProblem(kind, value, ctx) ? yamlFlowList([value]) : undefined;
    return [
      {
        sub: "/value",
        message: `${subject(ctx)} needs a list of values, not ${codeValue(value)}`,
        suggestion: wrapped && `write it as a list: \`${wrapped}\``,
        fix: wrapped,
      },
    ];
  }
  if (value.length === 0) return [{ sub: "/value", message: `${subject(ctx)} needs at least one value` }];
  const problems: ValueProblem[] = [];
  value.forEach((item, i) => {
    const p = itemProblem(kind, item, ctx);
    if (p) problems.push({ sub: `/value/${i}`, ...p });
  });
  return problems;
}

function range(kind: "number" | "date", value: unknown, ctx: ValueContext): ValueProblem[] {
  const pair = kind === "number" ? "two numbers `[min, max]`" : "two dates `[from, to]`";
  if (!Array.isArray(value) || value.length !== 2) {
    return [{ sub: "/value", message: `${subject(ctx)} needs ${pair}, not ${codeValue(value)}` }];
  }
  const problems = list(kind, value, ctx, false);
  if (problems.length > 0) return problems;
  const [low, high] = value as [Scalar, Scalar];
  const lowValue = kind === "number" ? (low as number) : dateValue(low);
  const highValue = kind === "number" ? (high as number) : dateValue(high);
  if (lowValue === undefined || highValue === undefined || lowValue <= highValue) return [];
  const swapped = yamlFlowList([high, low]);
  return [
    {
      sub: "/value",
      message: `${subject(ctx)} starts at ${codeValue(low)}, after its end ${codeValue(high)}, so it matches nothing`,
      suggestion: `swap them: \`${swapped}\``,
      fix: swapped,
    },
  ];
}

/** Problems with a value that should be of `kind`; `value` undefined means the key is absent. */
export function valueProblems(kind: ValueKind, value: unknown, ctx: ValueContext): ValueProblem[] {
  if (kind === "none") {
    return isAbsent(value)
      ? []
      : [{ sub: "/value", message: `\`${ctx.op}\` takes no value; remove \`value\` from the test` }];
  }
  if (isAbsent(value)) {
    return [{ sub: value === null ? "/value" : "/op", message: `${subject(ctx)} needs a value` }];
  }
  const rangeItem = RANGE_ITEM[kind];
  if (rangeItem) return range(rangeItem, value, ctx);
  const listItem = LIST_ITEM[kind];
  if (listItem) return list(listItem, value, ctx, false);
  if (kind === "options") return list("option", value, ctx, true);
  return single(kind as ItemKind, value, ctx);
}
