import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { type JobProcess, postJson, startProcess, waitFinal } from "./job-processes.js";

/** the seed of the random kill moments: printed in the test names, set with JOBS_CRASH_SEED */
export const SEED = Number(process.env.JOBS_CRASH_SEED ?? Date.now() % 100_000);

/**
 * A temporary folder for the run's database and log, and `start` for server processes: each
 * started one is killed and the folder removed after the file's tests.
 */
export function crashRun() {
  let dir = "";
  const started: JobProcess[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "tailor-jobs-crash-"));
  });
  afterAll(async () => {
    await Promise.all(started.map((child) => child.kill()));
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    file: (name: string) => join(dir, name),
    start: async (args: string[], env: Record<string, string>) => {
      const child = await startProcess(args, env);
      started.push(child);
      return child;
    },
  };
}

/**
 * Keeps `lanes` submissions in flight against whatever port `target()` names; a 202 is an
 * acknowledgement, a refused or broken connection is not.
 */
export function submitter(target: () => number, random: () => number, lanes = 4) {
  const acked: string[] = [];
  let running = true;
  const lane = async () => {
    while (running) {
      const ms = 20 + Math.floor(random() * 80);
      try {
        const response = await postJson(`http://127.0.0.1:${target()}/durable-probes`, { ms });
        if (response.status === 202) acked.push(((await response.json()) as { id: string }).id);
        // about 12 submissions a second per lane: the workers keep up, so the test ends soon after
        await new Promise((resolve) => setTimeout(resolve, 80));
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 20)); // the server is down
      }
    }
  };
  const inFlight = Array.from({ length: lanes }, lane);
  return {
    acked,
    stop: async () => {
      running = false;
      await Promise.all(inFlight);
    },
  };
}

/** waits until a job has started since the last kill, so the next kill finds work in flight */
export async function busy(log: string): Promise<void> {
  for (;;) {
    const text = readFileSync(log, "utf8");
    const sinceKill = text.slice(text.lastIndexOf("kill ") + 1);
    if (/^start /m.test(sinceKill)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function finalRecords(port: number, ids: string[]) {
  const records = new Map<string, { status: string; attempts: number }>();
  for (const id of ids) {
    records.set(id, (await waitFinal(`http://127.0.0.1:${port}/durable-probes/${id}`)) as never);
  }
  return records;
}
