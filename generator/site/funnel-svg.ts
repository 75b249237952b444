/**
 * A pipeline's funnel as an inline SVG drawn at build time: one band per stage,
 * narrowing down the pipeline, each labelled with the stage's name and linked
 * to its page. No script, no inline styles (the CSP forbids both); colours come
 * from presentation attributes and the stylesheet's `.funnel` rules.
 */
import { escapeHtml, type Html, raw } from "./html.js";

export interface FunnelStage {
  label: string;
  href?: string;
  /** e.g. the CRM value, shown on the right of the band. */
  note?: string;
}

const WIDTH = 640;
const BAND = 44;
const GAP = 4;

export function funnelSvg(title: string, stages: readonly FunnelStage[]): Html {
  const n = stages.length;
  const height = Math.max(1, n) * (BAND + GAP);
  const minWidth = WIDTH * 0.3;
  const widthAt = (i: number): number => (n <= 1 ? WIDTH : WIDTH - ((WIDTH - minWidth) * i) / n);
  const bands = stages.map((stage, i) => {
    const top = i * (BAND + GAP);
    const w0 = widthAt(i);
    const w1 = widthAt(i + 1);
    const points = [
      [(WIDTH - w0) / 2, top],
      [(WIDTH + w0) / 2, top],
      [(WIDTH + w1) / 2, top + BAND],
      [(WIDTH - w1) / 2, top + BAND],
    ]
      .map(([x, y]) => `${(x as number).toFixed(1)},${(y as number).toFixed(1)}`)
      .join(" ");
    const label = `<text class="funnel-label" x="${WIDTH / 2}" y="${top + BAND / 2 + 5}" text-anchor="middle">${escapeHtml(stage.label)}</text>`;
    const shape = `<polygon class="funnel-band funnel-band-${i % 7}" points="${points}"/>${label}`;
    return stage.href
      ? `<a href="${escapeHtml(stage.href)}" aria-label="${escapeHtml(stage.label)}">${shape}</a>`
      : `<g>${shape}</g>`;
  });
  return raw(
    `<figure class="funnel"><svg xmlns="http://www.w3.org/2000/svg" role="group" aria-label="${escapeHtml(title)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}"><title>${escapeHtml(title)}</title>${bands.join("")}</svg><figcaption>${escapeHtml(title)}</figcaption></figure>`,
  );
}
