/**
 * `doc-stale`: a process doc whose front matter `reviewed` date is older than
 * `maxAge` (ISO 8601 duration, default P365D) measured from `--now`, or lies
 * in the future. Process docs rot quietly; a review date makes the rot visible.
 * Docs without `reviewed` are skipped (add one to opt in).
 */
import { durationInWords, formatIsoDate, parseDuration, parseIsoDate } from "../iso.js";
import { isRecord } from "../model/model.js";
import { docsChecked, type Rule } from "./rule.js";

const DEFAULT_MAX_AGE = "P365D";
const DAY = 24 * 60 * 60 * 1000;

const rule: Rule = {
  meta: {
    id: "doc-stale",
    severity: "warn",
    description: "a process doc whose `reviewed` date is older than `maxAge`, or in the future",
    docs: "docs/rules/doc-stale.md",
    fixable: false,
    options: {
      maxAge: {
        type: "duration",
        description: "how long ago a doc may have been reviewed, as an ISO 8601 duration",
        default: DEFAULT_MAX_AGE,
      },
    },
  },
  scope: { by: "file", readsAcrossFiles: [] },
  check(context) {
    const { model, options, now, report } = context;
    const maxAgeText = typeof options.maxAge === "string" ? options.maxAge : DEFAULT_MAX_AGE;
    const maxAge =
      (parseDuration(maxAgeText) ?? parseDuration(DEFAULT_MAX_AGE))?.toMilliseconds() ?? 365 * DAY;
    // Whole days: a doc reviewed today is never "in the future", whatever the time of day.
    const today = Math.floor(now / DAY) * DAY;
    for (const [file, doc] of docsChecked(context)) {
      const fm = doc.frontmatter;
      if (!fm || !model.validDocs.has(file) || !isRecord(fm.value)) continue;
      const reviewed = parseIsoDate(fm.value.reviewed);
      const loc = fm.locations.get("/reviewed");
      if (reviewed === undefined || !loc) continue;
      const date = formatIsoDate(reviewed);
      if (reviewed > today) {
        report({
          file,
          range: loc.value,
          message: `\`reviewed\` is ${date}, which is in the future (today is ${formatIsoDate(today)}); set it to the date the doc was actually checked`,
        });
      } else if (today - reviewed > maxAge) {
        const days = Math.round((today - reviewed) / DAY);
        report({
          file,
          range: loc.value,
          message: `this doc was last reviewed on ${date}, ${days} days ago, longer ago than the ${durationInWords(maxAgeText)} allowed (\`maxAge\` ${maxAgeText}); check it is still true and update \`reviewed\``,
        });
      }
    }
  },
};

export default rule;
