/**
 * One workspace file, parsed: the first step of the data flow
 * (files → parsed documents → model → diagnostics). Pure: it takes the text
 * (or the reason it could not be read) and returns documents, load
 * diagnostics (syntax and schema) and suppression comments.
 */
import type { Diagnostic } from "../diagnostic.js";
import { markdownSuppressions, type Suppression, yamlSuppressions } from "../lint/suppressions.js";
import { LineIndex, type Range } from "../position.js";
import { schemaDiagnostics } from "../validate/schema-diagnostics.js";
import { validateDefinition, validateFrontmatter } from "../validate/schema-validator.js";
import { type MarkdownDocument, parseMarkdown } from "./markdown-source.js";
import { parseYaml, type YamlDocument } from "./yaml-source.js";
import type { FileContent } from "./file-content.js";

export { decodeText, type FileContent } from "./file-content.js";

export interface SourceFile {
  file: string;
  type: "yaml" | "markdown";
  text: string;
  lines: LineIndex;
  /** YAML files: every non-empty document with whether it passed its schema. */
  documents: { doc: YamlDocument; valid: boolean }[];
  /** Markdown files. */
  markdown?: MarkdownDocument;
  /** Whether the Markdown front matter passed its schema. */
  frontmatterValid: boolean;
  /** Syntax and schema diagnostics found while loading. */
  diagnostics: Diagnostic[];
  suppressions: Suppression[];
  /** Anchored nodes that aliases repeat: diagnostics inside them list the alias sites as related. */
  anchors: AnchorUse[];
}

export interface AnchorUse {
  file: string;
  range: Range;
  aliasSites: Range[];
}

/** Largest definition file read; larger ones get one diagnostic (yaml parses ~5 MB/s here). */
export const MAX_YAML_BYTES = 8 * 1024 * 1024;

export function parseSourceFile(
  file: string,
  type: "yaml" | "markdown",
  content: FileContent,
  keepMarkdownTree = true,
): SourceFile {
  const raw = "text" in content ? content.text : "";
  // A leading BOM is not content (editors hide it): drop it so first-line columns are not shifted.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const lines = new LineIndex(text);
  const source: SourceFile = {
    file,
    type,
    text,
    lines,
    documents: [],
    frontmatterValid: false,
    diagnostics: [],
    suppressions: [],
    anchors: [],
  };
  const rule = type === "yaml" ? "yaml-syntax" : "schema";
  if ("unreadable" in content) {
    source.diagnostics.push({
      rule,
      severity: "error",
      message: content.unreadable,
      file,
      range: lines.rangeOf(0, 0),
    });
    return source;
  }
  if (type === "yaml") {
    if (text.length > MAX_YAML_BYTES) {
      source.diagnostics.push({
        rule,
        severity: "error",
        message: `this file is ${(text.length / 1048576).toFixed(1)} MB; definition files over 8 MB are not read (split it)`,
        file,
        range: lines.rangeOf(0, 0),
      });
      return source;
    }
    const parsed = parseYaml(text, file, lines);
    source.diagnostics.push(...parsed.diagnostics);
    for (const doc of parsed.documents) {
      if (doc.value === null && doc.locations.size <= 1) continue; // empty document, e.g. a trailing `---`
      let valid = !doc.hasSyntaxErrors;
      if (valid) {
        const problems = validateDefinition(doc.value);
        source.diagnostics.push(...schemaDiagnostics(doc, problems));
        valid = problems.length === 0;
      }
      source.documents.push({ doc, valid });
    }
    source.suppressions = yamlSuppressions(file, text, lines);
    for (const { doc } of source.documents) {
      for (const [pointer, sites] of doc.aliasSites) {
        const anchored = doc.locations.get(pointer);
        if (anchored) source.anchors.push({ file, range: anchored.value, aliasSites: sites });
      }
    }
    return source;
  }
  const parsed = parseMarkdown(text, file, lines, keepMarkdownTree);
  source.markdown = parsed.document;
  source.diagnostics.push(...parsed.diagnostics);
  const fm = parsed.document.frontmatter;
  const opening = parsed.document.frontmatterOpen ?? lines.rangeOf(0, 0);
  if (!fm) {
    if (parsed.diagnostics.length === 0) {
      source.diagnostics.push({
        rule: "schema",
        severity: "error",
        message: "a process doc needs YAML front matter with at least a `title` (`---` / `title: …` / `---`)",
        file,
        range: opening,
      });
    }
  } else if (!fm.hasSyntaxErrors) {
    const problems = validateFrontmatter(fm.value ?? {});
    source.diagnostics.push(...schemaDiagnostics(fm, problems, opening));
    source.frontmatterValid = problems.length === 0;
  }
  const fmEnd = fm ? lines.offsetAt(fm.range.end) : 0;
  source.suppressions = [
    ...(fm ? yamlSuppressions(file, text, lines, 0, fmEnd) : []),
    ...markdownSuppressions(file, lines, parsed.document.comments),
  ];
  return source;
}
