// Side-by-side HTTP benchmark: starts each contender pinned to CPU 0, checks its answers, then
// measures interleaved rounds with wrk (or autocannon) pinned to CPU 1 and writes bench/RESULTS.md.
//   npx tsx bench/http/run.ts [--duration 10] [--rounds 3] [--warmup 2] [--only A,B] [--contenders tailor,fastify]
//   [--out bench/BUN-RESULTS.md] (another file than bench/RESULTS.md, for a round of its own)
import { writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { checkContender } from "./checks.js";
import {
  buildTailorIfMeasured,
  CONTENDERS,
  ROOT,
  type RunningContender,
  readCpuSeconds,
  readPeakRssMb,
  resetPeakRss,
  startContender,
} from "./contender-process.js";
import { denoGoalsTable } from "./deno-goals.js";
import { goalsTable } from "./goals.js";
import { LOAD_GENERATOR, runLoad } from "./load.js";
import { describeMachine } from "./machine.js";
import { type Absent, absentNotes, type Measurement, scenarioTable, summarize } from "./report.js";
import { SCENARIOS } from "./scenarios.js";

const DEFAULT_RESULTS = new URL("../RESULTS.md", import.meta.url);

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    rounds: { type: "string", default: "3" },
    warmup: { type: "string", default: "2" },
    only: { type: "string" },
    contenders: { type: "string" },
    out: { type: "string" },
  },
});
const resultsFile =
  values.out === undefined ? DEFAULT_RESULTS : new URL(values.out, `file://${ROOT}`);
const durationSec = Number(values.duration);
const rounds = Number(values.rounds);
const warmupSec = Number(values.warmup);
const onlyIds = values.only?.split(",").map((s) => s.trim().toUpperCase());
const names = values.contenders?.split(",").map((s) => s.trim());
const scenarios = SCENARIOS.filter((s) => !onlyIds || onlyIds.includes(s.id));
const defs = CONTENDERS.filter((c) => !names || names.includes(c.name));
const unknown = names?.filter((n) => !CONTENDERS.some((c) => c.name === n)) ?? [];
if (unknown.length > 0 || scenarios.length === 0 || defs.length === 0) {
  console.error(
    `Nothing to run. Contenders: ${CONTENDERS.map((c) => c.name).join(", ")}; ` +
      `scenarios: ${SCENARIOS.map((s) => s.id).join(", ")}. Unknown: ${unknown.join(", ")}`,
  );
  process.exit(2);
}
const command = ["npx tsx bench/http/run.ts", ...process.argv.slice(2)].join(" ");

buildTailorIfMeasured(defs);

const loadBefore = loadavg()[0]!;
const running: RunningContender[] = [];
const absent: Absent[] = [];
const measurements: Measurement[] = [];
let peakIsPerRun = true;

async function stopAll(): Promise<void> {
  await Promise.all(running.map((c) => c.stop()));
}
process.on("SIGINT", () => {
  void stopAll().then(() => process.exit(130));
});

for (const def of defs) {
  const started = await startContender(def);
  if (!started.ok) {
    absent.push({
      contender: def.name,
      status: started.skipped ? "skipped" : "failed",
      ...started,
    });
    console.log(`${def.name}: ${started.skipped ? "skipped" : "failed to start"}: ${started.note}`);
    continue;
  }
  const failures = await checkContender(started.server.baseUrl);
  if (failures.length > 0) {
    await started.server.stop();
    absent.push({ contender: def.name, status: "failed", note: failures.join("; ") });
    console.log(`${def.name}: failed checks:\n  ${failures.join("\n  ")}`);
    continue;
  }
  console.log(`${def.name}: all checks passed (pid ${started.server.pid})`);
  running.push(started.server);
}

