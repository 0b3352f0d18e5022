// Runs wrk (Debian's `wrk`, a C load generator) pinned to the load CPU: one core of wrk drives
// far more requests than one core of autocannon, so the server, not the client, is measured.
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LoadOptions, LoadResult } from "./load.js";

export function hasWrk(): boolean {
  try {
    execFileSync("wrk", ["--version"], { stdio: "ignore" });
    return true;
  } catch (error) {
    // wrk prints its version and exits 1
    return (error as { status?: number }).status === 1;
  }
}

function luaString(text: string): string {
  return `[==[${text}]==]`;
}

/** The request and a `done` hook printing one JSON line of results. */
function script(options: LoadOptions): string {
  const { request } = options;
  const lines = [`wrk.method = ${luaString(request.method)}`];
  if (request.body !== undefined) lines.push(`wrk.body = ${luaString(request.body)}`);
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    // a space after "[": "[[" would open a Lua long string
    lines.push(`wrk.headers[ ${luaString(name)} ] = ${luaString(value)}`);
  }
  lines.push(
    "done = function(summary, latency, requests)",
    "  local e = summary.errors",
    '  io.write(string.format(\'{"requests":%d,"duration":%d,"p50":%.3f,"p99":%.3f,"status":%d,"errors":%d}\\n\',',
    "    summary.requests, summary.duration, latency:percentile(50) / 1000, latency:percentile(99) / 1000,",
    "    e.status, e.connect + e.read + e.write + e.timeout))",
    "end",
  );
  return lines.join("\n");
}

export function runWrk(options: LoadOptions, cpu: string): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), "tailor-wrk-"));
  const file = join(dir, "load.lua");
  writeFileSync(file, script(options));
  const url = options.baseUrl + options.request.path;
  const command = `ulimit -n 65536 2>/dev/null; exec taskset -c ${cpu} wrk -t1 -c${options.connections} -d${options.durationSec}s --latency -s ${file} ${url}`;
  return new Promise((resolve, reject) => {
    execFile("bash", ["-c", command], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`wrk failed: ${error.message} ${stderr}`));
      const line = stdout.split("\n").find((l) => l.startsWith('{"requests"'));
      if (!line) return reject(new Error(`wrk output unreadable: ${stdout.slice(-300)}`));
      const r = JSON.parse(line);
      resolve({
        rps: r.requests / (r.duration / 1e6),
        p50: r.p50,
        p99: r.p99,
        non2xx: r.status,
        errors: r.errors,
      });
    });
  });
}
