// Starts a contender server pinned to CPU 0, waits until it answers, reads its peak RSS, stops it.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const SERVER_CPU = "0";
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CONTENDERS_DIR = fileURLToPath(new URL("./contenders/", import.meta.url));
/** Exit code a contender uses to say "I cannot run here" (e.g. the framework is not importable). */
const SKIP_EXIT_CODE = 3;

export interface ContenderDef {
  name: string;
  /** what runs the server: gc.ts counts allocations on node only */
  runtime: "node" | "bun" | "deno" | "python";
  /** Returns a reason when the contender cannot run on this machine. */
  unavailable?: () => string | null;
  command: (port: number) => string[];
  /** extra environment for the server process */
  env?: Record<string, string>;
}

function nodeContender(name: string): ContenderDef {
  return {
    name,
    runtime: "node",
    command: (port) => ["node", "--import", "tsx", `${CONTENDERS_DIR}${name}.ts`, String(port)],
  };
}

/** Bun as npm installs it (the "bun" devDependency): a native binary, so its pid is the server's. */
export const BUN = `${ROOT}node_modules/.bin/bun`;

/** A contender run by Bun; `file` is its entry under contenders/ (hono.ts serves on either). */
function bunContender(name: string, file: string, bunArgs: string[] = []): ContenderDef {
  return {
    name,
    runtime: "bun",
    unavailable: () => (existsSync(BUN) ? null : `${BUN} is missing (npm ci installs "bun")`),
    command: (port) => [BUN, ...bunArgs, `${CONTENDERS_DIR}${file}.ts`, String(port)],
  };
}

/** Deno as npm installs it (the "deno" devDependency): a native binary too. */
export const DENO = `${ROOT}node_modules/.bin/deno`;

/**
 * A contender run by Deno. Sloppy imports: the sources import "./x.js" for "./x.ts", as tsc's
 * NodeNext wants; the import map sends "tailor" to dist/, as tsconfig.bun.json does on Bun.
 */
function denoContender(name: string, file: string): ContenderDef {
  return {
    name,
    runtime: "deno",
    unavailable: () => (existsSync(DENO) ? null : `${DENO} is missing (npm ci installs "deno")`),
    command: (port) => [
      DENO,
      "run",
      "--allow-net",
      "--allow-read",
      "--allow-env",
      // pino, the logger, reads the host name as it loads
      "--allow-sys=hostname",
      "--sloppy-imports",
      "--no-lock",
      `--import-map=${fileURLToPath(new URL("./deno-imports.json", import.meta.url))}`,
      `${CONTENDERS_DIR}${file}.ts`,
      String(port),
    ],
  };
}

function pythonHasFastApi(): string | null {
  try {
    execFileSync("python3", ["-c", "import fastapi, uvicorn"], { stdio: "ignore" });
    return null;
  } catch {
    return "python3 cannot import fastapi and uvicorn";
  }
}

export const CONTENDERS: ContenderDef[] = [
  nodeContender("raw-node"),
  nodeContender("fastify"),
  nodeContender("hono"),
  nodeContender("express"),
  {
    name: "fastapi",
    runtime: "python",
    unavailable: pythonHasFastApi,
    command: (port) => ["python3", `${CONTENDERS_DIR}fastapi.py`, String(port)],
  },
  {
    ...nodeContender("tailor"),
    // "tailor" resolves like an installed package (the emitted dist/, what `npm run build` and a
    // published package ship): tsconfig.build.json maps no paths, so tsx leaves the import to node
    env: { TSX_TSCONFIG_PATH: "tsconfig.build.json" },
  },
  // The Bun round: the same scenarios and checks, each framework on Bun's own server.
  bunContender("raw-bun", "raw-web"),
  bunContender("elysia", "elysia"),
  bunContender("hono-bun", "hono"),
  // the unchanged tailor.ts: serve() picks Bun.serve; "tailor" maps to dist/ as on node
  bunContender("tailor-bun", "tailor", [
    `--tsconfig-override=${fileURLToPath(new URL("./tsconfig.bun.json", import.meta.url))}`,
  ]),
  // The Deno round: Deno.serve under the same files (serve() picks Deno.serve for Tailor).
  denoContender("raw-deno", "raw-web"),
  denoContender("hono-deno", "hono"),
  denoContender("tailor-deno", "tailor"),
];

export interface RunningContender {
  name: string;
  pid: number;
  baseUrl: string;
  /** everything the server wrote to stderr so far */
  stderr: () => string;
  stop: () => Promise<void>;
}

export type StartResult =
  | { ok: true; server: RunningContender }
  | { ok: false; skipped: boolean; note: string };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Spawns the contender and polls GET /hello until it answers (any status) or the child exits. */
export async function startContender(
  def: ContenderDef,
  /** extra flags for a node contender, placed right after `node` */
  nodeArgs: string[] = [],
  timeoutMs = 20_000,
): Promise<StartResult> {
  const reason = def.unavailable?.();
  if (reason) return { ok: false, skipped: true, note: reason };
  const port = await freePort();
  const [program, ...args] = def.command(port);
  if (program === "node") args.unshift(...nodeArgs);
  const child = spawn("taskset", ["-c", SERVER_CPU, program!, ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", ...def.env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const firstLines = stderr.trim().split("\n").slice(0, 3).join(" | ").replaceAll(ROOT, "");
      if (child.exitCode === SKIP_EXIT_CODE) {
        return { ok: false, skipped: true, note: firstLines.replace(/^SKIP: /, "") };
      }
      return { ok: false, skipped: false, note: `exited (${child.exitCode}): ${firstLines}` };
    }
    try {
      await fetch(`${baseUrl}/hello`, { signal: AbortSignal.timeout(1000) });
      const server = {
        name: def.name,
        pid: child.pid!,
        baseUrl,
        stderr: () => stderr,
        stop: () => stopChild(child),
      };
      return { ok: true, server };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await stopChild(child);
  return { ok: false, skipped: false, note: `did not answer within ${timeoutMs} ms` };
}

/** Resets the kernel's peak-RSS mark of a process (Linux clear_refs "5"); false if not allowed. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

/** Peak resident set size (VmHWM) of a process in MiB, or NaN when unreadable. */
export function readPeakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

const CLOCK_TICKS_PER_SEC = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system) a process has used so far, in seconds, or NaN when unreadable. */
export function readCpuSeconds(pid: number): number {
  try {
    // the command name (field 2) may hold spaces: count fields after its closing parenthesis
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SEC;
  } catch {
    return Number.NaN;
  }
}

/** Tailor is measured as it ships: builds dist/ (`tsc -p tsconfig.build.json`) when it runs. */
export function buildTailorIfMeasured(defs: ContenderDef[]): void {
  if (!defs.some((c) => c.name.startsWith("tailor"))) return;
  console.log("building dist/ (tsc -p tsconfig.build.json)");
  execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "inherit" });
}
