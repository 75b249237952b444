/**
 * Lead scoring rules (FORMAT.md §2 ScoringModel) in plain English:
 * "20 points when Seniority is any of VP or C-level", with the rule's decay
 * ("points expire after 90 days") and award limit ("at most once per day").
 */
import { durationInWords, isIsoDuration } from "../iso.js";
import type { ScoringRule } from "../model/kinds.js";
import type { Model } from "../model/model.js";
import { isRecord } from "../model/model.js";
import { describeCondition } from "./condition.js";
import { formatNumber } from "./values.js";
import { type DescribeOptions, raw } from "./wording.js";

/** A duration in words: `PT2H` → "2 hours", `P30D` → "30 days"; other text is returned as written. */
export function describeDuration(iso: string): string {
  return durationInWords(iso);
}

/** Describes a scoring rule: points, condition, then decay and limit. */
export function describeScoringRule(model: Model, rule: ScoringRule, options: DescribeOptions): string {
  if (!isRecord(rule)) return raw(rule);
  const points =
    typeof rule.points === "number"
      ? `${formatNumber(rule.points)} ${Math.abs(rule.points) === 1 ? "point" : "points"}`
      : `${raw(rule.points)} points`;
  const when = rule.when === undefined ? "" : ` when ${describeCondition(model, rule.when, options)}`;
  const extras: string[] = [];
  if (rule.decay !== undefined) extras.push(`points expire after ${durationText(rule.decay)}`);
  if (rule.limit !== undefined) extras.push(limitText(rule.limit));
  return `${points}${when}${extras.map((e) => `, ${e}`).join("")}`;
}

function durationText(text: unknown): string {
  return isIsoDuration(text) ? durationInWords(text) : raw(text);
}

/** "at most once per day", "at most 3 times per 7 days". */
function limitText(limit: unknown): string {
  if (!isRecord(limit)) return `limited to ${raw(limit)}`;
  const count = limit.count;
  const times =
    count === 1 ? "once" : typeof count === "number" ? `${formatNumber(count)} times` : `${raw(count)} times`;
  return `at most ${times} per ${perText(limit.per)}`;
}

/** "day" for `P1D`, "7 days" for `P7D`: a lone unit of 1 drops its number. */
function perText(per: unknown): string {
  if (!isIsoDuration(per)) return raw(per);
  const words = durationInWords(per);
  return /^1 [a-z]+$/.test(words) ? words.slice(2) : words;
}
