/**
 * The data behind the process-health board (`/health/`, the "core
 * responsibilities tracker"): every non-draft process doc with its owner,
 * front matter `health` and `healthNote`, and how many days ago it was
 * `reviewed`, grouped by owning team (teams by display name, "No owner" last).
 * Within a group: red first, then yellow, then green or unset; then the
 * stalest first (never reviewed counts as stalest); then by title. Pure.
 */
import type { Model } from "../../core/model/model.js";
import { isRecord } from "../../core/model/model.js";

export interface HealthEntry {
  file: string;
  title: string;
  owner?: string;
  health?: "green" | "yellow" | "red";
  healthNote?: string;
  /** Front matter `reviewed` as written (YYYY-MM-DD). */
  reviewed?: string;
  /** Whole days from `reviewed` to `now`; undefined when never reviewed or not a date. */
  daysSinceReviewed?: number;
}

export interface HealthGroup {
  /** Team id; undefined for "No owner". */
  owner?: string;
  title: string;
  entries: HealthEntry[];
}

const DAY = 86_400_000;
const RANK: Record<string, number> = { red: 0, yellow: 1 };

function text(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() ? v.trim() : undefined;
}

function dateText(v: unknown): string | undefined {
  return text(v) ?? (v instanceof Date ? v.toISOString().slice(0, 10) : undefined);
}

/** Whole days between a YYYY-MM-DD date (UTC midnight) and `now`. */
export function daysSince(date: string, now: number): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const then = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(then) ? undefined : Math.floor((now - then) / DAY);
}

export function processHealth(model: Model, now: number): HealthGroup[] {
  const groups = new Map<string, HealthGroup>();
  for (const [file, doc] of [...model.docs].sort(([a], [b]) => a.localeCompare(b))) {
    const fm = isRecord(doc.frontmatter?.value) ? doc.frontmatter.value : {};
    if (fm.draft === true) continue;
    const health = text(fm.health);
    const reviewed = dateText(fm.reviewed);
    const owner = text(fm.owner);
    const entry: HealthEntry = {
      file,
      title: text(fm.title) ?? file.split("/").pop()?.replace(/\.md$/i, "") ?? file,
      owner,
      health: health === "green" || health === "yellow" || health === "red" ? health : undefined,
      healthNote: text(fm.healthNote),
      reviewed,
      daysSinceReviewed: reviewed ? daysSince(reviewed, now) : undefined,
    };
    const key = owner ?? "";
    let group = groups.get(key);
    if (!group) {
      const team = owner ? model.get("Team", owner) : undefined;
      group = { owner, title: owner ? (team ? model.displayName(team) : owner) : "No owner", entries: [] };
      groups.set(key, group);
    }
    group.entries.push(entry);
  }
  const rank = (e: HealthEntry): number => (e.health ? (RANK[e.health] ?? 2) : 2);
  const age = (e: HealthEntry): number => e.daysSinceReviewed ?? Number.POSITIVE_INFINITY;
  for (const group of groups.values()) {
    group.entries.sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (age(a) === age(b) ? 0 : age(b) > age(a) ? 1 : -1) ||
        a.title.localeCompare(b.title) ||
        a.file.localeCompare(b.file),
    );
  }
  return [...groups.values()].sort(
    (a, b) => Number(a.owner === undefined) - Number(b.owner === undefined) || a.title.localeCompare(b.title),
  );
}
