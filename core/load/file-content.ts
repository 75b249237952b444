/**
 * A file's content as the loader sees it: UTF-8 text, or the reason it is not
 * text. Apart from the parser (source-file.ts) so that finding and hashing
 * files does not load it.
 */

/** What was read from a file: its text, or why it could not be read as text. */
export type FileContent = { text: string } | { unreadable: string };

/** Decodes file bytes as UTF-8 text, or says why they are not text. */
export function decodeText(bytes: Uint8Array): FileContent {
  if (bytes.includes(0)) return { unreadable: "not a text file (it contains NUL bytes)" };
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { unreadable: "not a text file (invalid UTF-8)" };
  }
}
