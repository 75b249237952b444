/**
 * "Did you mean …?" for unresolved names: the closest candidate by edit
 * distance, or a case-only match, when it is close enough to be a typo.
 */

/**
 * Optimal string alignment distance: Levenshtein plus adjacent transpositions
 * counted as one edit, since `mlq` for `mql` is the typo people actually make.
 * With `max`, any distance over it comes back as `max + 1`, found without
 * finishing the table: `closest` never accepts more than 3 edits, and the linter
 * asks this of every doc near each of a large handbook's broken links.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  // Three rows of the table: a transposition reads two rows up.
  let before = new Int32Array(cols);
  let previous = new Int32Array(cols);
  let current = new Int32Array(cols);
  for (let j = 0; j < cols; j++) previous[j] = j;
  let previousMin = 0;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, before[j - 2]! + 1);
      current[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // A cell comes from the row above or (a transposition) the one above that, plus zero or
    // one: once two rows in a row are all over `max`, every later row is too.
    if (rowMin > max && previousMin > max) return max + 1;
    previousMin = rowMin;
    [before, previous, current] = [previous, current, before];
  }
  const distance = previous[cols - 1]!;
  return distance > max ? max + 1 : distance;
}

/** Returns the single best candidate, or undefined when none is close or two tie. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const allowed = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  let tie = false;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    // Distances over `allowed` all read `allowed + 1`: such a best is refused either way.
    const score = candidate.toLowerCase() === lower ? 0 : editDistance(name, candidate, allowed);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
      tie = false;
    } else if (score === bestScore && candidate !== best) tie = true;
  }
  if (best === undefined || tie) return undefined;
  return bestScore <= allowed ? best : undefined;
}

export function didYouMean(candidate: string | undefined): string | undefined {
  return candidate === undefined ? undefined : `did you mean \`${candidate}\`?`;
}
