// The goals as one table: Tailor against Fastify on node (req/s and CPU µs per request
// above raw node:http), and on Bun against Elysia and against itself on node.
import { type Measurement, median } from "./report.js";
import type { Scenario } from "./scenarios.js";

/** Median over rounds of f(contender's measurement, reference's measurement), same round only. */
export function sameRound(
  all: Measurement[],
  scenario: string,
  contender: string,
  reference: string,
  f: (own: Measurement, ref: Measurement) => number,
): number {
  const values: number[] = [];
  for (const own of all) {
    if (own.scenario !== scenario || own.contender !== contender) continue;
    const ref = all.find(
      (m) => m.scenario === scenario && m.contender === reference && m.round === own.round,
    );
    if (ref) values.push(f(own, ref));
  }
  return median(values);
}

export const rps = (own: Measurement, ref: Measurement) => own.rps / ref.rps;
export const cpuAbove = (own: Measurement, ref: Measurement) =>
  own.cpuUsPerRequest - ref.cpuUsPerRequest;

export function cell(value: number, digits: number, unit = ""): string {
  return Number.isNaN(value) ? "–" : `${value.toFixed(digits)}${unit}`;
}

/**
 * One row per scenario: tailor ÷ fastify req/s; CPU µs/request above raw-node for tailor and
 * fastify and their ratio (goal ≤ 0.5); tailor-bun ÷ elysia and ÷ tailor req/s (goals ≥ 1, ≥ 1.5).
 */
export function goalsTable(scenarios: Scenario[], all: Measurement[]): string {
  const lines = [
    "| scenario | tailor × fastify | tailor µs above raw-node | fastify µs above raw-node | overhead ÷ fastify's | tailor-bun × elysia | tailor-bun × tailor (node) | tailor-bun µs above raw-bun | elysia µs above raw-bun |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const { id } of scenarios) {
    const tailorAbove = sameRound(all, id, "tailor", "raw-node", cpuAbove);
    const fastifyAbove = sameRound(all, id, "fastify", "raw-node", cpuAbove);
    lines.push(
      `| ${id} | ${cell(sameRound(all, id, "tailor", "fastify", rps), 2)} | ` +
        `${cell(tailorAbove, 1)} | ${cell(fastifyAbove, 1)} | ${cell(tailorAbove / fastifyAbove, 2)} | ` +
        `${cell(sameRound(all, id, "tailor-bun", "elysia", rps), 2)} | ` +
        `${cell(sameRound(all, id, "tailor-bun", "tailor", rps), 2)} | ` +
        `${cell(sameRound(all, id, "tailor-bun", "raw-bun", cpuAbove), 1)} | ` +
        `${cell(sameRound(all, id, "elysia", "raw-bun", cpuAbove), 1)} |`,
    );
  }
  return lines.join("\n");
}
