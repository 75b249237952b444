/**
 * The resolved model: every definition of the workspace in one symbol table,
 * every reference with its source range and what it resolves to, and property
 * paths resolved through `reference` properties. Lint rules, the site and the
 * language server (definition, references, rename) all read this one table.
 */
import type { Diagnostic } from "../diagnostic.js";
import type { MarkdownDocument } from "../load/markdown-source.js";
import { type NodeLocation, pointerOf, type YamlDocument } from "../load/yaml-source.js";
import type { Range } from "../position.js";
import {
  type Condition,
  DOCUMENT_KINDS,
  type Kind,
  LINK_KINDS,
  type ObjectDef,
  type PipelineDef,
  type PropertyDef,
  type PropertyTest,
  type StageDef,
  titleCase,
} from "./kinds.js";
import { closest, didYouMean } from "./suggest.js";

export interface Definition<T = unknown> {
  kind: Kind;
  id: string;
  /** Unique key in the symbol table: `Stage:mql`, `Property:contact.lead_score`. */
  key: string;
  file: string;
  doc: YamlDocument;
  /** Pointer of the definition inside its document ("" for a whole document, "/properties/3" for a property). */
  pointer: string;
  value: T;
  /** False when the document has syntax or schema errors: registered for references, not linted further. */
  valid: boolean;
  /** Position in workspace order (sorted files, then documents), for "first" and "later". */
  order: number;
  /** For properties: the owning object's id. */
  objectId?: string;
}

export type ReferenceRole =
  | "owner"
  | "object"
  | "property"
  | "stage"
  | "team"
  | "event"
  | "pipeline"
  | "scoring"
  | "plan"
  | "trigger"
  | "metric"
  | "link";

/** One place that names a definition. */
export interface Reference {
  /** The kind the place expects. */
  kind: Kind;
  /** The text as written (`mlq`, `company.numberofemployees`, `stage:mql`). */
  name: string;
  file: string;
  range: Range;
  /** The referencing definition (undefined for Markdown docs). */
  from?: Definition;
  /** Pointer of the referencing YAML node inside its document. */
  pointer?: string;
  /** What the field is, for messages ("owner", "setStage"…). */
  field: string;
  resolved?: Definition;
  /** Why it did not resolve, when it did not. */
  problem?: { message: string; suggestion?: string; replacement?: string };
  /** For a condition test or a `setProperty`: the node that holds `op`/`value`. */
  test?: PropertyTest;
  assignment?: { property: string; value: unknown };
  /** The object a property path is resolved on. */
  objectId?: string;
  /** Reference properties a path walks through (`company` in `company.numberofemployees`). */
  via?: Definition<PropertyDef>[];
}

export type PathResolution =
  | { ok: true; property: Definition<PropertyDef>; objectId: string; walked: Definition<PropertyDef>[] }
  | { ok: false; message: string; suggestion?: string; replacement?: string };

export interface ModelInput {
  /** Parsed YAML files in sorted path order; each document's schema validity. */
  yaml: { file: string; documents: { doc: YamlDocument; valid: boolean }[] }[];
  markdown: { file: string; document: MarkdownDocument; valid: boolean }[];
  crm: "hubspot" | "salesforce";
  /** Syntax and schema problems found while loading, reported by the `yaml-syntax` and `schema` rules. */
  loadDiagnostics: Diagnostic[];
}

export interface Duplicate {
  def: Definition;
  first: Definition;
}

export interface StageListing {
  pipeline: Definition<PipelineDef>;
  index: number;
  stageId: string;
  /** The pipeline that listed the stage first. */
  first: Definition<PipelineDef>;
}

/** Kinds that no other definition's resolution or checks read beyond their key (see `updateYamlFile`). */
const LEAF_KINDS: ReadonlySet<Kind> = new Set<Kind>(["Trigger", "CommandPlan", "Metric", "Team", "Event"]);
/**
 * Kinds an in-place update also takes: the model's own resolution reads
 * none beyond its key (a stage's object comes from its pipeline), or for an
 * object's properties beyond where a path can walk (`propertyKeepsPaths`), but
 * caches and rules elsewhere do, so updating one bumps `contextRevision`.
 */
const IN_PLACE_KINDS: ReadonlySet<Kind> = new Set<Kind>([
  ...LEAF_KINDS,
  "Stage",
  "ScoringModel",
  "Object",
  "Pipeline",
]);

/**
 * What an in-place update changed: one YAML file's definitions (same kinds and
 * ids, new objects) and the references from them (`updateYamlFile`), or one
 * process doc and its references (`updateMarkdownFile`). Incremental linting reruns only
 * what depends on these.
 */
export interface ModelChange {
  file: string;
  before: readonly Definition[];
  after: readonly Definition[];
  referencesBefore: readonly Reference[];
  referencesAfter: readonly Reference[];
  /** Kinds of the definitions before and after. */
  kinds: ReadonlySet<Kind>;
  /** Set when the file is a process doc (`updateMarkdownFile`). */
  doc?: boolean;
}

