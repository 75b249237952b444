/**
 * `--format sarif`: a SARIF 2.1.0 log with one run, for GitHub code scanning
 * (`github/codeql-action/upload-sarif`) and other SARIF viewers. Regions are 1-based
 * with an exclusive end column, counted in UTF-16 code units (`columnKind`).
 */
import { compareDiagnostics, type Severity } from "../../core/diagnostic.js";
import type { Range } from "../../core/position.js";
import { ruleDocsUrl } from "../../core/rules/meta.js";
import { fingerprintAll } from "./fingerprint.js";
import { messageWithSuggestion } from "./message.js";
import { reportPathMapper } from "./paths.js";
import type { ReportInput } from "./report-input.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** The project's home page (SARIF `tool.driver.informationUri`). */
export const REVBOOK_HOME = "https://github.com/revbook/revbook";
/** Key of revbook's fingerprint in `partialFingerprints`. */
export const FINGERPRINT_KEY = "revbook/v1";
/** Artifact URIs are relative to the source root (the repository checkout). */
const SRCROOT = "%SRCROOT%";

export type SarifLevel = "error" | "warning" | "note";

export const SARIF_LEVEL: Record<Severity, SarifLevel> = { error: "error", warn: "warning", info: "note" };

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId: string;
}

export interface SarifPhysicalLocation {
  artifactLocation: SarifArtifactLocation;
  region: SarifRegion;
}

export interface SarifReportingDescriptor {
  id: string;
  shortDescription: { text: string };
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: { text: string };
  locations: { physicalLocation: SarifPhysicalLocation }[];
  relatedLocations?: { id: number; physicalLocation: SarifPhysicalLocation; message: { text: string } }[];
  partialFingerprints: Record<string, string>;
  fixes?: {
    description: { text: string };
    artifactChanges: {
      artifactLocation: SarifArtifactLocation;
      replacements: { deletedRegion: SarifRegion; insertedContent: { text: string } }[];
    }[];
  }[];
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri: string;
        rules: SarifReportingDescriptor[];
      };
    };
    columnKind: "utf16CodeUnits";
    results: SarifResult[];
  }[];
}

/** A relative URI reference for a `/`-separated path: each segment percent-encoded. */
export function pathToUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

function region(range: Range): SarifRegion {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.column + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.column + 1,
  };
}

/** The report as a SARIF object (what `formatSarif` serialises). */
export function toSarif(input: ReportInput): SarifLog {
  const pathOf = reportPathMapper(input.pathPrefix);
  const artifact = (file: string): SarifArtifactLocation => ({
    uri: pathToUri(pathOf(file)),
    uriBaseId: SRCROOT,
  });
  const ruleIndex = new Map<string, number>();
  const rules = input.rules.map((meta, i): SarifReportingDescriptor => {
    if (!ruleIndex.has(meta.id)) ruleIndex.set(meta.id, i);
    return {
      id: meta.id,
      shortDescription: { text: meta.description },
      helpUri: ruleDocsUrl(meta),
      defaultConfiguration: { level: SARIF_LEVEL[meta.severity] },
    };
  });
  const sorted = [...input.diagnostics].sort(compareDiagnostics);
  const fingerprints = fingerprintAll(sorted, pathOf);
  const results = sorted.map((d, i): SarifResult => {
    // A diagnostic of a rule missing from `rules` (should not happen) simply has no index.
    const index = ruleIndex.get(d.rule);
    const result: SarifResult = {
      ruleId: d.rule,
      ...(index === undefined ? {} : { ruleIndex: index }),
      level: SARIF_LEVEL[d.severity],
      message: { text: messageWithSuggestion(d) },
      locations: [{ physicalLocation: { artifactLocation: artifact(d.file), region: region(d.range) } }],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[i] as string },
    };
    if (d.related && d.related.length > 0) {
      result.relatedLocations = d.related.map((rel, id) => ({
        id,
        physicalLocation: { artifactLocation: artifact(rel.file), region: region(rel.range) },
        message: { text: rel.message },
      }));
    }
    if (d.fix) {
      result.fixes = [
        {
          description: { text: d.suggestion ?? "Apply the fix" },
          artifactChanges: [
            {
              artifactLocation: artifact(d.file),
              replacements: [{ deletedRegion: region(d.fix.range), insertedContent: { text: d.fix.text } }],
            },
          ],
        },
      ];
    }
    return result;
  });
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "revbook",
            version: input.toolVersion,
            informationUri: REVBOOK_HOME,
            rules,
          },
        },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}

export function formatSarif(input: ReportInput): string {
  return `${JSON.stringify(toSarif(input), null, 2)}\n`;
}
