import { afterEach, describe, expect, it } from "vitest";
import {
  isAlive,
  type LoggedProcess,
  type Outcome,
  requestFresh,
  requestPooled,
  sleep,
  startTailor,
} from "./processes.js";

const FIXTURE = "test/cli/fixtures/pid-app.ts";
const running: LoggedProcess[] = [];
afterEach(() => {
  for (const process of running.splice(0)) process.child.kill("SIGKILL");
});

function tailor(args: string[]) {
  const started = startTailor(args);
  running.push(started);
  return started;
}

const failures = (outcomes: Outcome[]) =>
  outcomes.filter((outcome) => "error" in outcome || outcome.status !== 200);

describe("tailor run", () => {
  it("serves, logs its URL, and on SIGTERM lets the request in flight finish, then exits 0", async () => {
    const run = tailor(["run", FIXTURE, "--port", "0"]);
    const ready = await run.waitForLine((line) => typeof line.url === "string");
    expect(ready.msg).toBe(`serving on ${ready.url} (docs at ${ready.url}/docs)`);
    const slow = requestFresh(`${ready.url}/slow?ms=800`);
    await run.waitForLine((line) => line.path === "/slow?ms=800" || false, 300).catch(() => {});
    await sleep(200);
    run.child.kill("SIGTERM");
    const answer = await slow;
    expect(answer).toMatchObject({ status: 200, connection: "close" });
    expect(await run.exited).toEqual({ code: 0, signal: null });
    const messages = run.lines().map((line) => line.msg);
    expect(messages).toContain("SIGTERM: shutting down");
    expect(messages.at(-1)).toBe("shutdown complete");
    expect(run.lines().find((line) => line.path === "/slow?ms=800")).toMatchObject({ status: 200 });
  }, 30_000);

  it("exits at once, with status 1, on a second signal during the drain", async () => {
    const run = tailor(["run", FIXTURE, "--port", "0", "--graceful-timeout", "30"]);
    const ready = await run.waitForLine((line) => typeof line.url === "string");
    const slow = requestFresh(`${ready.url}/slow?ms=20000`, { timeoutMs: 25_000 });
    await sleep(300);
    run.child.kill("SIGTERM");
    await run.waitForLine((line) => line.msg === "SIGTERM: shutting down");
    const secondAt = performance.now();
    run.child.kill("SIGINT");
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(performance.now() - secondAt).toBeLessThan(3_000);
    expect(run.lines().map((line) => line.msg)).toContain("SIGINT again: exiting without waiting");
    expect(await slow).toMatchObject({ error: expect.stringMatching(/ECONNRESET|socket hang up/) });
  }, 30_000);

  it("exits 2 with the usage on an unknown option", async () => {
    const run = tailor(["run", FIXTURE, "--wrokers", "2"]);
    expect((await run.exited).code).toBe(2);
    expect(run.output()).toContain("unknown option --wrokers for run");
  }, 20_000);
});

