import { execFile } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Run by `npm run test:docker` (scripts/docker/test.sh), which starts dockerd when needed and
// builds the local base image; never part of `vitest run`.
const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..", "..");
const DOCKER = process.env.DOCKER ?? "docker";
const BASE_IMAGE = process.env.TAILOR_DOCKER_BASE_IMAGE;
const CA_FILE = process.env.TAILOR_DOCKER_CA_FILE;
const IMAGE = "tailor-inference:test";
const CONTAINER = `tailor-inference-test-${process.pid}`;

if (BASE_IMAGE === undefined)
  throw new Error(
    "run the Docker test with `npm run test:docker`: it needs TAILOR_DOCKER_BASE_IMAGE",
  );

const docker = async (...args: string[]) =>
  (
    await run(DOCKER, args, {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, DOCKER_BUILDKIT: "1" },
    })
  ).stdout.trim();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = performance.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

let port: number;
let buildSeconds: number;

beforeAll(async () => {
  const started = performance.now();
  const secret = CA_FILE ? ["--secret", `id=npm_ca,src=${CA_FILE}`] : [];
  await docker(
    "build",
    "--network",
    "host",
    "--build-arg",
    `BASE_IMAGE=${BASE_IMAGE}`,
    ...secret,
    "-t",
    IMAGE,
    ".",
  );
  buildSeconds = (performance.now() - started) / 1000;
  console.info(`docker build: ${buildSeconds.toFixed(1)} s`);
  port = await freePort();
}, 1_200_000);

afterAll(async () => {
  await docker("rm", "-f", CONTAINER).catch(() => {});
});

describe("the Docker image", () => {
  it("holds production dependencies only, runs as a non-root user and keeps the registry CA out", async () => {
    expect(await docker("run", "--rm", "--network", "host", IMAGE, "id", "-u")).toBe("10001");
    const devOnly = await docker(
      "run",
      "--rm",
      "--network",
      "host",
      IMAGE,
      "sh",
      "-c",
      "ls node_modules/vitest node_modules/typescript 2>&1 || true",
    );
    expect(devOnly).toMatch(/No such file/);
    expect(
      await docker(
        "run",
        "--rm",
        "--network",
        "host",
        IMAGE,
        "sh",
        "-c",
        "ls node_modules/pino/package.json",
      ),
    ).toBe("node_modules/pino/package.json");
    const secrets = await docker(
      "run",
      "--rm",
      "--network",
      "host",
      IMAGE,
      "sh",
      "-c",
      "ls /run/secrets 2>&1; npm config get cafile",
    );
    expect(secrets).toMatch(/No such file/);
    expect(secrets).toMatch(/null|undefined/);
  }, 120_000);

  it("starts, answers /health, reports healthy, and stops on docker stop within the grace period with exit 0", async () => {
    const startedAt = performance.now();
    await docker(
      "run",
      "-d",
      "--name",
      CONTAINER,
      "--network",
      "host",
      "-e",
      "HOST=127.0.0.1",
      "-e",
      `PORT=${port}`,
      "-e",
      "LOCAL_TOKEN_LATENCY_MS=40",
      "--health-interval",
      "1s",
      "--health-start-period",
      "30s",
      IMAGE,
    );
    const url = `http://127.0.0.1:${port}`;
    await until(
      "/health",
      async () => ((await fetch(`${url}/health`)).ok ? true : undefined),
      60_000,
    ).catch(async (error: Error) => {
      // what the service printed says why it never answered
      throw new Error(`${error.message}; container log:\n${await docker("logs", CONTAINER)}`);
    });
    const answeredIn = performance.now() - startedAt;
    await until(
      "healthy",
      async () =>
        (await docker("inspect", "-f", "{{.State.Health.Status}}", CONTAINER)) === "healthy"
          ? true
          : undefined,
      60_000,
    );
    const healthyIn = performance.now() - startedAt;

    // a completion of ~1 s in flight when docker stop sends SIGTERM
    const inFlight = fetch(`${url}/v1/completions`, {
      method: "POST",
      headers: { "x-api-key": "sk-dev-key-123", "content-type": "application/json" },
      body: JSON.stringify({ prompt: "hello", max_tokens: 25 }),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stopAt = performance.now();
    await docker("stop", "-t", "30", CONTAINER);
    const stoppedIn = (performance.now() - stopAt) / 1000;
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.headers.get("connection")).toBe("close");
    expect(await docker("inspect", "-f", "{{.State.ExitCode}}", CONTAINER)).toBe("0");
    expect(stoppedIn).toBeLessThan(25);
    const logs = await docker("logs", CONTAINER);
    expect(logs).toContain('"msg":"SIGTERM: shutting down"');
    expect(logs).toContain('"msg":"shutdown complete"');
    console.info(
      `image: /health answered ${(answeredIn / 1000).toFixed(1)} s after docker run, healthy after ${(healthyIn / 1000).toFixed(1)} s, docker stop took ${stoppedIn.toFixed(1)} s`,
    );
  }, 180_000);
});
