/**
 * `trigger-conflict`: two Triggers on one object that write the same property
 * (a `setStage` writes its pipeline's property with the stage's `crmValue`; a
 * `clearProperty` writes "empty") with different values, while their
 * conditions can both hold for one record. The record then ends up with
 * whichever value the CRM happened to write last. Two `setStage`s in a
 * `forwardOnly` pipeline do not conflict: the furthest stage wins whatever the
 * order. Reported on the later trigger at its action value, naming the first
 * earlier trigger it conflicts with; the earlier triggers' actions are related
 * (the first `MAX_RELATED` of them), so a trigger that fights with many others
 * gets one diagnostic, not one per pair.
 *
 * Scales to thousands of triggers: writes are grouped by (object, property),
 * candidate pairs are blocked on a property most conditions pin down, and
 * only triggers writing different values are compared.
 */
import { overlaps } from "../conditions/admitted.js";
import { candidatePairs } from "../conditions/overlap-pairs.js";
import {
  describeWrite,
  TRIGGER_FACTS_READ,
  type TriggerFacts,
  type TriggerWrite,
  factsOf,
  triggerFacts,
} from "../conditions/trigger-facts.js";
import type { TriggerDef } from "../model/kinds.js";
import type { Definition } from "../model/model.js";
import { type Rule, rangeAt, relatedAt } from "./rule.js";

/** How many earlier conflicting triggers one diagnostic lists as related. */
const MAX_RELATED = 10;

interface Writer {
  facts: TriggerFacts;
  write: TriggerWrite;
}

const rule: Rule = {
  meta: {
    id: "trigger-conflict",
    severity: "warn",
    description: "two triggers that can enrol the same record and set one property to different values",
    docs: "docs/rules/trigger-conflict.md",
    fixable: false,
  },
  // Parts are write groups: an edit of a trigger reruns the groups it wrote to before and after.
  scope: {
    by: "part",
    // A stage's `crmValue` or a model's integer scores change every trigger's facts.
    readsAcrossFiles: TRIGGER_FACTS_READ,
    parts(change, model, now) {
      const keys = new Set<string>();
      for (const def of [...change.before, ...change.after]) {
        if (def.kind !== "Trigger" || !def.valid) continue;
        const facts = factsOf(model, def as Definition<TriggerDef>, now);
        for (const write of facts?.writes ?? []) keys.add(groupKey(facts as TriggerFacts, write));
      }
      return keys;
    },
  },
  check({ model, now, only, report }) {
    for (const [part, writers] of writersByProperty(triggerFacts(model, now), only)) {
      for (const [later, earlier] of conflicts(writers)) {
        const first = earlier[0] as Writer;
        const object = later.facts.def.value.object;
        report({
          part,
          file: later.facts.def.file,
          range: rangeAt(model, later.facts.def, later.write.pointer),
          message:
            `trigger \`${later.facts.def.id}\` ${describeWrite(later.write)}, but trigger \`${first.facts.def.id}\` ` +
            `${describeWrite(first.write)} and both can enrol the same \`${object}\` record, ` +
            `so \`${later.write.path}\` ends up with whichever runs last` +
            alsoConflicting(earlier.length - 1),
          related: earlier.map((w) =>
            relatedAt(
              model,
              w.facts.def,
              `trigger \`${w.facts.def.id}\` ${describeWrite(w.write)} here`,
              w.write.pointer,
            ),
          ),
        });
      }
    }
  },
};

/** " (2 more earlier triggers conflict with it too)", or nothing. */
function alsoConflicting(others: number): string {
  if (others === 0) return "";
  const atLeast = others === MAX_RELATED - 1 ? "at least " : "";
  return others === 1
    ? " (1 more earlier trigger conflicts with it too)"
    : ` (${atLeast}${others} more earlier triggers conflict with it too)`;
}

/**
 * Writes grouped by (object, property), each trigger once per group with its
 * last write there (the value it leaves behind), in workspace order; groups
 * with one trigger are dropped.
 */
function writersByProperty(
  all: readonly TriggerFacts[],
  only: ReadonlySet<string> | undefined,
): [string, Writer[]][] {
  const groups = new Map<string, Map<TriggerFacts, TriggerWrite>>();
  for (const facts of all) {
    for (const write of facts.writes) {
      const key = groupKey(facts, write);
      if (only && !only.has(key)) continue;
      let group = groups.get(key);
      if (!group) {
        group = new Map();
        groups.set(key, group);
      }
      group.set(facts, write);
    }
  }
  const out: [string, Writer[]][] = [];
  for (const [key, group] of groups) {
    if (group.size < 2) continue;
    out.push([key, [...group].map(([facts, write]) => ({ facts, write }))]);
  }
  return out;
}

/** The (object, property) group a write belongs to. */
function groupKey(facts: TriggerFacts, write: TriggerWrite): string {
  return `${facts.def.value.object}\u0000${write.target.key}`;
}

/**
 * For each writer of a group that conflicts with earlier ones: the earliest
 * `MAX_RELATED` of those, in workspace order.
 */
function conflicts(writers: readonly Writer[]): [Writer, Writer[]][] {
  if (new Set(writers.map((w) => w.write.canonical)).size < 2) return [];
  if (writers.every(isForwardStage)) return [];
  const earlier = new Map<number, number[]>();
  candidatePairs(
    writers.map((w) => w.facts.when),
    (i, j) => {
      const a = writers[i] as Writer;
      const b = writers[j] as Writer;
      if (a.write.canonical === b.write.canonical || (isForwardStage(a) && isForwardStage(b))) return;
      const kept = earlier.get(j) ?? [];
      if (kept.length >= MAX_RELATED && i > (kept[kept.length - 1] as number)) return;
      if (!overlaps(a.facts.when, b.facts.when)) return;
      kept.splice(sortedIndex(kept, i), 0, i);
      if (kept.length > MAX_RELATED) kept.pop();
      earlier.set(j, kept);
    },
  );
  return [...earlier]
    .sort(([x], [y]) => x - y)
    .map(([j, list]) => [writers[j] as Writer, list.map((i) => writers[i] as Writer)]);
}

function sortedIndex(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A setStage in a forward-only pipeline: the furthest stage wins, so two of them never conflict. */
function isForwardStage(w: Writer): boolean {
  return w.write.stage?.pipeline.value.forwardOnly === true;
}

export default rule;
