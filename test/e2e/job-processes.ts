import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

const FIXTURE = join(import.meta.dirname, "fixtures", "job-process.ts");
const ROOT = join(import.meta.dirname, "..", "..");

export interface JobProcess {
  child: ChildProcess;
  /** the API's port ("api" and "both" modes) */
  port: number;
  output: () => string;
  /** SIGKILL, resolved once the process is gone */
  kill(): Promise<void>;
}

/** Starts a process running `script` (default: the job fixture) and waits for its "ready" line. */
export async function startProcess(
  args: string[],
  env: Record<string, string>,
  script = FIXTURE,
  ready = /ready ?(\d*)|on http:\/\/127\.0\.0\.1:(\d+)|worker ready/,
): Promise<JobProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve(Number(match[1] || match[2] || 0));
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) =>
      reject(new Error(`process exited (${code}) before ready:\n${output}`)),
    );
  });
  return {
    child,
    port,
    output: () => output,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** A small seeded generator, so a failing run can be replayed with the same kill moments. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

/** Polls `GET url` until the job's status is final. */
export async function waitFinal(url: string, timeoutMs = 30_000): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const record = (await (await fetch(url)).json()) as Record<string, any>;
    if (["done", "failed", "cancelled"].includes(record.status)) return record;
    if (Date.now() > deadline) throw new Error(`job still ${record.status}: ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
