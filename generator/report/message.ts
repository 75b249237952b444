/**
 * A diagnostic's message as one line of prose: the message, then the suggestion in
 * parentheses (`unknown stage \`mlq\` (did you mean \`mql\`?)`).
 */
import type { Diagnostic } from "../../core/diagnostic.js";

export function messageWithSuggestion(d: Pick<Diagnostic, "message" | "suggestion">): string {
  return d.suggestion ? `${d.message} (${d.suggestion})` : d.message;
}
