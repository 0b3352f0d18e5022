// A/B of server builds on a noisy machine: each server (pinned to CPU 0) gets `secs`-second wrk
// rounds (wrk pinned to CPU 1, 100 connections) in alternating order; server CPU time comes
// from /proc/PID/stat around each round. Prints medians of CPU µs per request and the median
// of the per-round ratios to the first server, which cancels most of the machine's drift.
//
//   npx tsx bench/http/alternate.ts <rounds> <secs> <scenario> name='command $PORT' ...
//   e.g. B=node_modules/.bin/bun; npx tsx bench/http/alternate.ts 16 1 A \
//     "before=$B /tmp/before/bench/http/contenders/tailor.ts \$PORT" \
//     "after=$B bench/http/contenders/tailor.ts \$PORT"
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SCENARIOS } from "./scenarios.js";

const [rounds, secs, id, ...definitions] = process.argv.slice(2);
const scenario = SCENARIOS.find((s) => s.id === id);
if (!rounds || !secs || !scenario || definitions.length === 0)
  throw new Error("usage: alternate.ts <rounds> <secs> <scenario> name=command ...");
const { method, path, headers = {}, body } = scenario.request;
const script = join(tmpdir(), `alternate-${process.pid}.lua`);
writeFileSync(
  script,
  [
    `wrk.method = "${method}"`,
    ...(body === undefined ? [] : [`wrk.body = [==[${body}]==]`]),
    ...Object.entries(headers).map(([name, value]) => `wrk.headers["${name}"] = "${value}"`),
  ].join("\n"),
);

/** seconds of CPU the process has used (utime + stime, at 100 ticks a second) */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function wrk(port: number, seconds: string): number {
  const out = execFileSync("taskset", [
    ...["-c", "1", "wrk", "-t1", "-c100", `-d${seconds}s`, "-s", script],
    `http://127.0.0.1:${port}${path}`,
  ]).toString();
  return Number(/(\d+) requests in/.exec(out)![1]);
}

interface Server {
  name: string;
  port: number;
  child: ChildProcess;
  us: number[];
  rps: number[];
}
const servers: Server[] = definitions.map((definition, i) => {
  const split = definition.indexOf("=");
  const port = 9710 + i;
  const child = spawn("taskset", ["-c", "0", "sh", "-c", `exec ${definition.slice(split + 1)}`], {
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return { name: definition.slice(0, split), port, child, us: [], rps: [] };
});
await new Promise((resolve) => setTimeout(resolve, 2500));
for (const server of servers) wrk(server.port, "1"); // warm-up
for (let round = 0; round < Number(rounds); round++) {
  for (const server of round % 2 === 0 ? servers : [...servers].reverse()) {
    const before = cpuSeconds(server.child.pid!);
    const requests = wrk(server.port, secs);
    server.us.push(((cpuSeconds(server.child.pid!) - before) * 1e6) / requests);
    server.rps.push(requests / Number(secs));
  }
}
for (const server of servers) server.child.kill();

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const first = servers[0]!;
for (const server of servers) {
  const ratio = median(server.us.map((us, i) => us / first.us[i]!));
  console.log(
    `${server.name}\tCPU µs/req median ${median(server.us).toFixed(1)}\treq/s median ${median(server.rps).toFixed(0)}\tµs ÷ ${first.name} (median of rounds) ${ratio.toFixed(3)}`,
  );
}