export class Model {
  readonly definitions: Definition[] = [];
  readonly byKey = new Map<string, Definition>();
  readonly duplicates: Duplicate[] = [];
  readonly references: Reference[] = [];
  /** Stage id → the pipeline that lists it first. */
  readonly stagePipeline = new Map<string, Definition<PipelineDef>>();
  /** Stages listed by a second pipeline: a `schema` error on the second list. */
  readonly extraListings: StageListing[] = [];
  readonly docs = new Map<string, MarkdownDocument>();
  /** Docs whose front matter passed the schema. */
  readonly validDocs = new Set<string>();
  readonly crm: "hubspot" | "salesforce";
  readonly loadDiagnostics: Diagnostic[];
  private readonly referencesByKey = new Map<string, Reference[]>();
  private readonly byKindId = new Map<Kind, Map<string, Definition>>();
  private readonly kindIndex = new Map<Kind, { all: Definition[]; valid: Definition[]; ids: string[] }>();
  private propertiesByObject: Map<string, Definition<PropertyDef>[]> | undefined;
  private byFile: Map<string, { definitions: Definition[]; references: Reference[] }> | undefined;
  /** Where `collectReferences` puts what it finds: `references`, or a file's new list during an update. */
  private sink: Reference[] = this.references;
  /**
   * Bumped by every in-place update: caches keyed by the model (trigger facts,
   * value sites) compare it to know they are stale. Caches keyed by a
   * definition stay valid: an update gives the edited file's definitions new objects.
   */
  revision = 0;
  /**
   * Bumped by an in-place update of definitions other definitions' facts read
   * (stages, scoring models): caches keyed by a definition or a reference that
   * read such definitions (trigger facts, condition scopes) compare it.
   */
  contextRevision = 0;

  constructor(input: ModelInput) {
    this.crm = input.crm;
    this.loadDiagnostics = input.loadDiagnostics;
    for (const file of input.yaml) for (const { doc, valid } of file.documents) this.register(doc, valid);
    for (const md of input.markdown) {
      this.docs.set(md.file, md.document);
      if (md.valid) this.validDocs.add(md.file);
    }
    this.indexPipelines();
    for (const def of this.definitions) if (def.valid) this.collectReferences(def);
    for (const md of input.markdown) this.collectDocReferences(md.document, md.valid);
    for (const ref of this.references) for (const key of indexKeys(ref)) this.indexReference(key, ref);
    // Built now rather than on the first edit, which would otherwise pay for it (a keystroke's latency).
    this.fileIndex();
  }

  get<T>(kind: Kind, id: string): Definition<T> | undefined {
    // Looked up hundreds of thousands of times per lint: a map per kind avoids building `Kind:id` strings.
    return this.byKindId.get(kind)?.get(id) as Definition<T> | undefined;
  }

  private indexReference(key: string, ref: Reference): void {
    const list = this.referencesByKey.get(key);
    if (list) list.push(ref);
    else this.referencesByKey.set(key, [ref]);
  }

  /** Every definition of a kind that is the first with its id (duplicates are left out). */
  all<T>(kind: Kind): Definition<T>[] {
    return this.index(kind).all as Definition<T>[];
  }

  /** Valid first definitions of a kind: what semantic rules iterate. */
  valid<T>(kind: Kind): Definition<T>[] {
    return this.index(kind).valid as Definition<T>[];
  }

  ids(kind: Kind): string[] {
    return this.index(kind).ids;
  }

  /** Properties of one object, in definition order. */
  propertiesOf(objectId: string): Definition<PropertyDef>[] {
    if (!this.propertiesByObject) {
      this.propertiesByObject = new Map();
      for (const p of this.all<PropertyDef>("Property")) {
        const list = this.propertiesByObject.get(p.objectId ?? "") ?? [];
        list.push(p);
        this.propertiesByObject.set(p.objectId ?? "", list);
      }
    }
    return this.propertiesByObject.get(objectId) ?? [];
  }

  /** Per-kind lists, built on first use: rules call `valid(kind)` in loops. */
  private index(kind: Kind): { all: Definition[]; valid: Definition[]; ids: string[] } {
    let entry = this.kindIndex.get(kind);
    if (!entry) {
      const all = this.definitions.filter((d) => d.kind === kind && this.byKey.get(d.key) === d);
      entry = { all, valid: all.filter((d) => d.valid), ids: all.map((d) => d.id) };
      this.kindIndex.set(kind, entry);
    }
    return entry;
  }

  referencesTo(def: Definition): Reference[] {
    return this.referencesByKey.get(def.key) ?? [];
  }

  /** Definitions of one file (duplicates included), in document order. */
  definitionsIn(file: string): readonly Definition[] {
    return this.fileIndex().get(file)?.definitions ?? [];
  }

  /** References written in one file (from its definitions, or from a doc), in model order. */
  referencesIn(file: string): readonly Reference[] {
    return this.fileIndex().get(file)?.references ?? [];
  }

  private fileIndex(): Map<string, { definitions: Definition[]; references: Reference[] }> {
    if (!this.byFile) {
      const index = new Map<string, { definitions: Definition[]; references: Reference[] }>();
      const entry = (file: string): { definitions: Definition[]; references: Reference[] } => {
        let e = index.get(file);
        if (!e) index.set(file, (e = { definitions: [], references: [] }));
        return e;
      };
      for (const def of this.definitions) entry(def.file).definitions.push(def);
      for (const ref of this.references) entry(ref.file).references.push(ref);
      this.byFile = index;
    }
    return this.byFile;
  }

