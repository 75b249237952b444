/**
 * core/model/suggest.ts: the edit distance behind "did you mean …?", and its
 * bound: with `max`, a distance over it reads `max + 1` and every distance up
 * to it is exact, so `closest` picks what the full table would pick. Checked
 * against the full optimal-string-alignment table on random strings.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { closest, editDistance } from "../core/model/suggest.js";

/** The whole table, as the distance was computed before it was bounded. */
function fullTable(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(
        d[(i - 1) * cols + j]! + 1,
        d[i * cols + j - 1]! + 1,
        d[(i - 1) * cols + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}

/** A few letters, so that random strings are often a few edits apart. */
const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "m", "q", "l"), maxLength: 12 });

describe("suggest: edit distance", () => {
  it("counts typos as people make them", () => {
    assert.equal(editDistance("mql", "mql"), 0);
    assert.equal(editDistance("mql", "mlq"), 1);
    assert.equal(editDistance("kitten", "sitting"), 3);
    assert.equal(editDistance("", "abc"), 3);
    assert.equal(editDistance("abc", ""), 3);
    assert.equal(editDistance("kitten", "sitting", 2), 3);
    assert.equal(editDistance("a", "abcdef", 3), 4);
  });

  it("is the full table's distance, or max + 1 when that is over max", () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 5 }), (a, b, max) => {
        const exact = fullTable(a, b);
        assert.equal(editDistance(a, b), exact);
        assert.equal(editDistance(a, b, max), exact > max ? max + 1 : exact);
      }),
      { numRuns: 3000 },
    );
  });

  it("lets `closest` choose what the full table chooses", () => {
    const reference = (name: string, candidates: string[]): string | undefined => {
      let best: string | undefined;
      let bestScore = Number.POSITIVE_INFINITY;
      let tie = false;
      for (const c of candidates) {
        if (c === name) continue;
        const score = c.toLowerCase() === name.toLowerCase() ? 0 : fullTable(name, c);
        if (score < bestScore) {
          best = c;
          bestScore = score;
          tie = false;
        } else if (score === bestScore && c !== best) tie = true;
      }
      const allowed = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
      return best === undefined || tie || bestScore > allowed ? undefined : best;
    };
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 8 }), (name, candidates) => {
        assert.equal(closest(name, candidates), reference(name, candidates));
      }),
      { numRuns: 3000 },
    );
  });
});
