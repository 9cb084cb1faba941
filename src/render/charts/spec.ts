/**
 * Chart descriptions shared by the SVG (HTML) and vector (PDF) renderers, so both packs draw the
 * same figures from the same numbers. Labels may come from evidence: renderers escape them.
 */
import type { Outcome } from '../../findings/types';

/** Outcome colours: colour-blind-safe enough paired with the text labels every chart also carries. */
export const OUTCOME_COLOURS: Record<Outcome, string> = {
  pass: '#2e7d32',
  fail: '#c62828',
  warn: '#ef6c00',
  info: '#1565c0',
  manual: '#6a1b9a',
  'not-applicable': '#9e9e9e',
  error: '#37474f',
  waived: '#00838f',
  attested: '#558b2f',
};

export const JURISDICTION_COLOURS: Record<string, string> = {
  eea: '#2e7d32',
  'eea-special': '#7cb342',
  adequate: '#00838f',
  'adequate-partial': '#f9a825',
  'third-country': '#c62828',
  'outside-eea-agreement': '#8e24aa',
  internal: '#9e9e9e',
  disputed: '#6d4c41',
  unknown: '#455a64',
};

export interface BarSegment {
  value: number;
  colour: string;
  /** Legend label of the segment (translated). */
  label: string;
}

export interface BarRow {
  label: string;
  segments: BarSegment[];
}

/** Horizontal bars, each a stack of segments; used for outcomes by section and endpoints by jurisdiction. */
export interface StackedBarChart {
  kind: 'stacked';
  title: string;
  rows: BarRow[];
  legend: { label: string; colour: string }[];
}

/** A log-scale axis with reference bands (classes) and measured markers; used for storage IOPS. */
export interface LogRangeChart {
  kind: 'log-range';
  title: string;
  axisLabel: string;
  min: number;
  max: number;
  bands: { label: string; from: number; to: number; colour: string }[];
  markers: { label: string; value: number; colour: string }[];
}

/** Values over time (the score trend over the packs given with --history): one line per series, oldest point first. */
export interface LineChart {
  kind: 'line';
  title: string;
  /** One label per point (the audit's date), oldest first. */
  labels: string[];
  /** The y axis runs from min to max (ticks say where it starts). */
  min: number;
  max: number;
  series: { label: string; colour: string; values: (number | null)[] }[];
  /** The point that is this run (drawn marked), or null. */
  current: number | null;
}

export type ChartSpec = StackedBarChart | LogRangeChart | LineChart;

/** Tick values for a log axis between min and max: 1, 10, 100, ... */
export function logTicks(min: number, max: number): number[] {
  const out: number[] = [];
  for (let v = 10 ** Math.floor(Math.log10(min)); v <= max * 1.0001; v *= 10) if (v >= min) out.push(v);
  return out;
}

/** Position 0..1 of `v` on a log axis. */
export function logPos(v: number, min: number, max: number): number {
  const c = Math.min(Math.max(v, min), max);
  return (Math.log10(c) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
}

/** Short tick label: 100, 1k, 10k, 1M. */
export function tickLabel(v: number): string {
  if (v >= 1e6) return `${v / 1e6}M`;
  if (v >= 1e3) return `${v / 1e3}k`;
  return String(v);
}
