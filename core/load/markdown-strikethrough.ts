/**
 * GFM strikethrough for markdown-it: `~a~` and `~~a~~` (markdown-it reads only the
 * double form). A run of one or two tildes is a delimiter and closes only a run of
 * the same length; three or more tildes are text, as on GitHub.
 */
import type { StateInline, Token } from "markdown-it";

const TILDE = 0x7e;

/**
 * Whether each tilde run could open or close, as scanned: markdown-it's emphasis pairing
 * (balance_pairs) clears a delimiter's `open` / `close` once it pairs it, by its own rules.
 */
const flanking = new WeakMap<object, { open: boolean; close: boolean }>();

/** Inline rule: a tilde run becomes one text token, remembered as a delimiter when it can pair. */
export function strikethroughTokenize(state: StateInline, silent: boolean): boolean {
  if (silent || state.src.charCodeAt(state.pos) !== TILDE) return false;
  const scanned = state.scanDelims(state.pos, true);
  const token = state.push("text", "", 0);
  token.content = state.src.slice(state.pos, state.pos + scanned.length);
  if (scanned.length <= 2) {
    // length 0 keeps markdown-it's "rule of three" (meant for `*` and `_`) out of the pairing.
    const delimiter = {
      marker: TILDE,
      length: 0,
      token: state.tokens.length - 1,
      end: -1,
      open: scanned.can_open,
      close: scanned.can_close,
    };
    flanking.set(delimiter, { open: scanned.can_open, close: scanned.can_close });
    state.delimiters.push(delimiter);
  }
  state.pos += scanned.length;
  return true;
}

/**
 * Pairs the tilde runs of one nesting level like GFM: a run that can close takes the nearest
 * open run of the same length (the ones between are dropped), then the pair becomes `s`.
 * markdown-it's own pairing (balance_pairs) ignores run lengths, so it is not used here.
 */
function pairUp(state: StateInline, delimiters: StateInline["delimiters"]): void {
  // One stack per run length, so a doc with thousands of tildes pairs in linear time.
  const openers: Record<string, { token: Token; at: number }[]> = { "~": [], "~~": [] };
  delimiters.forEach((d, at) => {
    const token = d.marker === TILDE ? state.tokens[d.token] : undefined;
    const can = flanking.get(d);
    const same = token && openers[token.content];
    if (!token || !can || !same) return;
    const opener = can.close ? same.pop() : undefined;
    if (opener) {
      markPair(opener.token, token);
      for (const stack of Object.values(openers)) while ((stack.at(-1)?.at ?? -1) > opener.at) stack.pop();
    } else if (can.open) same.push({ token, at });
  });
}

function markPair(open: Token, close: Token): void {
  for (const [token, nesting] of [
    [open, 1],
    [close, -1],
  ] as const) {
    token.type = nesting === 1 ? "s_open" : "s_close";
    token.tag = "s";
    token.nesting = nesting;
    token.markup = token.content;
    token.content = "";
  }
}

/** Post-processing rule (ruler2): turns paired runs of the same length into `s_open` / `s_close`. */
export function strikethroughPostProcess(state: StateInline): boolean {
  pairUp(state, state.delimiters);
  for (const meta of state.tokens_meta) if (meta?.delimiters) pairUp(state, meta.delimiters);
  return false;
}
