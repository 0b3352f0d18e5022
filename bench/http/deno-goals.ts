// The Deno round beside the Bun one: Tailor on Deno.serve against Hono there, against
// hand-written Deno.serve, and against itself on node and on Bun.
import { cell, cpuAbove, rps, sameRound } from "./goals.js";
import type { Measurement } from "./report.js";
import type { Scenario } from "./scenarios.js";

/** One row per scenario; empty when no Deno contender was measured. */
export function denoGoalsTable(scenarios: Scenario[], all: Measurement[]): string {
  if (!all.some((m) => m.contender.endsWith("-deno"))) return "";
  const lines = [
    "| scenario | tailor-deno × hono-deno | tailor-deno × raw-deno | tailor-deno × tailor (node) | tailor-deno × tailor-bun | tailor-deno µs above raw-deno | hono-deno µs above raw-deno |",
    "|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const { id } of scenarios) {
    lines.push(
      `| ${id} | ${cell(sameRound(all, id, "tailor-deno", "hono-deno", rps), 2)} | ` +
        `${cell(sameRound(all, id, "tailor-deno", "raw-deno", rps), 2)} | ` +
        `${cell(sameRound(all, id, "tailor-deno", "tailor", rps), 2)} | ` +
        `${cell(sameRound(all, id, "tailor-deno", "tailor-bun", rps), 2)} | ` +
        `${cell(sameRound(all, id, "tailor-deno", "raw-deno", cpuAbove), 1)} | ` +
        `${cell(sameRound(all, id, "hono-deno", "raw-deno", cpuAbove), 1)} |`,
    );
  }
  return `### Deno: medians of same-round ratios and CPU differences\n\n${lines.join("\n")}`;
}
