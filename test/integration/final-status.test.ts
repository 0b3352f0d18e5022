import { describe, expect, it } from "vitest";
import { App, HTTPException, serve, TestClient } from "../../src/index.js";
import { recordingLogger } from "../dependencies/helpers.js";

// A 1xx cannot end an exchange: node would send it as an informational response and leave the
// client waiting for the real one. Such a status is the app's bug, answered as a logged 500.
function appWithInformationalStatuses() {
  const logger = recordingLogger();
  const app = new App({ logger });
  app.get("/raised", {}, () => {
    throw new HTTPException(101, "switching");
  });
  app.get("/set", {}, (_args, ctx) => {
    ctx.response.status = 103;
    return { ok: true };
  });
  return { app, logger };
}

describe("a response status outside 200–599", () => {
  it("is a logged 500 in process", async () => {
    const { app, logger } = appWithInformationalStatuses();
    const client = new TestClient(app, { raiseServerExceptions: false });
    for (const path of ["/raised", "/set"]) {
      const r = await client.get(path);
      expect([r.status, await r.text()]).toEqual([500, "Internal Server Error"]);
    }
    expect(logger.entries.map((e) => String(e.error))).toEqual([
      "RangeError: a response status must be from 200 to 599, got 101",
      "RangeError: a response status must be from 200 to 599, got 103",
    ]);
  });

  it("is a logged 500 on the wire, and the client is not left waiting", async () => {
    const { app, logger } = appWithInformationalStatuses();
    const server = await serve(app, { port: 0 });
    try {
      for (const path of ["/raised", "/set"]) {
        const r = await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(3000) });
        expect([r.status, await r.text()]).toEqual([500, "Internal Server Error"]);
      }
      expect(logger.entries).toHaveLength(2);
      const ok = await fetch(`${server.url}/docs`);
      expect(ok.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
