/**
 * YAML text for quick fixes: a scalar written so that it reads back as the
 * same value in any context (block or flow), and a flow sequence of them.
 * Plain where that is safe, double-quoted (JSON syntax, valid YAML) otherwise.
 */

import { parse } from "yaml";

/** Characters that are safe in a plain scalar everywhere, flow collections included. */
const PLAIN = /^[A-Za-z0-9_][A-Za-z0-9_./@+-]*$/;

/** Whether `text` written plain reads back as the string `text` (YAML 1.2 core schema). */
function isPlainString(text: string): boolean {
  if (!PLAIN.test(text)) return false;
  try {
    return parse(text, { version: "1.2", schema: "core" }) === text;
  } catch {
    return false;
  }
}

/** A string, number or boolean as YAML text that reads back as the same value. */
export function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== "string") return String(value);
  return isPlainString(value) ? value : JSON.stringify(value);
}

/** A flow sequence (`[a, b]`) of scalars. */
export function yamlFlowList(values: readonly (string | number | boolean)[]): string {
  return `[${values.map(yamlScalar).join(", ")}]`;
}

/** A value for a message, in backticks: strings that look like another type keep their quotes. */
export function codeValue(value: unknown): string {
  return `\`${showValue(value)}\``;
}

/** "a number property", "an enum property". */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? "an" : "a"} ${word}`;
}

/** A value for a message: strings that look like another type keep their quotes. */
export function showValue(value: unknown): string {
  if (typeof value === "string") return isPlainString(value) ? value : JSON.stringify(value);
  if (value === undefined) return "nothing";
  if (typeof value === "number") return String(value);
  return JSON.stringify(value) ?? String(value);
}
