// Turns per-round measurements into per-scenario medians, same-round ratios and Markdown tables.
import type { Scenario } from "./scenarios.js";

export interface Measurement {
  contender: string;
  scenario: string;
  round: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  peakRssMb: number;
  cpuUsPerRequest: number;
}

/** A contender that was not measured, with the reason. */
export interface Absent {
  contender: string;
  status: "skipped" | "failed";
  note: string;
}

export interface Row {
  contender: string;
  rps: number;
  /** (max − min) ÷ median of req/s over the rounds: how much the rounds disagree. */
  spread: number;
  vsFastify: number;
  vsRawNode: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  peakRssMb: number;
  cpuUsPerRequest: number;
}

export function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function spreadOf(values: number[]): number {
  const mid = median(values);
  return mid > 0 ? (Math.max(...values) - Math.min(...values)) / mid : Number.NaN;
}

/** Median of (contender req/s ÷ reference req/s), each ratio taken within one round. */
function sameRoundRatio(own: Measurement[], all: Measurement[], reference: string): number {
  const ratios = own.map((m) => {
    const ref = all.find((r) => r.contender === reference && r.round === m.round);
    return ref && ref.rps > 0 ? m.rps / ref.rps : Number.NaN;
  });
  return median(ratios);
}

export function summarize(scenario: string, measurements: Measurement[], order: string[]): Row[] {
  const inScenario = measurements.filter((m) => m.scenario === scenario);
  const rows: Row[] = [];
  for (const contender of order) {
    const own = inScenario.filter((m) => m.contender === contender);
    if (own.length === 0) continue;
    rows.push({
      contender,
      rps: median(own.map((m) => m.rps)),
      spread: spreadOf(own.map((m) => m.rps)),
      vsFastify: sameRoundRatio(own, inScenario, "fastify"),
      vsRawNode: sameRoundRatio(own, inScenario, "raw-node"),
      p50: median(own.map((m) => m.p50)),
      p99: median(own.map((m) => m.p99)),
      non2xx: median(own.map((m) => m.non2xx)),
      errors: median(own.map((m) => m.errors)),
      peakRssMb: median(own.map((m) => m.peakRssMb)),
      cpuUsPerRequest: median(own.map((m) => m.cpuUsPerRequest)),
    });
  }
  return rows;
}

function fmt(value: number, digits: number): string {
  if (Number.isNaN(value)) return "–";
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

const HEADER =
  "| contender | req/s | spread | × fastify | × raw-node | p50 ms | p99 ms | non-2xx | errors | peak RSS MiB | CPU µs/req |\n" +
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

export function scenarioTable(scenario: Scenario, rows: Row[], absent: Absent[]): string {
  const lines = [`### ${scenario.id} — ${scenario.title}`, "", HEADER];
  for (const r of rows) {
    lines.push(
      `| ${r.contender} | ${fmt(r.rps, 0)} | ${fmt(r.spread * 100, 0)}% | ${fmt(r.vsFastify, 2)} | ${fmt(r.vsRawNode, 2)} | ` +
        `${fmt(r.p50, 0)} | ${fmt(r.p99, 0)} | ${fmt(r.non2xx, 0)} | ${fmt(r.errors, 0)} | ` +
        `${fmt(r.peakRssMb, 1)} | ${fmt(r.cpuUsPerRequest, 1)} |`,
    );
  }
  for (const a of absent) {
    lines.push(`| ${a.contender} | ${a.status} | | | | | | | | | |`);
  }
  return lines.join("\n");
}

export function absentNotes(absent: Absent[]): string {
  if (absent.length === 0) return "";
  const lines = ["Not measured:", ""];
  for (const a of absent) lines.push(`- **${a.contender}** (${a.status}): ${a.note}`);
  return lines.join("\n");
}
