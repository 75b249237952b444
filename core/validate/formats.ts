/**
 * The `format`s revbook's schemas use that ajv does not define the way we
 * want: ISO 8601 durations and calendar dates, and web addresses. Shared by the
 * validators compiled at run time and the standalone ones generated at build
 * time (write-standalone.ts), which receive these very definitions.
 */
import type { FormatDefinition } from "ajv/dist/2020.js";
import { isIsoDate, isIsoDuration } from "../iso.js";

function isWebAddress(text: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/** Format name → definition, as `ajv.addFormat` takes them. */
export const FORMATS: Readonly<Record<string, FormatDefinition<string>>> = {
  duration: { type: "string", validate: (text: string) => isIsoDuration(text) },
  date: { type: "string", validate: (text: string) => isIsoDate(text) },
  uri: { type: "string", validate: isWebAddress },
};
