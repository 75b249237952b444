/**
 * `stage-not-in-pipeline`: a Stage that no Pipeline lists. Such a stage has no
 * place in the journey, no object and no CRM property to live in, so nothing
 * can ever move a record there; usually a forgotten entry in `stages:`.
 */
import type { StageDef } from "../model/kinds.js";
import type { Rule } from "./rule.js";

const rule: Rule = {
  meta: {
    id: "stage-not-in-pipeline",
    severity: "warn",
    description: "a stage that no pipeline lists",
    docs: "docs/rules/stage-not-in-pipeline.md",
    fixable: false,
  },
  scope: { by: "workspace", reads: (c) => c.kinds.has("Stage") || c.kinds.has("Pipeline") },
  check({ model, report }) {
    // Pipelines with schema errors still count: their `stages` list says where the stage belongs.
    const listed = new Set<string>();
    for (const pipeline of model.all<{ stages?: unknown }>("Pipeline")) {
      const stages = pipeline.value.stages;
      if (Array.isArray(stages)) for (const id of stages) if (typeof id === "string") listed.add(id);
    }
    for (const stage of model.valid<StageDef>("Stage")) {
      if (listed.has(stage.id)) continue;
      report({
        file: stage.file,
        range: model.absentRange(stage),
        message: `stage \`${stage.id}\` is not listed by any pipeline, so no record can ever be in it`,
        suggestion: `add \`${stage.id}\` to the \`stages\` of its pipeline, or remove the stage`,
      });
    }
  },
};

export default rule;
