/**
 * Small building blocks several pages share: a link to a definition, a team
 * link, a definition's Markdown description, a plain table, a "where this is
 * used" list built from the model's references.
 */
import type { Kind } from "../../core/model/kinds.js";
import type { Definition, Reference } from "../../core/model/model.js";
import { defUrl, type SiteContext } from "./context.js";
import { type Html, html, raw } from "./html.js";
import { renderMarkdownText } from "./markdown-to-html.js";

/** A link to a definition's page by its display name; plain text when it has none. */
export function defLink(ctx: SiteContext, def: Definition | undefined, fallback?: string): Html {
  if (!def) return html`<code>${fallback ?? ""}</code>`;
  const url = defUrl(ctx, def);
  const name = ctx.model.displayName(def);
  return url ? html`<a href="${url}">${name}</a>` : html`${name}`;
}

/** A link to a definition named by kind and id (unknown ids render as code). */
export function idLink(ctx: SiteContext, kind: Kind, id: string | undefined): Html {
  if (id === undefined) return html``;
  return defLink(ctx, ctx.model.get(kind, id), id);
}

/** A definition's `description`, rendered as safe Markdown. */
export function description(ctx: SiteContext, def: Definition): Html {
  const text = (def.value as { description?: unknown }).description;
  if (typeof text !== "string" || !text.trim()) return html``;
  return html`<div class="description">${raw(renderMarkdownText(ctx, text, def.file).html)}</div>`;
}

/** A table with a header row; cells are escaped unless Html. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly (Html | string | number)[])[],
  className?: string,
): Html {
  return html`<div class="table-wrap"><table${className ? raw(` class="${className}"`) : ""}><thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table></div>`;
}

/** A key/value list (`<dl>`); entries with an empty value are left out. */
export function facts(entries: readonly [string, Html | string | number | undefined][]): Html {
  const shown = entries.filter(
    ([, v]) => v !== undefined && v !== "" && !(v instanceof Object && String(v) === ""),
  );
  if (shown.length === 0) return html``;
  return html`<dl class="facts">${shown.map(([k, v]) => html`<dt>${k}</dt><dd>${v as Html | string | number}</dd>`)}</dl>`;
}

/** Docs that link to a definition (its backlinks), as links to their pages. */
export function backlinks(ctx: SiteContext, def: Definition): Html {
  const files = [
    ...new Set(
      ctx.model
        .referencesTo(def)
        .filter((r) => !r.from)
        .map((r) => r.file),
    ),
  ].sort();
  const docs = files.map((f) => ctx.docsByFile.get(f)).filter((d) => d !== undefined);
  if (docs.length === 0) return html`<p class="empty">No handbook page links here yet.</p>`;
  return html`<ul class="backlinks">${docs.map((d) => html`<li><a href="${ctx.routes.url(d.route)}">${d.title}</a></li>`)}</ul>`;
}

/** Definitions that reference a definition, grouped one per line with the fields that name it. */
export function usedBy(ctx: SiteContext, refs: readonly Reference[]): Html {
  const byDef = new Map<string, { def: Definition; fields: Set<string> }>();
  for (const r of refs) {
    if (!r.from) continue;
    const entry = byDef.get(r.from.key) ?? { def: r.from, fields: new Set<string>() };
    entry.fields.add(r.field);
    byDef.set(r.from.key, entry);
  }
  if (byDef.size === 0) return html`<span class="empty">not used</span>`;
  const entries = [...byDef.values()].sort((a, b) => a.def.order - b.def.order);
  return html`<ul class="used-by">${entries.map((e) => html`<li>${kindName(e.def.kind)} ${defLink(ctx, e.def)} <span class="fields">(${[...e.fields].join(", ")})</span></li>`)}</ul>`;
}

export function kindName(kind: Kind): string {
  switch (kind) {
    case "ScoringModel":
      return "Scoring model";
    case "CommandPlan":
      return "Command plan";
    default:
      return kind;
  }
}