describe("tailor run --workers 2", () => {
  it("serves from two processes, replaces a kill -9'd one within 5 s, restarts all on SIGHUP, stops on SIGTERM", async () => {
    const run = tailor([
      "run",
      FIXTURE,
      "--port",
      "0",
      "--workers",
      "2",
      "--graceful-timeout",
      "5",
    ]);
    const first = await run.waitForLine((line) => typeof line.url === "string");
    const url = first.url as string;
    await run.waitForLine(
      (line) => line.worker_pid !== undefined && line.worker_pid !== first.worker_pid,
    );
    const primaryPid = run.child.pid!;

    // two processes answer: a worker busy with one request cannot accept the next
    const pidsOf = async (count: number) => {
      const answers = await Promise.all(
        Array.from({ length: count }, () => requestFresh(`${url}/busy?ms=40`)),
      );
      return answers;
    };
    const seen = new Set<number>();
    for (let round = 0; round < 20 && seen.size < 2; round++)
      for (const answer of await pidsOf(6)) if ("status" in answer) seen.add(answer.body.pid);
    expect(seen.size).toBe(2);
    expect(seen.has(primaryPid)).toBe(false);
    const [victim, survivor] = [...seen] as [number, number];

    // kill -9 one worker while requests keep coming, one after another
    const outcomes: Outcome[] = [];
    const killedAt = performance.now();
    process.kill(victim, "SIGKILL");
    const replaced = run.waitForLine(
      (line) =>
        line.worker_pid !== undefined && !seen.has(line.worker_pid) && line.url !== undefined,
    );
    let replacement: number | undefined;
    void replaced.then((line) => {
      replacement = line.worker_pid;
    });
    let replacedIn = 0;
    while (replacement === undefined && performance.now() - killedAt < 10_000) {
      outcomes.push(await requestFresh(`${url}/pid`, { timeoutMs: 3_000 }));
      replacedIn = performance.now() - killedAt;
    }
    expect(failures(outcomes)).toEqual([]);
    expect(replacement).toBeDefined();
    // 5 s, unless this machine needed longer than that to start the first worker at all: a
    // replacement is a back-off (100 ms) plus one worker's start
    const supervising = run.lines().find((line) => line.msg === "supervising 2 workers")!;
    const firstStart = Date.parse(first.time) - Date.parse(supervising.time);
    expect(replacedIn).toBeLessThan(Math.max(5_000, firstStart * 1.5 + 100));
    // and the new worker takes its share
    let served = false;
    for (let round = 0; round < 20 && !served; round++)
      for (const answer of await pidsOf(6))
        if ("status" in answer && answer.body.pid === replacement) served = true;
    expect(served).toBe(true);
    console.info(
      `worker replaced in ${Math.round(replacedIn)} ms (first worker started in ${firstStart} ms), ${outcomes.length} requests meanwhile, 0 failed`,
    );
    // SIGHUP under load (kept-alive connections): every worker replaced, no request refused
    const before = new Set([survivor, replacement!]);
    const load: Outcome[] = [];
    const pidsAfter = new Set<number>();
    let loading = true;
    const client = async () => {
      while (loading) {
        const answer = await requestPooled(`${url}/pid`, { signal: AbortSignal.timeout(10_000) });
        load.push(answer);
        if ("status" in answer && !before.has(answer.body.pid)) pidsAfter.add(answer.body.pid);
      }
    };
    const clients = Array.from({ length: 4 }, client);
    await sleep(200);
    const hupAt = performance.now();
    process.kill(primaryPid, "SIGHUP");
    while (performance.now() - hupAt < 40_000) {
      await sleep(100);
      const olds = [...before].filter(isAlive);
      if (olds.length === 0 && pidsAfter.size >= 2) break;
    }
    const restartedIn = performance.now() - hupAt;
    await sleep(300);
    loading = false;
    await Promise.all(clients);
    expect(failures(load)).toEqual([]);
    expect([...before].filter(isAlive)).toEqual([]);
    expect(pidsAfter.size).toBeGreaterThanOrEqual(2);
    console.info(
      `SIGHUP: all workers replaced in ${Math.round(restartedIn)} ms, ${load.length} requests, 0 failed`,
    );

    run.child.kill("SIGTERM");
    expect(await run.exited).toEqual({ code: 0, signal: null });
    await sleep(100);
    expect([...pidsAfter].filter(isAlive)).toEqual([]);
  }, 120_000);
});

describe("tailor run --workers with a crash loop", () => {
  it("replaces dying workers with a growing back-off, then gives up with exit 1", async () => {
    const run = tailor([
      "run",
      "test/cli/fixtures/crashing-app.ts",
      "--port",
      "0",
      "--workers",
      "2",
    ]);
    const { code } = await run.exited;
    expect(code).toBe(1);
    const deaths = run.lines().filter((line) => line.msg === "worker died: replacing it");
    expect(deaths.map((line) => line.backoff_ms).slice(0, 3)).toEqual([100, 200, 400]);
    expect(run.lines().some((line) => /keep dying right after they start/.test(line.msg))).toBe(
      true,
    );
  }, 120_000);
});
