// Runs the load generator (wrk when installed, else autocannon) in its own process pinned to
// CPU 1 and returns the numbers the report needs.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { LoadRequest } from "./scenarios.js";
import { hasWrk, runWrk } from "./wrk.js";

export const LOAD_CPU = "1";
const AUTOCANNON = fileURLToPath(
  new URL("../../node_modules/autocannon/autocannon.js", import.meta.url),
);

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  baseUrl: string;
  request: LoadRequest;
  connections: number;
  durationSec: number;
}

/** "wrk" when Debian's wrk is installed (`apt-get install wrk`), else "autocannon". */
export const LOAD_GENERATOR: "wrk" | "autocannon" =
  process.env.BENCH_LOAD === "autocannon" || !hasWrk() ? "autocannon" : "wrk";

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return LOAD_GENERATOR === "wrk" ? runWrk(options, LOAD_CPU) : runAutocannon(options);
}

function runAutocannon(options: LoadOptions): Promise<LoadResult> {
  const { baseUrl, request, connections, durationSec } = options;
  const args = ["-c", LOAD_CPU, "node", AUTOCANNON, "--json", "--no-progress"];
  args.push("-c", String(connections), "-d", String(durationSec), "-m", request.method);
  for (const [name, value] of Object.entries(request.headers ?? {}))
    args.push("-H", `${name}=${value}`);
  if (request.body !== undefined) args.push("-b", request.body);
  args.push(baseUrl + request.path);
  return new Promise((resolve, reject) => {
    execFile("taskset", args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`autocannon failed: ${error.message} ${stderr}`));
      try {
        const r = JSON.parse(stdout);
        resolve({
          rps: r.requests.average,
          p50: r.latency.p50,
          p99: r.latency.p99,
          non2xx: r.non2xx,
          errors: r.errors + r.timeouts,
        });
      } catch (parseError) {
        reject(new Error(`autocannon output unreadable: ${(parseError as Error).message}`));
      }
    });
  });
}
