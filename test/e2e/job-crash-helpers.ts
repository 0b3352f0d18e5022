import { readFileSync } from "node:fs";
import { postJson, waitFinal } from "./job-processes.js";

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
