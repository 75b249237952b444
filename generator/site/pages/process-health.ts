/**
 * The process-health board (`/health/`): every published process doc grouped
 * by owning team, with its health as a text label (not colour alone), the
 * health note, and how long ago it was reviewed, measured from the build's
 * `now` (the workspace's). Order and grouping come from `processHealth` in
 * `../process-health-data.ts`.
 */
import { idLink } from "../components.js";
import type { SiteContext } from "../context.js";
import { type Html, html } from "../html.js";
import { type HealthEntry, processHealth } from "../process-health-data.js";
import { type Page, plainText } from "./page.js";

function reviewedText(e: HealthEntry): string {
  if (e.daysSinceReviewed !== undefined) {
    const d = e.daysSinceReviewed;
    const ago = d === 0 ? "today" : d === 1 ? "1 day ago" : d < 0 ? `in ${-d} days` : `${d} days ago`;
    return `${ago} (${e.reviewed ?? ""})`;
  }
  return e.reviewed ? `${e.reviewed} (not a date)` : "never reviewed";
}

function healthLabel(e: HealthEntry): Html {
  return e.health
    ? html`<span class="health-${e.health}"><span class="health-dot" aria-hidden="true"></span>${e.health}</span>`
    : html`<span class="empty">not set</span>`;
}

export function processHealthPage(ctx: SiteContext): Page {
  const route = "/health/";
  const groups = processHealth(ctx.model, ctx.workspace.now);
  const docLink = (e: HealthEntry): Html => {
    const doc = ctx.docsByFile.get(e.file);
    return doc ? html`<a href="${ctx.routes.url(doc.route)}">${doc.title}</a>` : html`${e.title}`;
  };
  const ids = groups.map((g, i) =>
    g.owner && /^[a-z][a-z0-9_-]*$/.test(g.owner) ? `team-${g.owner}` : g.owner ? `group-${i}` : "no-owner",
  );
  const sections = groups.map((g, i) => {
    const id = ids[i] ?? `group-${i}`;
    const heading = g.owner ? idLink(ctx, "Team", g.owner) : html`No owner`;
    return html`<section><h2 id="${id}">${heading}</h2><div class="table-wrap"><table class="process-health"><caption>Processes owned by ${g.title}</caption><thead><tr><th scope="col">Process</th><th scope="col">Health</th><th scope="col">Note</th><th scope="col">Last reviewed</th></tr></thead><tbody>${g.entries.map((e) => html`<tr><th scope="row">${docLink(e)}</th><td>${healthLabel(e)}</td><td>${e.healthNote ?? ""}</td><td>${reviewedText(e)}</td></tr>`)}</tbody></table></div></section>`;
  });
  const body =
    groups.length === 0
      ? html`<p class="empty">No process docs yet.</p>`
      : html`<p>Every process doc by owning team: red first, then yellow, then green; the longest unreviewed first.</p>${sections}`;
  return {
    route,
    section: "Process health",
    text: plainText(body.value),
    spec: {
      route,
      title: "Process health",
      body,
      toc: groups.map((g, i) => ({ depth: 2, id: ids[i] ?? `group-${i}`, text: g.title })),
      breadcrumbs: [{ title: "Home", route: "/" }],
    },
  };
}