  /**
   * Replaces one YAML file's documents in place, when that can be done without
   * touching anything else: the file's definitions keep their kinds and ids in
   * the same order, and all are of kinds no other definition's resolution
   * reads beyond the key (`IN_PLACE_KINDS`: triggers, plans, metrics, teams,
   * events, stages, scoring models, objects with their properties as long as
   * `propertyKeepsPaths`, pipelines as long as `pipelineKeepsStages`). Then no other reference changes what it resolves to
   * (only which object it points at), no suggestion changes and `order` stays
   * the same. Kinds beyond the leaf ones also bump `contextRevision`. Returns undefined, with the model untouched, when the
   * edit needs a full rebuild.
   */
  updateYamlFile(
    file: string,
    documents: readonly { doc: YamlDocument; valid: boolean }[],
    loadDiagnostics: readonly Diagnostic[],
  ): ModelChange | undefined {
    const before = this.definitionsIn(file);
    const found: {
      kind: Kind;
      id: string;
      doc: YamlDocument;
      pointer: string;
      value: Record<string, unknown>;
      valid: boolean;
      objectId?: string;
    }[] = [];
    for (const { doc, valid } of documents) {
      const value = doc.value;
      if (!isRecord(value)) continue;
      const { kind, id } = value;
      if (typeof kind !== "string" || !(DOCUMENT_KINDS as readonly string[]).includes(kind)) continue;
      if (typeof id !== "string") continue;
      const old = before[found.length];
      if (old?.kind !== kind || old.id !== id || old.pointer !== "" || !IN_PLACE_KINDS.has(old.kind))
        return undefined;
      found.push({ kind: kind as Kind, id, doc, pointer: "", value, valid });
      // Properties, as `register` adds them: only under the first object with its id.
      if (kind === "Object" && Array.isArray(value.properties) && this.byKey.get(old.key) === old) {
        value.properties.forEach((p, i) => {
          if (isRecord(p) && typeof p.id === "string")
            found.push({
              kind: "Property",
              id: `${id}.${p.id}`,
              doc,
              pointer: pointerOf("properties", i),
              value: p,
              valid,
              objectId: id,
            });
        });
      }
    }
    if (found.length !== before.length) return undefined;
    for (let i = 0; i < found.length; i++) {
      const a = before[i] as Definition;
      const b = found[i] as (typeof found)[number];
      if (a.kind !== b.kind || a.id !== b.id || a.pointer !== b.pointer) return undefined;
      if (a.kind === "Property" && !this.propertyKeepsPaths(a as Definition<PropertyDef>, b.value))
        return undefined;
      if (a.kind === "Pipeline" && !pipelineKeepsStages(a as Definition<PipelineDef>, b.value, b.valid))
        return undefined;
    }

    // Definitions: new objects in the same places.
    const after: Definition[] = found.map((f, i) => {
      const old = before[i] as Definition;
      const def: Definition = {
        kind: f.kind,
        id: f.id,
        key: old.key,
        file,
        doc: f.doc,
        pointer: f.pointer,
        value: f.value,
        valid: f.valid,
        order: old.order,
      };
      if (f.objectId !== undefined) def.objectId = f.objectId;
      return def;
    });
    const kinds = new Set(before.map((d) => d.kind));
    const replaced = new Map<Definition, Definition>();
    before.forEach((old, i) => replaced.set(old, after[i] as Definition));
    for (const [old, def] of replaced) {
      this.definitions[def.order] = def;
      if (this.byKey.get(def.key) === old) {
        this.byKey.set(def.key, def);
        this.byKindId.get(def.kind)?.set(def.id, def);
      }
    }
    for (let i = 0; i < this.duplicates.length; i++) {
      const d = this.duplicates[i] as Duplicate;
      if (replaced.has(d.def) || replaced.has(d.first))
        this.duplicates[i] = { def: replaced.get(d.def) ?? d.def, first: replaced.get(d.first) ?? d.first };
    }
    for (const kind of kinds) {
      const entry = this.kindIndex.get(kind);
      if (!entry) continue;
      let validity = false;
      for (const [old, def] of replaced) {
        const at = entry.all.indexOf(old);
        if (at >= 0) entry.all[at] = def;
        if (old.valid !== def.valid) validity = true;
        const v = entry.valid.indexOf(old);
        if (v >= 0) entry.valid[v] = def;
      }
      if (validity) entry.valid = entry.all.filter((d) => d.valid);
    }

    // References from the file: out of the global list and the per-key lists, the new ones in. Both
    // lists are in definition order (doc references last), so the file's references are one run.
    const referencesBefore = this.referencesIn(file);
    const referencesAfter: Reference[] = [];
    this.sink = referencesAfter;
    try {
      for (const def of after) if (def.valid) this.collectReferences(def);
    } finally {
      this.sink = this.references;
    }
    const first = after.length > 0 ? (after[0] as Definition).order : 0;
    const last = after.length > 0 ? (after[after.length - 1] as Definition).order : -1;
    this.replaceReferences(
      referencesBefore,
      referencesAfter,
      (r) => r.from !== undefined && r.from.order < first,
      (r) => r.from !== undefined && r.from.order <= last,
    );
    // References from elsewhere keep resolving to the same key: point them at the new objects
    // (and at the new reference properties they walk through).
    for (const def of after) {
      for (const ref of this.referencesByKey.get(def.key) ?? []) {
        const now = ref.resolved && replaced.get(ref.resolved);
        if (now) ref.resolved = now;
        if (ref.via?.some((w) => replaced.has(w)))
          ref.via = ref.via.map((w) => (replaced.get(w) as Definition<PropertyDef> | undefined) ?? w);
      }
    }
    if (kinds.has("Property")) this.propertiesByObject = undefined;
    if (kinds.has("Pipeline")) {
      // Same stages on the same object: the same first listings, of the new objects (indexes may move).
      this.stagePipeline.clear();
      this.extraListings.length = 0;
      this.indexPipelines();
    }

    this.replaceLoadDiagnostics(file, loadDiagnostics);
    this.fileIndex().set(file, { definitions: after, references: referencesAfter });
    this.revision++;
    if ([...kinds].some((k) => !LEAF_KINDS.has(k))) this.contextRevision++;
    return { file, before, after, referencesBefore, referencesAfter, kinds };
  }

