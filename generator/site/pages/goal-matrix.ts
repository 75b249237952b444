/**
 * The goal matrix (`/goals/`): the bowtie stages as the columns of one table,
 * each listing its lifecycle/deal stages, its volume, conversion and velocity
 * metrics with their goals, and its gaps spelled out in words (never colour or
 * emptiness alone). The data comes from `goalMatrix` in `../goal-matrix-data.ts`.
 */
import { idLink } from "../components.js";
import type { SiteContext } from "../context.js";
import { goalMatrix, type MatrixMetric } from "../goal-matrix-data.js";
import { type Html, html } from "../html.js";
import { type Page, plainText } from "./page.js";

/** "no `enteredAt` on SQL" → the field name as `<code>` (only that literal: stage names stay text). */
function gapText(gap: string): Html {
  const parts = gap.split("`enteredAt`");
  return html`${parts.map((p, i) => (i > 0 ? html`<code>enteredAt</code>${p}` : p))}`;
}

export function goalMatrixPage(ctx: SiteContext): Page {
  const route = "/goals/";
  const matrix = goalMatrix(ctx.model);
  const metricList = (metrics: readonly MatrixMetric[]): Html =>
    metrics.length === 0
      ? html`<span class="empty">none</span>`
      : html`<ul class="goal-metrics">${metrics.map((m) => html`<li>${idLink(ctx, "Metric", m.id)}: ${m.goal ?? "no goal set"}</li>`)}</ul>`;
  const cols = matrix.columns;
  const row = (label: string, cell: (c: (typeof cols)[number]) => Html): Html =>
    html`<tr><th scope="row">${label}</th>${cols.map((c) => html`<td>${cell(c)}</td>`)}</tr>`;
  const table = html`<div class="table-wrap"><table class="goal-matrix"><caption>Bowtie stages with their stages, metrics, goals and gaps</caption><thead><tr><td></td>${cols.map((c) => html`<th scope="col">${c.title}</th>`)}</tr></thead><tbody>${[
    row("Stages", (c) =>
      c.stages.length === 0
        ? html`<span class="empty">none</span>`
        : html`<ul class="goal-stages">${c.stages.map((s) => html`<li>${idLink(ctx, "Stage", s.id)}</li>`)}</ul>`,
    ),
    row("Volume", (c) => metricList(c.volume)),
    row("Conversion", (c) => metricList(c.conversion)),
    row("Velocity", (c) => metricList(c.velocity)),
    row("Gaps", (c) =>
      c.gaps.length === 0
        ? html`<span class="no-gaps">no gaps</span>`
        : html`<ul class="goal-gaps">${c.gaps.map((g) => html`<li>${gapText(g)}</li>`)}</ul>`,
    ),
  ]}</tbody></table></div>`;
  const unmapped =
    matrix.unmapped.length > 0
      ? html`<p class="goal-unmapped">Stages without a bowtie stage: ${matrix.unmapped.map((s, i) => html`${i > 0 ? ", " : ""}${idLink(ctx, "Stage", s.id)}`)}</p>`
      : "";
  const body = html`<p>Each column is a stage of the bowtie. Volume metrics count a stage; conversion and velocity metrics start from one. Goals of velocity metrics are maxima, all others minima.</p>${table}${unmapped}`;
  return {
    route,
    section: "Goals",
    text: plainText(body.value),
    spec: { route, title: "Goal matrix", body, breadcrumbs: [{ title: "Home", route: "/" }] },
  };
}
