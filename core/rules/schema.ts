/**
 * `schema`: documents and front matter that break their kind's JSON Schema
 * (found while loading), unknown kinds, and a stage listed by a second pipeline.
 */
import { covers, type Rule, relatedAt } from "./rule.js";

const rule: Rule = {
  meta: {
    id: "schema",
    severity: "error",
    description:
      "a document or front matter that breaks the JSON Schema of its kind; a stage listed by two pipelines",
    docs: "docs/rules/schema.md",
    fixable: true,
  },
  // A stage listed twice depends on every pipeline's list.
  scope: { by: "file", readsAcrossFiles: ["Pipeline"] },
  check(context) {
    const { model, report } = context;
    for (const d of model.loadDiagnostics) {
      if (d.rule === "schema" && covers(context, d.file))
        report({ file: d.file, range: d.range, message: d.message, suggestion: d.suggestion, fix: d.fix });
    }
    for (const listing of model.extraListings) {
      if (!covers(context, listing.pipeline.file)) continue;
      const loc = model.location(listing.pipeline, `/stages/${listing.index}`);
      report({
        file: listing.pipeline.file,
        range: loc?.value ?? model.absentRange(listing.pipeline),
        message: `stage \`${listing.stageId}\` is already listed by pipeline \`${listing.first.id}\`; a stage belongs to one pipeline`,
        related: [relatedAt(model, listing.first, `pipeline \`${listing.first.id}\` lists it first`)],
      });
    }
  },
};

export default rule;
