import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, type RunningServer, StreamingResponse, serve } from "../../src/index.js";
import { rawGetUntilClose } from "../integration/transports.js";

/**
 * §12/§15: when a stream fails after the response has started, uvicorn closes the connection
 * without the final chunk, so the client sees an incomplete body, never a complete-looking one.
 */
const logged: unknown[] = [];

function createApp(): App {
  const app = new App({ logger: { error: (_message, error) => logged.push(error) } });
  app.get(
    "/fails",
    {},
    () =>
      new StreamingResponse(
        (async function* () {
          yield "part0\n";
          throw new Error("the model crashed");
        })(),
        { mediaType: "text/plain" },
      ),
  );
  app.get(
    "/completes",
    {},
    () => new StreamingResponse(["part0\n", "part1\n"], { mediaType: "text/plain" }),
  );
  return app;
}

let server: RunningServer;
beforeAll(async () => {
  server = await serve(createApp(), { port: 0 });
});
afterAll(() => server.close());

const raw = (path: string) => rawGetUntilClose(server.url, path);

describe("a stream that fails after the response started", () => {
  it("closes the connection without the final chunk", async () => {
    const text = await raw("/fails");
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text).toContain("part0\n");
    expect(text.endsWith("\r\n0\r\n\r\n")).toBe(false);
    await expect.poll(() => logged.length).toBeGreaterThan(0);
  });

  it("makes a fetch client's read fail instead of returning a truncated body", async () => {
    const response = await fetch(`${server.url}/fails`);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it("still ends a stream that completes with the final chunk", async () => {
    const text = await raw("/completes");
    expect(text).toContain("part1\n");
    expect(text.endsWith("\r\n0\r\n\r\n")).toBe(true);
  });
});
