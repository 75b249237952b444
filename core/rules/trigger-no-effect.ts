/**
 * `trigger-no-effect`: a Trigger whose `setStage` / `setProperty` /
 * `clearProperty` actions (at least one) all write values its own condition
 * already forces: "when status is open, set status to open". Usually a typo
 * in the condition or the action, and a workflow that silently does nothing.
 * A clear has no effect when the condition forces the property to be empty.
 * Triggers with only assign / notify / createTask actions are never judged;
 * nor are triggers whose condition can never hold, or whose writes name
 * things that do not resolve. Reported at the first write action.
 */
import { isSatisfiable, valuesOf } from "../conditions/admitted.js";
import {
  factsIn,
  TRIGGER_FACTS_READ,
  type TriggerFacts,
  type TriggerWrite,
} from "../conditions/trigger-facts.js";
import { onlyValue } from "../conditions/value-set.js";
import { isRecord } from "../model/model.js";
import { type Rule, rangeAt, relatedAt } from "./rule.js";

const WRITE_ACTIONS = ["setStage", "setProperty", "clearProperty"];

const rule: Rule = {
  meta: {
    id: "trigger-no-effect",
    severity: "warn",
    description: "a trigger whose actions only set values its own condition already forces",
    docs: "docs/rules/trigger-no-effect.md",
    fixable: false,
  },
  scope: { by: "file", readsAcrossFiles: TRIGGER_FACTS_READ },
  check(context) {
    const { model, report } = context;
    for (const facts of factsIn(context)) {
      const first = facts.writes[0];
      if (!first || facts.writes.length !== writeActionCount(facts)) continue;
      if (!isSatisfiable(facts.when) || !facts.writes.every((w) => isForced(facts, w))) continue;
      const already = facts.writes.map(alreadyClause);
      report({
        file: facts.def.file,
        range: rangeAt(model, facts.def, first.pointer),
        message:
          `trigger \`${facts.def.id}\` has no effect: its condition only admits records where ` +
          `${joinClauses([...new Set(already)])}`,
        suggestion: "fix the condition or the actions, or remove the trigger",
        related: [
          relatedAt(
            model,
            facts.def,
            `the condition that already forces ${facts.writes.length === 1 ? "this value" : "these values"}`,
            "/when",
          ),
        ],
      });
    }
  },
};

/** How many actions write a value (resolved or not). */
function writeActionCount(facts: TriggerFacts): number {
  const actions: unknown[] = Array.isArray(facts.def.value.actions) ? facts.def.value.actions : [];
  return actions.filter((a) => isRecord(a) && WRITE_ACTIONS.some((k) => k in a)).length;
}

/** Whether every record the condition admits already holds the written value. */
function isForced(facts: TriggerFacts, write: TriggerWrite): boolean {
  const forced = onlyValue(valuesOf(facts.when, write.target));
  return forced !== undefined && forced.value === write.value;
}

function alreadyClause(write: TriggerWrite): string {
  if (write.stage) return `the stage is already \`${write.stage.def.id}\``;
  if (write.value === null) return `\`${write.path}\` is already empty`;
  return `\`${write.path}\` is already \`${write.shown}\``;
}

function joinClauses(clauses: readonly string[]): string {
  return clauses.length <= 1 ? clauses.join("") : `${clauses.slice(0, -1).join(", ")} and ${clauses.at(-1)}`;
}

export default rule;