  /**
   * Whether a property edit leaves every property path resolving as before: it
   * still walks to the same object (or to none), and when its type changes no
   * path failed on walking through it (that message names the type).
   */
  private propertyKeepsPaths(old: Definition<PropertyDef>, value: Record<string, unknown>): boolean {
    const walksTo = (p: { type?: unknown; target?: unknown }): unknown =>
      p.type === "reference" && p.target ? p.target : undefined;
    if (walksTo(old.value) !== walksTo(value)) return false;
    if (old.value.type === value.type) return true;
    const segment = old.id.slice((old.objectId ?? "").length + 1);
    const message = notAReference(segment, old.value.type);
    return !this.references.some((r) => !r.resolved && r.problem?.message.includes(message) === true);
  }

  /**
   * Replaces one process doc in place (same path): its links, front matter
   * and directives become its new references. Nothing else in the model reads
   * a doc, so this always works; undefined only when the model has no such doc.
   */
  updateMarkdownFile(
    file: string,
    document: MarkdownDocument,
    valid: boolean,
    loadDiagnostics: readonly Diagnostic[],
  ): ModelChange | undefined {
    if (!this.docs.has(file)) return undefined;
    this.docs.set(file, document);
    if (valid) this.validDocs.add(file);
    else this.validDocs.delete(file);
    const referencesBefore = this.referencesIn(file);
    const referencesAfter: Reference[] = [];
    this.sink = referencesAfter;
    try {
      this.collectDocReferences(document, valid);
    } finally {
      this.sink = this.references;
    }
    // Doc references come after every definition's, in file order.
    this.replaceReferences(
      referencesBefore,
      referencesAfter,
      (r) => r.from !== undefined || r.file < file,
      (r) => r.from !== undefined || r.file <= file,
    );
    this.replaceLoadDiagnostics(file, loadDiagnostics);
    this.fileIndex().set(file, { definitions: [], references: referencesAfter });
    this.revision++;
    return { file, before: [], after: [], referencesBefore, referencesAfter, kinds: new Set(), doc: true };
  }

  /**
   * Swaps one file's run of references for its new ones, in `references` and in
   * the per-key lists (both in model order). `before(r)`: r comes before the
   * file's run; `upTo(r)`: r comes before the run or belongs to it.
   */
  private replaceReferences(
    referencesBefore: readonly Reference[],
    referencesAfter: readonly Reference[],
    before: (r: Reference) => boolean,
    upTo: (r: Reference) => boolean,
  ): void {
    const replaceRun = (list: Reference[], refs: readonly Reference[]): void => {
      const start = lowerBound(list, before);
      const count = lowerBound(list, upTo) - start;
      // Most edits keep the number of references: overwrite, rather than splice a list of 100k.
      if (count === refs.length) for (let i = 0; i < count; i++) list[start + i] = refs[i] as Reference;
      else list.splice(start, count, ...refs);
    };
    replaceRun(this.references, referencesAfter);
    const keys = new Map<string, Reference[]>();
    for (const ref of referencesBefore) for (const key of indexKeys(ref)) keys.set(key, []);
    for (const ref of referencesAfter) {
      for (const key of indexKeys(ref)) {
        const list = keys.get(key);
        if (list) list.push(ref);
        else keys.set(key, [ref]);
      }
    }
    for (const [key, refs] of keys) {
      const list = this.referencesByKey.get(key) ?? [];
      replaceRun(list, refs);
      if (list.length > 0) this.referencesByKey.set(key, list);
      else this.referencesByKey.delete(key);
    }
  }

  /** Swaps one file's load diagnostics (kept in file order). */
  private replaceLoadDiagnostics(file: string, loadDiagnostics: readonly Diagnostic[]): void {
    const diagnostics = this.loadDiagnostics;
    let start = 0;
    while (start < diagnostics.length && (diagnostics[start] as Diagnostic).file < file) start++;
    let end = start;
    while (end < diagnostics.length && (diagnostics[end] as Diagnostic).file === file) end++;
    diagnostics.splice(start, end - start, ...loadDiagnostics);
  }

  /** Display name of a definition: its `name`, else the title-cased id. */
  displayName(def: Definition): string {
    const name = (def.value as { name?: unknown }).name;
    return typeof name === "string" && name ? name : titleCase(def.id.split(".").pop() ?? def.id);
  }

