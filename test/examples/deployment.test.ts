import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start } from "../../examples/deployment/main.js";
import { logger } from "../../src/index.js";
import type { RunningServer } from "../../src/server/serve.js";
import { get } from "../server/helpers.js";

let server: RunningServer;
beforeAll(async () => {
  logger.configure({ level: "silent" });
  server = await start(0, false);
});
afterAll(() => server.close());

describe("examples/deployment", () => {
  it("answers the liveness and readiness probes once the lifespan has started", async () => {
    expect(await (await get(`${server.url}/health`)).body).toBe('{"status":"ok"}');
    expect(JSON.parse((await get(`${server.url}/ready`)).body)).toEqual({
      status: "ready",
      model: "tiny-llm",
    });
  });

  it("echoes the request id a proxy or load balancer set", async () => {
    const response = await get(`${server.url}/health`, {
      "x-request-id": "probe-1",
    });
    expect(response.headers["x-request-id"]).toBe("probe-1");
  });
});
