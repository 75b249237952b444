/**
 * The index page of a generated section (`/stages/`, `/triggers/` …): every
 * definition of the kind with a one-line summary.
 */
import type { Kind } from "../../../core/model/kinds.js";
import { defLink, table } from "../components.js";
import { pagesOf, type SiteContext } from "../context.js";
import { html } from "../html.js";
import { type Page, plainText, sectionTitle } from "./page.js";

function summary(value: unknown): string {
  const v = value as { definition?: unknown; description?: unknown };
  const text =
    typeof v.definition === "string" ? v.definition : typeof v.description === "string" ? v.description : "";
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 197)}…` : flat;
}

export function sectionPage(ctx: SiteContext, kind: Exclude<Kind, "Property">): Page {
  const route = ctx.routes.sectionRoute(kind);
  const title = sectionTitle(kind);
  const rows = pagesOf(ctx, kind).map((d) => [defLink(ctx, d), summary(d.value)]);
  const body = table(["Name", "Summary"], rows, "section-index");
  return {
    route,
    section: "Definitions",
    text: plainText(body.value),
    spec: { route, title, body: html`${body}`, breadcrumbs: [{ title: "Home", route: "/" }] },
  };
}
