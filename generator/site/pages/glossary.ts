/**
 * The glossary: every stage, metric, object, team and other definition in one
 * alphabetical list with its one-line meaning, linked to its page.
 */
import { DOCUMENT_KINDS } from "../../../core/model/kinds.js";
import { defLink, kindName } from "../components.js";
import { pagesOf, type SiteContext } from "../context.js";
import { html } from "../html.js";
import { type Page, plainText } from "./page.js";

export function glossaryPage(ctx: SiteContext): Page {
  const route = "/glossary/";
  const defs = DOCUMENT_KINDS.flatMap((k) => pagesOf(ctx, k)).sort((a, b) =>
    ctx.model.displayName(a).localeCompare(ctx.model.displayName(b)),
  );
  const entries = defs.map((d) => {
    const v = d.value as { definition?: unknown; description?: unknown };
    const text =
      typeof v.definition === "string"
        ? v.definition
        : typeof v.description === "string"
          ? v.description
          : "";
    return html`<dt>${defLink(ctx, d)} <span class="kind-tag">${kindName(d.kind)}</span></dt><dd>${text.replace(/\s+/g, " ").trim()}</dd>`;
  });
  const body = html`<dl class="glossary">${entries}</dl>`;
  return {
    route,
    section: "Glossary",
    text: plainText(body.value),
    spec: { route, title: "Glossary", body, breadcrumbs: [{ title: "Home", route: "/" }] },
  };
}
