import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isAlive, type LoggedProcess, requestFresh, startLogged } from "../cli/processes.js";

const running: LoggedProcess[] = [];
afterEach(() => {
  for (const process of running.splice(0)) process.child.kill("SIGKILL");
});

describe("serve({ workers: 2 })", () => {
  it("makes the script a primary of two workers that serve the port, and stops them all on SIGTERM", async () => {
    const script = join(import.meta.dirname, "fixtures", "workers-app.ts");
    const primary = startLogged(process.execPath, ["--import", "tsx", script]);
    running.push(primary);
    const first = await primary.waitForLine((line) => typeof line.url === "string");
    await primary.waitForLine(
      (line) => line.url !== undefined && line.worker_pid !== first.worker_pid,
    );
    const seen = new Set<number>();
    for (let round = 0; round < 20 && seen.size < 2; round++) {
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => requestFresh(`${first.url}/busy`)),
      );
      for (const answer of answers) if ("status" in answer) seen.add(answer.body.pid);
    }
    expect(seen.size).toBe(2);
    expect(seen.has(primary.child.pid!)).toBe(false);
    primary.child.kill("SIGTERM");
    expect(await primary.exited).toEqual({ code: 0, signal: null });
    expect([...seen].filter(isAlive)).toEqual([]);
    expect(primary.lines().map((line) => line.msg)).toContain("all workers stopped");
  }, 60_000);
});