  /** The object a definition works on: its `object` field, or for a Stage its pipeline's object. */
  objectOf(def: Definition): string | undefined {
    if (def.kind === "Stage") {
      const pipeline = this.stagePipeline.get(def.id);
      return pipeline ? pipeline.value.object : undefined;
    }
    if (def.kind === "Property") return def.objectId;
    const object = (def.value as { object?: unknown }).object;
    return typeof object === "string" ? object : undefined;
  }

  /** The enum property a pipeline's stages are stored in. */
  pipelineProperty(pipeline: Definition<PipelineDef>): Definition<PropertyDef> | undefined {
    const r = this.resolvePath(pipeline.value.object, pipeline.value.property);
    return r.ok ? r.property : undefined;
  }

  /** The value a stage sets in its pipeline's property. */
  stageCrmValue(stage: Definition<StageDef>): string {
    const v = stage.value.crmValue;
    return v === undefined ? stage.id : String(v);
  }

  /** Resolves a property path (FORMAT.md §3) on an object. */
  resolvePath(objectId: string, path: string, allowWalk = true): PathResolution {
    const object = this.get<ObjectDef>("Object", objectId);
    if (!object) return { ok: false, message: `object \`${objectId}\` is not defined` };
    let segments = path.split(".");
    if (segments.length > 1 && segments[0] === objectId) segments = segments.slice(1);
    if (!allowWalk && segments.length > 1) {
      return {
        ok: false,
        message: `\`${path}\` must name a property of \`${objectId}\` directly, not walk a reference`,
      };
    }
    let current = objectId;
    const walked: Definition<PropertyDef>[] = [];
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i] as string;
      const property = this.get<PropertyDef>("Property", `${current}.${segment}`);
      if (!property) {
        const candidates = this.propertiesOf(current).map((p) => p.id.slice(current.length + 1));
        const guess = closest(segment, candidates);
        const prefix = segments.slice(0, i);
        const replacement = guess === undefined ? undefined : rebuildPath(path, segments, prefix, guess);
        const isForeignObject = i === 0 && segments.length > 1 && this.get("Object", segment) !== undefined;
        return {
          ok: false,
          message: isForeignObject
            ? `\`${path}\`: \`${segment}\` is another object; reach it through a reference property of \`${current}\``
            : `\`${path}\`: object \`${current}\` has no property \`${segment}\``,
          suggestion: didYouMean(replacement),
          replacement,
        };
      }
      if (i === segments.length - 1) return { ok: true, property, objectId: current, walked };
      if (property.value.type !== "reference" || !property.value.target) {
        return {
          ok: false,
          message: `\`${path}\`: ${notAReference(segment, property.value.type)}, so the path cannot go through it`,
        };
      }
      walked.push(property);
      current = property.value.target;
      if (!this.get("Object", current)) {
        return {
          ok: false,
          message: `\`${path}\`: \`${segment}\` points at object \`${current}\`, which is not defined`,
        };
      }
    }
    return { ok: false, message: `\`${path}\` is empty` };
  }

  /** Location of a node below a definition (`sub` is a pointer relative to the definition). */
  location(def: Definition, sub = ""): NodeLocation | undefined {
    return def.doc.locations.get(def.pointer + sub);
  }

  /** Where a diagnostic about something absent points: the `id` value, else `kind`, else the document. */
  absentRange(def: Definition): Range {
    const loc = this.location(def, "/id") ?? this.location(def, "/kind") ?? this.location(def);
    return loc?.value ?? def.doc.range;
  }

  private register(doc: YamlDocument, valid: boolean): void {
    const value = doc.value;
    if (!isRecord(value)) return;
    const kind = value.kind;
    const id = value.id;
    if (typeof kind !== "string" || !(DOCUMENT_KINDS as readonly string[]).includes(kind)) return;
    if (typeof id !== "string") return;
    const def = this.add({ kind: kind as Kind, id, doc, pointer: "", value, valid });
    // A duplicate object's properties would each be reported again; its `duplicate-id` says it all.
    if (kind === "Object" && Array.isArray(value.properties) && this.byKey.get(def.key) === def) {
      value.properties.forEach((p, i) => {
        if (!isRecord(p) || typeof p.id !== "string") return;
        this.add({
          kind: "Property",
          id: `${id}.${p.id}`,
          doc,
          pointer: pointerOf("properties", i),
          value: p,
          valid: def.valid,
          objectId: id,
        });
      });
    }
  }

  private add(partial: Omit<Definition, "key" | "file" | "order">): Definition {
    const def: Definition = {
      ...partial,
      key: `${partial.kind}:${partial.id}`,
      file: partial.doc.file,
      order: this.definitions.length,
    };
    this.definitions.push(def);
    const first = this.byKey.get(def.key);
    if (first) this.duplicates.push({ def, first });
    else {
      this.byKey.set(def.key, def);
      let ids = this.byKindId.get(def.kind);
      if (!ids) this.byKindId.set(def.kind, (ids = new Map()));
      ids.set(def.id, def);
    }
    return def;
  }

  private indexPipelines(): void {
    for (const pipeline of this.valid<PipelineDef>("Pipeline")) {
      pipeline.value.stages.forEach((stageId, index) => {
        const first = this.stagePipeline.get(stageId);
        if (first && first !== pipeline) this.extraListings.push({ pipeline, index, stageId, first });
        else this.stagePipeline.set(stageId, pipeline);
      });
    }
  }

  private addRef(
    ref: Omit<Reference, "file" | "range"> & { from: Definition; pointer: string },
  ): Reference | undefined {
    const loc = ref.from.doc.locations.get(ref.from.pointer + ref.pointer);
    if (!loc) return undefined;
    const full: Reference = {
      ...ref,
      file: ref.from.file,
      range: loc.value,
      pointer: ref.from.pointer + ref.pointer,
    };
    this.sink.push(full);
    return full;
  }

  /** A reference to a definition by plain id. */
  private refId(from: Definition, kind: Kind, id: unknown, pointer: string, field: string): void {
    if (typeof id !== "string") return;
    const resolved = this.get(kind, id);
    const guess = resolved ? undefined : closest(id, this.ids(kind));
    this.addRef({
      kind,
      name: id,
      from,
      pointer,
      field,
      resolved,
      problem: resolved
        ? undefined
        : {
            message: `${field}: no ${kindLabel(kind)} \`${id}\` is defined`,
            suggestion: didYouMean(guess),
            replacement: guess,
          },
    });
  }

  /** A reference to a property by path on an object. */
  private refPath(
    from: Definition,
    objectId: string | undefined,
    path: unknown,
    pointer: string,
    field: string,
    extra: Pick<Reference, "test" | "assignment"> = {},
    allowWalk = true,
  ): void {
    if (typeof path !== "string" || objectId === undefined) return;
    if (!this.get("Object", objectId)) return; // the missing object is reported where it is named
    const r = this.resolvePath(objectId, path, allowWalk);
    this.addRef({
      kind: "Property",
      name: path,
      from,
      pointer,
      field,
      objectId,
      resolved: r.ok ? r.property : undefined,
      via: r.ok && r.walked.length > 0 ? r.walked : undefined,
      problem: r.ok
        ? undefined
        : { message: r.message, suggestion: r.suggestion, replacement: r.replacement },
      ...extra,
    });
  }

  private refCondition(
    from: Definition,
    objectId: string | undefined,
    condition: unknown,
    pointer: string,
  ): void {
    if (!isRecord(condition)) return;
    const cond = condition;
    if (Array.isArray(cond.all)) {
      cond.all.forEach((c, i) => {
        this.refCondition(from, objectId, c, `${pointer}/all/${i}`);
      });
    } else if (Array.isArray(cond.any)) {
      cond.any.forEach((c, i) => {
        this.refCondition(from, objectId, c, `${pointer}/any/${i}`);
      });
    } else if (isRecord(cond.not)) this.refCondition(from, objectId, cond.not, `${pointer}/not`);
    else if (typeof cond.property === "string") {
      this.refPath(from, objectId, cond.property, `${pointer}/property`, "condition", {
        test: cond as unknown as PropertyTest,
      });
    } else if (typeof cond.event === "string")
      this.refId(from, "Event", cond.event, `${pointer}/event`, "event");
  }

  /** `KIND:ID` links inside a Markdown `description` (inline links only; ranges found in the YAML source). */
  private refDescription(def: Definition, sub: string, description: unknown): void {
    if (typeof description !== "string" || !description.includes("](")) return;
    const loc = def.doc.locations.get(def.pointer + sub);
    if (!loc) return;
    const lines = def.doc.lines;
    const start = lines.offsetAt(loc.value.start);
    const source = lines.text.slice(start, lines.offsetAt(loc.value.end));
    const link = /\]\(([a-z]+:[^)\s]+)\)/g;
    let searchFrom = 0;
    for (let m = link.exec(description); m; m = link.exec(description)) {
      const target = m[1] as string;
      const r = this.resolveLink(target);
      if (!r) continue;
      const at = source.indexOf(`(${target})`, searchFrom);
      const range = at < 0 ? loc.value : lines.rangeOf(start + at + 1, start + at + 1 + target.length);
      if (at >= 0) searchFrom = at + target.length;
      this.sink.push({
        kind: r.kind,
        name: target,
        file: def.file,
        range,
        from: def,
        pointer: def.pointer + sub,
        field: "description link",
        resolved: r.resolved,
        via: r.via,
        problem: r.problem,
      });
    }
  }

  private collectReferences(def: Definition): void {
    const v = def.value as Record<string, unknown>;
    this.refDescription(def, "/description", v.description);
    if (def.kind !== "Property") this.refId(def, "Team", v.owner, "/owner", "owner");
    const objectId = this.objectOf(def);
    switch (def.kind) {
      case "Property": {
        const p = def.value as PropertyDef;
        if (p.type === "reference") this.refId(def, "Object", p.target, "/target", "target");
        if (p.replacedBy !== undefined && def.objectId)
          this.refPath(def, def.objectId, p.replacedBy, "/replacedBy", "replacedBy");
        break;
      }
      case "Event":
      case "Pipeline":
      case "Trigger":
      case "ScoringModel":
      case "CommandPlan":
        this.refId(def, "Object", v.object, "/object", "object");
        break;
      default:
        break;
    }
    switch (def.kind) {
      case "Pipeline": {
        const p = def.value as PipelineDef;
        this.refPath(def, p.object, p.property, "/property", "property", {}, false);
        p.stages.forEach((s, i) => {
          this.refId(def, "Stage", s, `/stages/${i}`, "stage");
        });
        break;
      }
      case "Stage": {
        const s = def.value as StageDef;
        this.refCondition(def, objectId, s.entry, "/entry");
        this.refPath(def, objectId, s.enteredAt, "/enteredAt", "enteredAt", {}, false);
        break;
      }
      case "Trigger": {
        const t = v as { when?: Condition; actions?: unknown[] };
        this.refCondition(def, objectId, t.when, "/when");
        (t.actions ?? []).forEach((action, i) => {
          if (!isRecord(action)) return;
          const at = `/actions/${i}`;
          if ("setStage" in action) this.refId(def, "Stage", action.setStage, `${at}/setStage`, "setStage");
          const set = action.setProperty;
          if (isRecord(set)) {
            this.refPath(def, objectId, set.property, `${at}/setProperty/property`, "setProperty", {
              assignment: { property: String(set.property), value: set.value },
            });
          }
          const clear = action.clearProperty;
          if (isRecord(clear))
            this.refPath(def, objectId, clear.property, `${at}/clearProperty/property`, "clearProperty");
          for (const teamAction of ["assign", "notify", "createTask"] as const) {
            const a = action[teamAction];
            if (isRecord(a))
              this.refId(def, "Team", a.team, `${at}/${teamAction}/team`, `${teamAction} team`);
          }
        });
        break;
      }
      case "ScoringModel": {
        const m = v as { property?: unknown; groups?: unknown[]; thresholds?: unknown[] };
        this.refPath(def, objectId, m.property, "/property", "property", {}, false);
        (m.groups ?? []).forEach((g, gi) => {
          if (!isRecord(g) || !Array.isArray(g.rules)) return;
          g.rules.forEach((r, ri) => {
            if (isRecord(r))
              this.refCondition(def, objectId, r.when as Condition, `/groups/${gi}/rules/${ri}/when`);
          });
        });
        (m.thresholds ?? []).forEach((t, i) => {
          if (isRecord(t)) this.refId(def, "Stage", t.stage, `/thresholds/${i}/stage`, "threshold stage");
        });
        break;
      }
      case "CommandPlan": {
        const p = v as { from?: unknown; to?: unknown; at?: unknown; sections?: unknown[] };
        this.refId(def, "Team", p.from, "/from", "from");
        this.refId(def, "Team", p.to, "/to", "to");
        this.refId(def, "Stage", p.at, "/at", "at");
        (p.sections ?? []).forEach((s, i) => {
          if (!isRecord(s)) return;
          this.refPath(def, objectId, s.property, `/sections/${i}/property`, "section property", {}, false);
          this.refId(def, "Stage", s.requiredAt, `/sections/${i}/requiredAt`, "requiredAt");
          this.refCondition(def, objectId, s.appliesWhen as Condition, `/sections/${i}/appliesWhen`);
        });
        break;
      }
      case "Metric": {
        this.refId(def, "Stage", v.stage, "/stage", "stage");
        this.refId(def, "Stage", v.from, "/from", "from");
        this.refId(def, "Stage", v.to, "/to", "to");
        break;
      }
      default:
        break;
    }
  }

  /** Resolves a `KIND:ID` link target; undefined when the text is not such a link. */
  resolveLink(target: string): LinkResolution | undefined {
    const m = /^([a-z]+):(.*)$/.exec(target);
    if (!m) return undefined;
    const prefix = m[1] as string;
    const kind = Object.hasOwn(LINK_KINDS, prefix) ? LINK_KINDS[prefix] : undefined;
    if (!kind) return undefined;
    const id = safeDecode((m[2] ?? "").split("#")[0] ?? "");
    if (kind === "Property") {
      const dot = id.indexOf(".");
      if (dot < 0)
        return {
          kind,
          id,
          problem: { message: `\`${target}\`: write properties as \`property:OBJECT.PROPERTY\`` },
        };
      const objectId = id.slice(0, dot);
      if (!this.get("Object", objectId)) {
        const guess = closest(objectId, this.ids("Object"));
        return {
          kind,
          id,
          problem: {
            message: `\`${target}\`: no object \`${objectId}\` is defined`,
            suggestion: didYouMean(guess && `${prefix}:${guess}${id.slice(dot)}`),
            replacement: guess && `${prefix}:${guess}${id.slice(dot)}`,
          },
        };
      }
      const r = this.resolvePath(objectId, id.slice(dot + 1));
      if (r.ok) return { kind, id, resolved: r.property, via: r.walked.length > 0 ? r.walked : undefined };
      const replacement = r.replacement && `${prefix}:${objectId}.${r.replacement}`;
      return {
        kind,
        id,
        problem: {
          message: `\`${target}\`: ${r.message.replace(/^`[^`]*`: /, "")}`,
          suggestion: didYouMean(replacement),
          replacement,
        },
      };
    }
    const resolved = this.get(kind, id);
    if (resolved) return { kind, id, resolved };
    const guess = closest(id, this.ids(kind));
    const replacement = guess && `${prefix}:${guess}`;
    return {
      kind,
      id,
      problem: {
        message: `\`${target}\`: no ${kindLabel(kind)} \`${id}\` is defined`,
        suggestion: didYouMean(replacement),
        replacement,
      },
    };
  }

  private collectDocReferences(doc: MarkdownDocument, valid: boolean): void {
    const push = (ref: Omit<Reference, "resolved" | "problem">, target: string): void => {
      const r = this.resolveLink(target);
      if (!r) return;
      this.sink.push({
        kind: r.kind,
        name: ref.name,
        file: ref.file,
        range: ref.range,
        field: ref.field,
        resolved: r.resolved,
        via: r.via,
        problem: r.problem,
      });
    };
    for (const link of doc.links)
      push({ kind: "Object", name: link.url, file: doc.file, range: link.urlRange, field: "link" }, link.url);
    const fm = doc.frontmatter;
    if (fm && valid && isRecord(fm.value)) {
      const owner = fm.value.owner;
      const ownerLoc = fm.locations.get("/owner");
      if (typeof owner === "string" && ownerLoc) {
        const resolved = this.get("Team", owner);
        const guess = resolved ? undefined : closest(owner, this.ids("Team"));
        this.sink.push({
          kind: "Team",
          name: owner,
          file: doc.file,
          range: ownerLoc.value,
          field: "owner",
          resolved,
          problem: resolved
            ? undefined
            : {
                message: `owner: no team \`${owner}\` is defined`,
                suggestion: didYouMean(guess),
                replacement: guess,
              },
        });
      }
      const related = fm.value.related;
      if (Array.isArray(related)) {
        related.forEach((item, i) => {
          const loc = fm.locations.get(`/related/${i}`);
          if (typeof item === "string" && loc)
            push({ kind: "Object", name: item, file: doc.file, range: loc.value, field: "related" }, item);
        });
      }
    }
    for (const directive of doc.directives) {
      const spec = Object.hasOwn(DIRECTIVES, directive.name) ? DIRECTIVES[directive.name] : undefined;
      if (!spec) continue;
      const id = directive.attributes[spec.attribute];
      if (id === undefined) continue;
      const resolved = this.get(spec.kind, id);
      const guess = resolved ? undefined : closest(id, this.ids(spec.kind));
      this.sink.push({
        kind: spec.kind,
        name: id,
        file: doc.file,
        range: directive.range,
        field: `::${directive.name}`,
        resolved,
        problem: resolved
          ? undefined
          : {
              message: `::${directive.name}{${spec.attribute}="${id}"}: no ${kindLabel(spec.kind)} \`${id}\` is defined`,
              suggestion: didYouMean(guess),
            },
      });
    }
  }
}

