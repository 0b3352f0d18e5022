import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { App, HTTPException, type RunningServer, serve } from "../../src/index.js";
import { describeTransports, rawGetUntilClose } from "../integration/transports.js";
import { expectRecorded } from "./recorded.js";

/** §5: an HTTPException whose status forbids a body (1xx, 204, 205, 304) has none. */
function createApp(): App {
  const app = new App({ logger: { error: () => {} } });
  app.get("/reset", {}, () => {
    throw new HTTPException(205, "ignored", { "x-reset": "1" });
  });
  app.get("/no-content", {}, () => {
    throw new HTTPException(204, "ignored");
  });
  return app;
}

describeTransports("§5 HTTPExceptions with no-body statuses", createApp, (client) => {
  it("HTTPException(204) sends no body, no content-type and no content-length", async () => {
    await expectRecorded(await client().request("GET", "/no-content"), {
      status: 204,
      contentType: null,
      body: "",
      absent: ["content-length"],
    });
  });

  it("HTTPException(205) sends no body and no content-type, with content-length 0 as Starlette's empty Response", async () => {
    await expectRecorded(await client().request("GET", "/reset"), {
      status: 205,
      contentType: null,
      body: "",
      headers: { "content-length": "0", "x-reset": "1" },
    });
  });
});

describe("§5 no-body statuses on the wire", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve(createApp(), { port: 0 });
  });
  afterAll(() => server.close());

  const raw = (path: string) => rawGetUntilClose(server.url, path);

  it("a 205 is framed by content-length 0, not by an empty chunked body", async () => {
    const text = await raw("/reset");
    const [head, body] = text.split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 205 Reset Content\r\n/);
    expect(head?.toLowerCase()).toContain("\r\ncontent-length: 0");
    expect(head?.toLowerCase()).not.toContain("transfer-encoding");
    expect(head?.toLowerCase()).not.toContain("content-type");
    expect(body).toBe("");
  });
});
