/**
 * The status page: the process-health board (each doc's `health` and
 * `healthNote`) and every lint diagnostic of the build (errors appear only when
 * built with `--allow-errors`).
 */

import { table } from "../components.js";
import type { SiteContext } from "../context.js";
import { html } from "../html.js";
import { sourceLinks } from "../layout.js";
import { type Page, plainText, sections } from "./page.js";

export function statusPage(ctx: SiteContext): Page {
  const route = "/status/";
  const health = ctx.docs
    .filter((d) => d.health)
    .map((d) => [
      html`<a href="${ctx.routes.url(d.route)}">${d.title}</a>`,
      html`<span class="health-${d.health}">${d.health}</span>`,
      d.healthNote ?? "",
    ]);
  const repo = ctx.workspace.config.repo;
  const diags = ctx.diagnostics.map((d) => {
    const line = d.range.start.line + 1;
    const where = `${d.file}:${line}:${d.range.start.column + 1}`;
    const view = sourceLinks(repo, d.file).view;
    // GitLab and GitHub both jump to `#L<line>` in their file view.
    return [
      html`<span class="severity-${d.severity}">${d.severity}</span>`,
      view && /^https?:\/\//.test(view) ? html`<a href="${view}#L${line}">${where}</a>` : where,
      d.message,
      html`<code>${d.rule}</code>`,
    ];
  });
  const counts = { error: 0, warn: 0, info: 0 };
  for (const d of ctx.diagnostics) counts[d.severity as keyof typeof counts]++;
  const { body, toc } = sections([
    [
      "health",
      "Process health",
      health.length > 0 ? table(["Page", "Health", "Note"], health, "health") : undefined,
    ],
    [
      "lint",
      "Lint results",
      html`<p class="lint-summary">${counts.error} errors, ${counts.warn} warnings, ${counts.info} info.</p>${diags.length > 0 ? table(["Severity", "Where", "Message", "Rule"], diags, "diagnostics") : ""}`,
    ],
  ]);
  return {
    route,
    section: "Status",
    text: plainText(body.value),
    spec: { route, title: "Status", body, toc, breadcrumbs: [{ title: "Home", route: "/" }] },
  };
}
