/**
 * `doc-owner`: a process doc whose front matter has no `owner` (a Team id).
 * A page nobody owns is a page nobody keeps current. Informational by default;
 * teams that hold themselves to "every page has an owner" raise it to `warn`.
 */
import { isRecord } from "../model/model.js";
import { docsChecked, type Rule } from "./rule.js";

const rule: Rule = {
  meta: {
    id: "doc-owner",
    severity: "info",
    description: "a process doc without an `owner`",
    docs: "docs/rules/doc-owner.md",
    fixable: false,
  },
  scope: { by: "file", readsAcrossFiles: [] },
  check(context) {
    const { model, report } = context;
    for (const [file, doc] of docsChecked(context)) {
      const fm = doc.frontmatter;
      if (!fm || !doc.frontmatterOpen || !model.validDocs.has(file) || !isRecord(fm.value)) continue;
      if (fm.value.owner !== undefined) continue;
      const title = typeof fm.value.title === "string" ? fm.value.title : file;
      report({
        file,
        range: doc.frontmatterOpen,
        message: `process doc \`${title}\` has no \`owner\`; add \`owner: TEAM\` so people know which team keeps it current`,
      });
    }
  },
};

export default rule;