/**
 * Whether a pipeline edit leaves which pipeline lists each stage first, and
 * every stage's object, as they were: same validity and, when valid, the same
 * object and the same stages (in any order).
 */
function pipelineKeepsStages(
  old: Definition<PipelineDef>,
  value: Record<string, unknown>,
  valid: boolean,
): boolean {
  if (old.valid !== valid) return false;
  if (!valid) return true;
  const stages = value.stages;
  if (value.object !== old.value.object || !Array.isArray(stages)) return false;
  const sorted = (list: readonly unknown[]): string => JSON.stringify([...list].map(String).sort());
  return sorted(stages) === sorted(old.value.stages);
}

/** First index of a reference list (in model order) where `before` stops holding. */
function lowerBound(list: readonly Reference[], before: (r: Reference) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(list[mid] as Reference)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The keys `referencesTo` finds a reference under: what it resolves to, and the reference properties it walks. */
function indexKeys(ref: Reference): string[] {
  if (!ref.resolved) return [];
  return ref.via ? [ref.resolved.key, ...ref.via.map((w) => w.key)] : [ref.resolved.key];
}

export interface LinkResolution {
  kind: Kind;
  id: string;
  resolved?: Definition;
  via?: Definition<PropertyDef>[];
  problem?: Reference["problem"];
}

/** The embed directives of FORMAT.md §4 and the definition each one names. */
export const DIRECTIVES: Record<string, { attribute: string; kind: Kind }> = {
  stages: { attribute: "pipeline", kind: "Pipeline" },
  funnel: { attribute: "pipeline", kind: "Pipeline" },
  scoring: { attribute: "model", kind: "ScoringModel" },
  plan: { attribute: "id", kind: "CommandPlan" },
  properties: { attribute: "object", kind: "Object" },
};

export function kindLabel(kind: Kind): string {
  switch (kind) {
    case "ScoringModel":
      return "scoring model";
    case "CommandPlan":
      return "command plan";
    default:
      return kind.toLowerCase();
  }
}

/** Percent-decoding that never throws: a malformed escape stays as written. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function rebuildPath(original: string, segments: string[], prefix: string[], guess: string): string {
  const qualified = original.split(".").length > segments.length;
  const head = qualified ? [original.split(".")[0] as string] : [];
  return [...head, ...prefix, guess, ...segments.slice(prefix.length + 1)].join(".");
}

/**
 * The part of a path problem that names a non-reference property walked through; one function, because
 * an in-place property edit finds the paths that failed on that property by this text.
 */
function notAReference(segment: string, type: string): string {
  return `\`${segment}\` is a ${type} property, not a reference`;
}
