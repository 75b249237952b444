/**
 * Escaping text for XML 1.0 documents (the junit report). Characters XML 1.0 cannot
 * carry at all (most C0 controls, U+FFFE/U+FFFF, unpaired surrogates) become U+FFFD.
 */

/** Replaces every character XML 1.0 does not allow with U+FFFD (surrogate pairs are kept). */
function replaceForbidden(text: string): string {
  let out = "";
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text[i] ?? "";
        out += text[i + 1] ?? "";
        i++;
        continue;
      }
    }
    const forbidden =
      (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) ||
      (c >= 0xd800 && c <= 0xdfff) ||
      c === 0xfffe ||
      c === 0xffff;
    if (forbidden) {
      out += "\ufffd";
      changed = true;
    } else {
      out += text[i] ?? "";
    }
  }
  return changed ? out : text;
}

/** Escapes character data (element content). */
export function escapeXmlText(text: string): string {
  return replaceForbidden(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#13;");
}

/** Escapes an attribute value (double-quoted); tabs and line ends survive attribute normalisation. */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;");
}
