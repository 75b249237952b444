/**
 * The data behind the goal matrix page (`/goals/`): the seven bowtie stages of
 * FORMAT.md §2 in order, each with the lifecycle/deal stages mapped to it, the
 * volume, conversion and velocity metrics measured there with their goals in
 * words, and the gaps spelled out ("no volume metric", "no conversion metric
 * from MQL", "no `enteredAt` on SQL, …"). Pure: reads the model, renders nothing.
 *
 * A volume metric belongs to the column of its `stage`; conversion and velocity
 * metrics to the column of their `from` stage. Terminal or closed stages get no
 * conversion/velocity/`enteredAt` gaps (nothing leaves them).
 */
import type { MetricDef, StageDef } from "../../core/model/kinds.js";
import { titleCase } from "../../core/model/kinds.js";
import type { Definition, Model } from "../../core/model/model.js";

export const BOWTIE_STAGES = [
  "awareness",
  "education",
  "selection",
  "commit",
  "onboarding",
  "impact",
  "growth",
] as const;

export type BowtieStage = (typeof BOWTIE_STAGES)[number];

export interface MatrixMetric {
  id: string;
  name: string;
  /** "≥ 35% per quarter", "≤ 14 days per quarter"; undefined without a goal. */
  goal?: string;
}

export interface MatrixColumn {
  bowtie: BowtieStage;
  title: string;
  /** Stage ids mapped to this bowtie stage, in pipeline order. */
  stages: { id: string; name: string }[];
  volume: MatrixMetric[];
  conversion: MatrixMetric[];
  velocity: MatrixMetric[];
  /** Plain-text gaps, in a stable order. */
  gaps: string[];
}

export interface GoalMatrix {
  columns: MatrixColumn[];
  /** Stages without a (known) bowtie stage. */
  unmapped: { id: string; name: string }[];
}

/** A goal in words with a comparison sign: velocity goals are maxima, others minima. */
export function goalText(v: MetricDef): string | undefined {
  if (!v.goal) return undefined;
  const unit = v.unit === "percent" ? "%" : v.unit && v.unit !== "count" ? ` ${v.unit}` : "";
  const sign = v.type === "velocity" ? "≤" : "≥";
  return `${sign} ${v.goal.value}${unit}${v.goal.period ? ` per ${v.goal.period}` : ""}`;
}

/** Valid stages in pipeline order (unlisted stages last, by id). */
function orderedStages(model: Model): Definition<StageDef>[] {
  const rank = (d: Definition): [number, number] => {
    const pipeline = model.stagePipeline.get(d.id);
    return pipeline ? [pipeline.order, pipeline.value.stages.indexOf(d.id)] : [Number.POSITIVE_INFINITY, 0];
  };
  return model
    .valid<StageDef>("Stage")
    .slice()
    .sort((a, b) => {
      const [pa, ia] = rank(a);
      const [pb, ib] = rank(b);
      return pa - pb || ia - ib || a.id.localeCompare(b.id);
    });
}

function isBowtie(value: unknown): value is BowtieStage {
  return typeof value === "string" && (BOWTIE_STAGES as readonly string[]).includes(value);
}

export function goalMatrix(model: Model): GoalMatrix {
  const stages = orderedStages(model);
  const metrics = model
    .valid<MetricDef>("Metric")
    .slice()
    .sort((a, b) => model.displayName(a).localeCompare(model.displayName(b)));
  const entry = (m: Definition<MetricDef>): MatrixMetric => ({
    id: m.id,
    name: model.displayName(m),
    goal: goalText(m.value),
  });
  const columns = BOWTIE_STAGES.map((bowtie): MatrixColumn => {
    const mine = stages.filter((s) => s.value.bowtie === bowtie);
    const ids = new Set(mine.map((s) => s.id));
    const of = (type: MetricDef["type"], field: "stage" | "from"): Definition<MetricDef>[] =>
      metrics.filter((m) => m.value.type === type && ids.has(m.value[field] ?? ""));
    const volume = of("volume", "stage");
    const conversion = of("conversion", "from");
    const velocity = of("velocity", "from");
    const gaps: string[] = [];
    if (mine.length === 0) {
      gaps.push("no lifecycle or deal stage mapped here");
    } else {
      if (volume.length === 0) gaps.push("no volume metric");
      for (const s of mine) {
        if (s.value.terminal || s.value.closed) continue;
        const name = model.displayName(s);
        if (!conversion.some((m) => m.value.from === s.id)) gaps.push(`no conversion metric from ${name}`);
        if (!s.value.enteredAt) gaps.push(`no \`enteredAt\` on ${name}, so time-in-stage can't be measured`);
        else if (!velocity.some((m) => m.value.from === s.id)) gaps.push(`no velocity metric from ${name}`);
      }
      for (const m of [...volume, ...conversion, ...velocity])
        if (!m.value.goal) gaps.push(`no goal on ${model.displayName(m)}`);
    }
    return {
      bowtie,
      title: titleCase(bowtie),
      stages: mine.map((s) => ({ id: s.id, name: model.displayName(s) })),
      volume: volume.map(entry),
      conversion: conversion.map(entry),
      velocity: velocity.map(entry),
      gaps,
    };
  });
  const unmapped = stages
    .filter((s) => !isBowtie(s.value.bowtie))
    .map((s) => ({ id: s.id, name: model.displayName(s) }));
  return { columns, unmapped };
}
