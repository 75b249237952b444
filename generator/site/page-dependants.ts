/**
 * Which pages an in-place edit of one definition file reaches (`revbook serve`,
 * live-site.ts). Pure: it reads the model (already updated in place), the
 * change the update made (`ModelChange`: the file's definitions and references
 * before and after) and a map from definitions and docs to their routes.
 *
 * The rules follow what the page renderers show of other definitions, derived
 * from the model's references in both directions:
 * - the definition's own page (a property's: its object's page);
 * - every doc that embeds it (`::stages`, `::scoring`…), whatever changed;
 *   docs that name it in front matter (`related`, `owner`) when its name
 *   changed; never docs that only link to it (a link shows its author's text
 *   and the URL, which stays: ids are kept);
 * - pages of definitions that reference it, when something they show of it
 *   changed ("referable" facts: its name; a stage's CRM value; anything of a
 *   property, whose labels and options conditions are worded with; anything of
 *   a pipeline, scoring model or plan), and a stage's pipelines when its row in
 *   their stage table or funnel changed;
 * - pages of definitions it references, when its name or the fields it names
 *   them with changed (backlinks, "used by", "owns", object lineage), and the
 *   stages a trigger sets (their pages show the trigger in words);
 * - what embeds those pages' content in turn: a trigger's words on the pages of
 *   the stages it sets, a stage's row on its pipeline's page and in docs that
 *   embed that pipeline, scoring and plan tables in docs;
 * - the site-wide pages: the kind's section index and the glossary (name,
 *   definition, description), the goal matrix (stages, metrics), process
 *   health (team names), and the navigation (a name: every page of the kind).
 *
 * When an edit changes what exists or how things are ordered (a definition
 * turning valid or invalid, a pipeline's stages, object or property, a
 * duplicate id), the answer is a full rebuild. (Renamed ids, added or removed
 * definitions and files never get here: the model is rebuilt for those.)
 */
import { DOCUMENT_KINDS, type Kind, type PipelineDef, type StageDef } from "../../core/model/kinds.js";
import type { Definition, Model, ModelChange, Reference } from "../../core/model/model.js";

/** Where the pages are. */
export interface PageIndex {
  /** The route of a definition's page (a property's: its object's page), or undefined when it has none. */
  definition(def: Definition): string | undefined;
  /** The route of a doc's page, or undefined when it has none (a draft). */
  doc(file: string): string | undefined;
  /** The route of a kind's section index. */
  section(kind: Exclude<Kind, "Property">): string;
}

export type PageDependants =
  | { full: string }
  | {
      full?: undefined;
      /** Routes to render again. */
      routes: Set<string>;
      /** Docs among them whose Markdown bodies must be rendered again (their embeds or links changed). */
      docs: Set<string>;
      /** Whether the navigation changed (a definition's name): rebuild it before rendering. */
      nav: boolean;
    };

export const GLOSSARY_ROUTE = "/glossary/";
export const GOALS_ROUTE = "/goals/";
export const HEALTH_ROUTE = "/health/";

/** The field of a `KIND:ID` link inside a definition's Markdown `description` (model.ts `refDescription`). */
const DESCRIPTION_LINK = "description link";

const SECTION_KINDS: ReadonlySet<Kind> = new Set<Kind>(DOCUMENT_KINDS);

function json(value: unknown): string {
  return JSON.stringify(value) ?? "";
}