try {
  for (let round = 1; round <= rounds; round++) {
    for (const scenario of scenarios) {
      // Rotate the starting contender each round so no one always runs first.
      const order = running.map((_, i) => running[(i + round - 1) % running.length]!);
      for (const contender of order) {
        const load = { baseUrl: contender.baseUrl, request: scenario.request };
        const connections = scenario.connections;
        if (round === 1 && warmupSec > 0) {
          await runLoad({ ...load, connections, durationSec: warmupSec });
        }
        peakIsPerRun = resetPeakRss(contender.pid) && peakIsPerRun;
        const cpuBefore = readCpuSeconds(contender.pid);
        const result = await runLoad({ ...load, connections, durationSec }).catch((error) => {
          console.log(`round ${round} ${scenario.id} ${contender.name}: ${error.message}`);
          return null;
        });
        if (!result) continue;
        const peakRssMb = readPeakRssMb(contender.pid);
        // server CPU per answered request: unlike req/s, it does not depend on the load generator
        const cpuUsPerRequest =
          ((readCpuSeconds(contender.pid) - cpuBefore) * 1e6) / (result.rps * durationSec);
        measurements.push({
          contender: contender.name,
          scenario: scenario.id,
          round,
          ...result,
          peakRssMb,
          cpuUsPerRequest,
        });
        console.log(
          `round ${round} ${scenario.id} ${contender.name.padEnd(8)} ` +
            `${result.rps.toFixed(0).padStart(7)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  ` +
            `non-2xx ${result.non2xx}  errors ${result.errors}  rss ${peakRssMb.toFixed(1)} MiB  ` +
            `cpu ${cpuUsPerRequest.toFixed(1)} µs/req`,
        );
      }
    }
  }
} finally {
  await stopAll();
}

const loadAfter = loadavg()[0]!;
const busy = Math.max(loadBefore, loadAfter) > availableParallelism();
const loadNote =
  `1-minute load average ${loadBefore.toFixed(2)} at start, ${loadAfter.toFixed(2)} at end` +
  (busy
    ? ": other processes competed for both CPUs, so absolute numbers are noisy; " +
      "read the spread column and prefer the same-round ratios"
    : "");
const order = running.map((c) => c.name);
const tables = scenarios.map((s) => scenarioTable(s, summarize(s.id, measurements, order), absent));
const goals = goalsTable(scenarios, measurements);
const denoGoals = denoGoalsTable(scenarios, measurements);
const machine = describeMachine();
const peakNote = peakIsPerRun
  ? "peak RSS is VmHWM of the server process, reset before each measurement (clear_refs 5)"
  : "peak RSS is VmHWM of the server process over its whole life (reset was not permitted)";
const doc = [
  "# HTTP benchmark results",
  "",
  "Generated by `bench/http/run.ts`; do not edit by hand.",
  "Start-up and type-check results: [SCALE.md](SCALE.md); allocation per request: [GC.md](GC.md).",
  "",
  `- Command: \`${command}\``,
  `- Date: ${new Date().toISOString()}`,
  ...machine.map((line) => `- ${line}`),
  `- Servers pinned to CPU 0 (\`taskset -c 0\`), ${LOAD_GENERATOR} pinned to CPU 1 (\`taskset -c 1\`), ` +
    `one ${LOAD_GENERATOR} process per measurement; ${durationSec} s per measurement, ${rounds} interleaved ` +
    `rounds, ${warmupSec} s warm-up per contender and scenario in round 1.`,
  "- Tailor runs from dist/, built by `tsc -p tsconfig.build.json` before measuring (the code " +
    "a published package ships); every node contender's entry file is loaded through tsx; " +
    "the Bun and Deno rounds run each entry file on the runtime itself, Tailor's being the same tailor.ts " +
    "(serve() picks Bun.serve or Deno.serve).",
  "- 100 connections (scenario E: 1,000). Every number is the median over rounds; " +
    "× columns are medians of same-round ratios of req/s.",
  `- ${peakNote}.`,
  `- ${loadNote}.`,
  "- spread = (max − min) ÷ median of req/s over the rounds.",
  "- CPU µs/req = the server's user + system CPU time during the measurement (/proc/PID/stat) " +
    "÷ requests answered: what a request costs the server, whatever the load generator managed.",
  "- Each contender's answers were checked before measuring (status, content-type, body, " +
    "422 on bad input, `internal_cost` filtered); see `bench/http/scenarios.ts`.",
  "",
  absentNotes(absent),
  "",
  "### Goals (issue 16): medians of same-round ratios and CPU differences",
  "",
  goals,
  "",
  ...(denoGoals === "" ? [] : [denoGoals, ""]),
  tables.join("\n\n"),
  "",
].join("\n");
writeFileSync(resultsFile, doc);
console.log(
  `\n${tables.join("\n\n")}\n\n${goals}\n\n${denoGoals}\n\n${absentNotes(absent)}\nWrote ${resultsFile.pathname.replace(ROOT, "")}`,
);
