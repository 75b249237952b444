/**
 * The pages of the site, in a stable order, as plans: each page's route is
 * known up front (for clash checks, the sitemap and the nav), its rendering is
 * deferred until the build writes it, so only one page is in memory at a time.
 * Order: home (unless a doc is the home page), docs, the generated section
 * pages, the definition pages by kind, then glossary, goal matrix, process
 * health, status and search. A doc at a generated route keeps its page.
 */
import type {
  CommandPlanDef,
  EventDef,
  Kind,
  MetricDef,
  ObjectDef,
  PipelineDef,
  ScoringModelDef,
  StageDef,
  TeamDef,
  TriggerDef,
} from "../../core/model/kinds.js";
import type { Definition } from "../../core/model/model.js";
import { inPageOrder, pagesOf, type SiteContext } from "./context.js";
import { docPage } from "./pages/doc.js";
import { eventPage } from "./pages/event.js";
import { glossaryPage } from "./pages/glossary.js";
import { goalMatrixPage } from "./pages/goal-matrix.js";
import { homePage, searchPage } from "./pages/home.js";
import { metricPage } from "./pages/metric.js";
import { objectPage } from "./pages/object.js";
import type { Page } from "./pages/page.js";
import { pipelinePage } from "./pages/pipeline.js";
import { planPage } from "./pages/plan.js";
import { processHealthPage } from "./pages/process-health.js";
import { scoringPage } from "./pages/scoring.js";
import { sectionPage } from "./pages/section.js";
import { stagePage } from "./pages/stage.js";
import { statusPage } from "./pages/status.js";
import { teamPage } from "./pages/team.js";
import { triggerPage } from "./pages/trigger.js";
import { SECTION_TITLES, UnsafePathError } from "./routes.js";

export interface PagePlan {
  route: string;
  /** The workspace file the page renders, for docs (the render cache and `serve` key on it). */
  doc?: string;
  render: () => Page;
}

/**
 * Every page of the site, in a stable order, not yet rendered; with `only`,
 * just the pages at those routes (what `revbook serve` rewrites), without
 * sorting every definition of the site.
 */
export function sitePlans(ctx: SiteContext, only?: ReadonlySet<string>): PagePlan[] {
  const plans: PagePlan[] = [];
  const claimed = new Set<string>();
  const wanted = (route: string): boolean => !only || only.has(route);
  const add = (plan: PagePlan): void => {
    if (claimed.has(plan.route) || !wanted(plan.route)) return;
    claimed.add(plan.route);
    plans.push(plan);
  };
  if (!ctx.docs.some((d) => d.route === "/")) add({ route: "/", render: () => homePage(ctx) });
  const docs = only ? [...only].flatMap((r) => ctx.docsByRoute.get(r) ?? []) : ctx.docs;
  for (const doc of docs) add({ route: doc.route, doc: doc.file, render: () => docPage(ctx, doc) });
  for (const [kind] of SECTION_TITLES) {
    const route = ctx.routes.sectionRoute(kind);
    if (!wanted(route)) continue;
    const any = only ? ctx.model.all(kind).some((d) => d.valid) : pagesOf(ctx, kind).length > 0;
    if (any) add({ route, render: () => sectionPage(ctx, kind) });
  }
  const routeOf = (kind: Kind, id: string): string | undefined => {
    try {
      return ctx.routes.definitionRoute(kind, id);
    } catch (error) {
      // An id that cannot be a path segment gets no page (the `schema` rule reports the id).
      if (!(error instanceof UnsafePathError)) throw error;
      return undefined;
    }
  };
  /**
   * The valid definitions of a kind whose pages are wanted. A definition's route is its section's
   * plus its id (routes.ts `safeSegment` keeps a safe id as it is), so each wanted route names at
   * most one: looked up by id rather than by routing every definition of the kind (5,000 triggers).
   */
  const wantedOf = <T>(kind: Exclude<Kind, "Property">, wanted: ReadonlySet<string>): Definition<T>[] => {
    const prefix = ctx.routes.sectionRoute(kind);
    const found: Definition<T>[] = [];
    for (const route of wanted) {
      if (!route.startsWith(prefix) || !route.endsWith("/") || route.length <= prefix.length + 1) continue;
      const def = ctx.model.get<T>(kind, route.slice(prefix.length, -1));
      if (def?.valid && routeOf(kind, def.id) === route) found.push(def);
    }
    return found;
  };
  const each = <T>(
    kind: Exclude<Kind, "Property">,
    render: (ctx: SiteContext, def: Definition<T>) => Page,
  ): void => {
    const defs = only ? inPageOrder(ctx, kind, wantedOf<T>(kind, only)) : pagesOf<T>(ctx, kind);
    for (const def of defs) {
      const route = routeOf(kind, def.id);
      if (route !== undefined) add({ route, render: () => render(ctx, def) });
    }
  };
  each<PipelineDef>("Pipeline", pipelinePage);
  each<StageDef>("Stage", stagePage);
  each<TriggerDef>("Trigger", triggerPage);
  each<ScoringModelDef>("ScoringModel", scoringPage);
  each<CommandPlanDef>("CommandPlan", planPage);
  each<ObjectDef>("Object", objectPage);
  each<MetricDef>("Metric", metricPage);
  each<TeamDef>("Team", teamPage);
  each<EventDef>("Event", eventPage);
  add({ route: "/glossary/", render: () => glossaryPage(ctx) });
  add({ route: "/goals/", render: () => goalMatrixPage(ctx) });
  add({ route: "/health/", render: () => processHealthPage(ctx) });
  add({ route: "/status/", render: () => statusPage(ctx) });
  add({ route: "/search/", render: () => searchPage() });
  return plans;
}

/** Every page of the site, rendered (small sites and tests; the build renders plan by plan). */
export function sitePages(ctx: SiteContext): Page[] {
  return sitePlans(ctx).map((p) => p.render());
}
