/**
 * `trigger-loop`: Triggers with `reenroll: true` whose actions set values that
 * make each other (or themselves) enrol again, in a cycle. The records bounce
 * between workflows, burning automation quota and flooding history. Edges are
 * value-aware: a write feeds a trigger only if the trigger tests that property
 * and the value written can satisfy that test together with what the record
 * looked like when the writing trigger ran. Each cycle is reported once, on
 * the `reenroll` of its trigger that comes first in workspace order, with the
 * other triggers' feeding actions as related.
 */
import {
  type Box,
  boxesMeet,
  type Constraint,
  isSatisfiable,
  overwrite,
  valuesOf,
} from "../conditions/admitted.js";
import { elementaryCycles } from "../conditions/cycles.js";
import {
  describeWrite,
  type TriggerFacts,
  type TriggerWrite,
  TRIGGER_FACTS_READ,
  triggerFacts,
} from "../conditions/trigger-facts.js";
import { containsValue, type ValueSet, valuesMeet } from "../conditions/value-set.js";
import type { RelatedLocation } from "../diagnostic.js";
import type { Model } from "../model/model.js";
import { changesKind, type Rule, rangeAt, relatedAt } from "./rule.js";

interface Edge {
  to: number;
  /** The write of the source trigger that re-enrols `to`. */
  write: TriggerWrite;
}

const rule: Rule = {
  meta: {
    id: "trigger-loop",
    severity: "warn",
    description:
      "re-enrolling triggers whose actions make each other (or themselves) enrol again, in a cycle",
    docs: "docs/rules/trigger-loop.md",
    fixable: false,
  },
  // Only re-enrolling triggers take part: an edit matters when one was or is re-enrolling.
  scope: {
    by: "workspace",
    reads: (c) =>
      changesKind(c, TRIGGER_FACTS_READ) ||
      [...c.before, ...c.after].some(
        (d) => d.kind === "Trigger" && (d.value as { reenroll?: unknown }).reenroll === true,
      ),
  },
  check({ model, now, report }) {
    const nodes = triggerFacts(model, now).filter((f) => f.def.value.reenroll === true);
    const edges = feedEdges(nodes);
    const successors = edges.map((out) => out.map((e) => e.to));
    for (const cycle of elementaryCycles(successors)) {
      const steps = cycle.map((from, k) => {
        const to = cycle[(k + 1) % cycle.length] as number;
        return { from, to, edge: (edges[from] as Edge[]).find((e) => e.to === to) as Edge };
      });
      const first = nodes[cycle[0] as number] as TriggerFacts;
      const names = [...cycle, cycle[0] as number].map((i) => `\`${(nodes[i] as TriggerFacts).def.id}\``);
      const why = steps.map(({ from, to, edge }) => {
        const target = (nodes[to] as TriggerFacts).def.id;
        return `\`${(nodes[from] as TriggerFacts).def.id}\` ${describeWrite(edge.write)}, which re-enrols \`${target}\``;
      });
      report({
        file: first.def.file,
        range: rangeAt(model, first.def, "/reenroll"),
        message:
          cycle.length === 1
            ? `trigger \`${first.def.id}\` re-enrols itself: it ${describeWrite((steps[0] as { edge: Edge }).edge.write)}, which its own condition admits, and it has \`reenroll: true\``
            : `triggers ${names.join(" → ")} re-enrol each other in a loop (all have \`reenroll: true\`): ${why.join("; ")}`,
        related: steps.slice(1).map(({ from, to, edge }) => relatedStep(model, nodes, from, to, edge)),
      });
    }
  },
};

function relatedStep(
  model: Model,
  nodes: readonly TriggerFacts[],
  from: number,
  to: number,
  edge: Edge,
): RelatedLocation {
  const source = nodes[from] as TriggerFacts;
  const target = (nodes[to] as TriggerFacts).def.id;
  return relatedAt(
    model,
    source.def,
    `\`${source.def.id}\` ${describeWrite(edge.write)} here, which re-enrols \`${target}\``,
    edge.write.pointer,
  );
}

/** For each trigger, the triggers its writes re-enrol (each target once, by its first feeding write). */
function feedEdges(nodes: readonly TriggerFacts[]): Edge[][] {
  const testers = testersByProperty(nodes);
  return nodes.map((source) => {
    const out: Edge[] = [];
    if (!isSatisfiable(source.when)) return out;
    const seen = new Set<number>();
    for (const write of source.writes) {
      const after = overwrite(source.when, write.target, write.values);
      for (const tester of testers.get(write.target.property.key) ?? []) {
        if (seen.has(tester.node) || !containsValue(tester.values, write.value)) continue;
        const target = nodes[tester.node] as TriggerFacts;
        if (!feeds(source, write, after, target)) continue;
        seen.add(tester.node);
        out.push({ to: tester.node, write });
      }
    }
    return out.sort((a, b) => a.to - b.to);
  });
}

interface Tester {
  node: number;
  /** Every value the trigger's condition admits for the property (a quick filter). */
  values: ValueSet;
}

/** Property definition key → the triggers that test that property, with what they admit. */
function testersByProperty(nodes: readonly TriggerFacts[]): Map<string, Tester[]> {
  const out = new Map<string, Tester[]>();
  nodes.forEach((facts, node) => {
    for (const target of facts.when.targets.values()) {
      const list = out.get(target.property.key) ?? [];
      list.push({ node, values: valuesOf(facts.when, target) });
      out.set(target.property.key, list);
    }
  });
  return out;
}

/**
 * Whether `write` by `source` makes `target` enrol: some alternative of the
 * target's condition tests the written property, admits the written value,
 * and (for the very property of the same record) fits the record as the
 * source leaves it.
 */
function feeds(source: TriggerFacts, write: TriggerWrite, after: Constraint, target: TriggerFacts): boolean {
  const sameObject = source.def.value.object === target.def.value.object;
  return target.when.boxes.some((box) => {
    for (const [key, set] of box) {
      if (target.when.targets.get(key)?.property.key !== write.target.property.key) continue;
      if (!valuesMeet(set, write.values)) continue;
      if (!(sameObject && key === write.target.key)) return true;
      if (after.boxes.some((left: Box) => boxesMeet(left, box))) return true;
    }
    return false;
  });
}

export default rule;