function field(def: Definition, name: string): unknown {
  const value = def.value;
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/** A definition's own content: an object's properties are definitions of their own, compared on their own. */
function content(def: Definition): string {
  if (def.kind !== "Object") return json(def.value);
  const { properties: _properties, ...rest } = def.value as Record<string, unknown>;
  return json(rest);
}

/** What the section index and glossary show of a definition. */
function summary(model: Model, def: Definition): string {
  return json([model.displayName(def), field(def, "definition"), field(def, "description")]);
}

/** What a stage's row in a pipeline table and its funnel box show (besides its owner team's name). */
function stageRow(model: Model, stage: Definition): string {
  const v = stage.value as Partial<StageDef>;
  return json([
    model.displayName(stage),
    model.stageCrmValue(stage as Definition<StageDef>),
    v.definition,
    v.owner,
    v.sla,
    v.terminal,
    v.won,
  ]);
}

/** What the goal matrix shows of a stage or metric. */
function goalFacts(model: Model, def: Definition): string {
  const pick = (names: readonly string[]): unknown[] => names.map((n) => field(def, n));
  return json([
    model.displayName(def),
    ...(def.kind === "Stage"
      ? pick(["bowtie", "enteredAt", "terminal", "closed"])
      : pick(["type", "goal", "unit", "stage", "from"])),
  ]);
}

/** What pages of definitions referencing `def` may show of it (beyond its id, which is kept). */
function referable(model: Model, def: Definition): string {
  switch (def.kind) {
    case "Stage":
      // Its name and CRM value (its row in pipeline tables is handled on its own).
      return json([model.displayName(def), model.stageCrmValue(def as Definition<StageDef>)]);
    case "Property": {
      // Labels, options, types and paths: conditions and assignments are worded with all of them.
      const { description: _description, ...rest } = def.value as Record<string, unknown>;
      return json([model.displayName(def), rest]);
    }
    case "Pipeline":
    case "ScoringModel":
    case "CommandPlan":
      return content(def);
    default:
      return model.displayName(def);
  }
}

/** Keys a reference is listed under on other pages ("used by" walks through reference properties too). */
function targetsOf(ref: Reference): Definition[] {
  if (!ref.resolved) return [];
  return [ref.resolved, ...(ref.via ?? [])];
}

/** For one definition's references: target key → the fields naming it, in order (what "used by" lists show). */
function fieldsByTarget(
  refs: readonly Reference[],
  key: string,
): Map<string, { def: Definition; fields: string }> {
  const out = new Map<string, { def: Definition; fields: string[] }>();
  for (const ref of refs) {
    if (ref.from?.key !== key) continue;
    for (const target of targetsOf(ref)) {
      const entry = out.get(target.key) ?? { def: target, fields: [] };
      entry.fields.push(ref.field);
      out.set(target.key, entry);
    }
  }
  return new Map([...out].map(([k, v]) => [k, { def: v.def, fields: v.fields.join("\n") }]));
}

/** The pages an in-place update of one definition file reaches, or a full rebuild with the reason. */
export function definitionDependants(model: Model, change: ModelChange, pages: PageIndex): PageDependants {
  const routes = new Set<string>();
  const docs = new Set<string>();
  let nav = false;
  const addDef = (def: Definition | undefined): void => {
    const route = def && pages.definition(def);
    if (route !== undefined) routes.add(route);
  };
  /** A doc's page; with `body`, its Markdown rendered again too (its embeds changed). */
  const addDoc = (file: string, body: boolean): void => {
    const route = pages.doc(file);
    if (route === undefined) return;
    routes.add(route);
    if (body) docs.add(file);
  };
  /** Docs that embed a definition's tables or funnel (`::stages{pipeline=…}` …). */
  const addEmbeddingDocs = (def: Definition): void => {
    for (const ref of model.referencesTo(def))
      if (!ref.from && ref.field.startsWith("::")) addDoc(ref.file, true);
  };
  /** Pipelines listing a stage (the first, and any later one, which the linter flags). */
  const pipelinesOf = (stage: Definition): Definition[] => {
    const found = new Map<string, Definition>();
    const first = model.stagePipeline.get(stage.id);
    if (first) found.set(first.key, first);
    for (const ref of model.referencesTo(stage))
      if (ref.from?.kind === "Pipeline") found.set(ref.from.key, ref.from);
    return [...found.values()];
  };
  /** The stages a trigger sets: their pages show the trigger in words. */
  const stagesSetBy = (refs: readonly Reference[], trigger: Definition): void => {
    for (const ref of refs)
      if (ref.from?.key === trigger.key && ref.field === "setStage") addDef(ref.resolved);
  };
  /**
   * A definition whose page shows something of a changed definition: its page,
   * and where its own words or tables are shown again.
   */
  const addReferrer = (from: Definition, ref: Reference): void => {
    addDef(from);
    switch (from.kind) {
      case "Trigger":
        stagesSetBy(model.referencesIn(from.file), from);
        break;
      case "Stage":
        // A stage's row shows its owner team's name.
        if (ref.field === "owner") {
          for (const pipeline of pipelinesOf(from)) {
            addDef(pipeline);
            addEmbeddingDocs(pipeline);
          }
        }
        break;
      case "Pipeline":
      case "ScoringModel":
      case "CommandPlan":
        addEmbeddingDocs(from);
        break;
      default:
        break;
    }
  };
  /** Everything that shows a definition's referable facts. */
  const addReferrers = (def: Definition): void => {
    for (const ref of model.referencesTo(def)) {
      // A link in a description shows its author's text and the page's URL, which an in-place edit keeps.
      if (ref.from && ref.field !== DESCRIPTION_LINK) addReferrer(ref.from, ref);
    }
  };

  const before = change.before;
  const after = change.after;
  if (before.length !== after.length) return { full: "the file's definitions changed" };
  for (let i = 0; i < after.length; i++) {
    const old = before[i] as Definition;
    const now = after[i] as Definition;
    if (old.key !== now.key) return { full: "the file's definitions changed" };
    if (old.valid !== now.valid) return { full: `${now.key} became ${now.valid ? "valid" : "invalid"}` };
    if (model.byKey.get(now.key) !== now) return { full: `${now.key} is a duplicate` };
    if (now.kind === "Pipeline") {
      const a = old.value as Partial<PipelineDef>;
      const b = now.value as Partial<PipelineDef>;
      // Which pipeline lists a stage, in which order, on which property: stage pages, the
      // navigation's stage order, the goal matrix and the wording of every stage value.
      if (json([a.stages, a.object, a.property]) !== json([b.stages, b.object, b.property]))
        return { full: `${now.key} changed its stages, object or property` };
    }
  }

  for (let i = 0; i < after.length; i++) {
    const old = before[i] as Definition;
    const now = after[i] as Definition;
    const renamed = model.displayName(old) !== model.displayName(now);
    if (content(old) === content(now)) continue;
    addDef(now);
    // Docs that embed it show its content. `related` and `owner` in front matter show its name, in
    // the page around the body. A Markdown link shows its author's text and the URL, which stays
    // (the id is kept): docs that only link to it are left alone.
    for (const ref of model.referencesTo(now)) {
      if (ref.from) continue;
      if (ref.field.startsWith("::")) addDoc(ref.file, true);
      else if (renamed && ref.field !== "link") addDoc(ref.file, false);
    }
    if (referable(model, old) !== referable(model, now)) addReferrers(now);
    // Pages of what it references: their lists show its name and the fields it names them with.
    const was = fieldsByTarget(change.referencesBefore, now.key);
    const is = fieldsByTarget(change.referencesAfter, now.key);
    for (const key of new Set([...was.keys(), ...is.keys()])) {
      const a = was.get(key);
      const b = is.get(key);
      if (renamed || a?.fields !== b?.fields) {
        addDef(a?.def && model.byKey.get(a.def.key));
        addDef(b?.def);
      }
    }
    if (SECTION_KINDS.has(now.kind) && summary(model, old) !== summary(model, now)) {
      routes.add(pages.section(now.kind as Exclude<Kind, "Property">));
      routes.add(GLOSSARY_ROUTE);
    }
    if (renamed && SECTION_KINDS.has(now.kind)) {
      // The sidebar of every page of the kind (and its index) lists the kind's names, in name order.
      nav = true;
      for (const def of model.valid(now.kind)) addDef(def);
      routes.add(pages.section(now.kind as Exclude<Kind, "Property">));
    }
    switch (now.kind) {
      case "Trigger":
        stagesSetBy(change.referencesBefore, old);
        stagesSetBy(change.referencesAfter, now);
        break;
      case "Stage": {
        if (goalFacts(model, old) !== goalFacts(model, now)) routes.add(GOALS_ROUTE);
        if (stageRow(model, old) !== stageRow(model, now)) {
          for (const pipeline of pipelinesOf(now)) {
            addDef(pipeline);
            addEmbeddingDocs(pipeline);
          }
        }
        // A condition on the pipeline's property shows a stage's name for its CRM value.
        if (referable(model, old) !== referable(model, now)) {
          for (const pipeline of pipelinesOf(now)) {
            const property = model.pipelineProperty(pipeline as Definition<PipelineDef>);
            if (property) addReferrers(property);
          }
        }
        break;
      }
      case "Metric":
        if (goalFacts(model, old) !== goalFacts(model, now)) routes.add(GOALS_ROUTE);
        break;
      case "Team":
        if (renamed) routes.add(HEALTH_ROUTE);
        break;
      case "Property": {
        // `::properties{object=…}` shows the object's property table.
        const object = now.objectId !== undefined ? model.get("Object", now.objectId) : undefined;
        if (object) addEmbeddingDocs(object);
        if (renamed) {
          // Pipelines stored in this property: their stage pages say "<value> in <property>", and
          // triggers that set those stages say "set <property> to <stage>".
          for (const ref of model.referencesTo(now)) {
            if (ref.from?.kind !== "Pipeline" || ref.field !== "property") continue;
            for (const id of (ref.from.value as PipelineDef).stages) {
              const stage = model.get<StageDef>("Stage", id);
              if (!stage) continue;
              addDef(stage);
              for (const r of model.referencesTo(stage))
                if (r.from?.kind === "Trigger" && r.field === "setStage") addReferrer(r.from, r);
            }
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return { routes, docs, nav };
}
