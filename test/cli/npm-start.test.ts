import { execFileSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import {
  isAlive,
  type LoggedProcess,
  type Outcome,
  requestPooled,
  sleep,
  startLogged,
} from "./processes.js";

const running: LoggedProcess[] = [];
afterEach(() => {
  for (const process of running.splice(0)) process.child.kill("SIGKILL");
});

async function waitForText(process: LoggedProcess, pattern: RegExp, ms = 30_000) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const found = pattern.exec(process.output());
    if (found) return found;
    if (process.child.exitCode !== null) break;
    await sleep(50);
  }
  throw new Error(`no ${pattern} in:\n${process.output()}`);
}

function childrenOf(pid: number): number[] {
  try {
    return execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" })
      .split("\n")
      .map((line) => Number(line.trim()))
      .filter((child) => child > 0);
  } catch {
    return [];
  }
}

const API_KEY = { "x-api-key": "sk-dev-key-123", "content-type": "application/json" };

describe("npm start", () => {
  it("stops cleanly on SIGTERM to its own PID under load: in-flight requests answer, none is reset, no process is left, exit 0", async () => {
    const npm = startLogged("npm", ["start", "--silent"], {
      env: { PORT: "0", LOCAL_TOKEN_LATENCY_MS: "20", API_KEYS: '["sk-dev-key-123"]' },
    });
    running.push(npm);
    const [, url] = await waitForText(npm, /AI Inference API on (http:\/\/\S+) /);
    const first = await requestPooled(`${url}/health`);
    expect(first).toMatchObject({ status: 200 });
    const server = (await npm.waitForLine((line) => line.path === "/health")).pid as number;
    const descendants = [server, ...childrenOf(server)];

    // completions that take ~600 ms each, in flight when the signal arrives
    const completions = Array.from({ length: 6 }, (_, i) =>
      requestPooled(`${url}/v1/completions`, {
        method: "POST",
        headers: API_KEY,
        body: JSON.stringify({ prompt: `tell me about ${i}`, max_tokens: 30 }),
      }),
    );
    // and a steady stream of short requests on kept-alive connections
    let signalAt = Number.POSITIVE_INFINITY;
    const log: { startedAt: number; outcome: Outcome }[] = [];
    // each client keeps writing requests on its kept-alive connections until the server says
    // `Connection: close`; one last request then needs a new connection, which is refused
    const client = async () => {
      for (;;) {
        const startedAt = performance.now();
        const outcome = await requestPooled(`${url}/health`);
        log.push({ startedAt, outcome });
        if ("error" in outcome) return;
        if (outcome.connection === "close") {
          await sleep(100);
          log.push({ startedAt: performance.now(), outcome: await requestPooled(`${url}/health`) });
          return;
        }
      }
    };
    const clients = Array.from({ length: 4 }, client);
    await sleep(250);
    signalAt = performance.now();
    process.kill(npm.child.pid!, "SIGTERM");
    const exit = await npm.exited;
    const stoppedIn = performance.now() - signalAt;
    await Promise.all(clients);

    for (const completion of await Promise.all(completions)) {
      expect(completion).toMatchObject({ status: 200, body: { text: expect.any(String) } });
      // generated token by token across the signal
      expect((completion as { body: { latency_ms: number } }).body.latency_ms).toBeGreaterThan(300);
    }
    const before = log.filter((entry) => entry.startedAt < signalAt);
    const after = log.filter((entry) => entry.startedAt >= signalAt);
    expect(
      before.filter((entry) => !("status" in entry.outcome && entry.outcome.status === 200)),
    ).toEqual([]);
    // after the signal: answered (with Connection: close), or refused at connect; never reset
    const errors = after.flatMap((entry) =>
      "error" in entry.outcome ? [entry.outcome.error] : [],
    );
    expect(new Set(errors)).toEqual(new Set(["ECONNREFUSED"]));
    // npm takes a moment to pass the signal on: what node answered meanwhile kept the connection
    const answeredAfter = after.flatMap((entry) =>
      "status" in entry.outcome ? [entry.outcome] : [],
    );
    expect(answeredAfter.every((outcome) => outcome.status === 200)).toBe(true);
    expect(answeredAfter.some((outcome) => outcome.connection === "close")).toBe(true);
    expect(exit).toEqual({ code: 0, signal: null });
    // tsx's esbuild service leaves when node closes its pipe: give a loaded machine a moment
    for (let waited = 0; waited < 5_000 && descendants.some(isAlive); waited += 100)
      await sleep(100);
    expect(descendants.filter(isAlive)).toEqual([]);
    expect(npm.lines().map((line) => line.msg)).toContain("SIGTERM: shutting down");
    console.info(
      `npm start: ${before.length} requests before SIGTERM, ${after.length} after (${errors.length} refused), stopped in ${Math.round(stoppedIn)} ms`,
    );
  }, 60_000);
});
