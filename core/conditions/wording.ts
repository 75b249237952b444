/**
 * Small wording helpers shared by the condition-based rules' messages.
 */

/** "`a`", "`a` and `b`", "`a`, `b` and `c`". */
export function quotedList(items: readonly string[]): string {
  const quoted = items.map((item) => `\`${item}\``);
  return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
}
