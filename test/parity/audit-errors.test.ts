import { it } from "vitest";
import { App, HTTPException } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";
import { expectRecorded, JSON_CT } from "./recorded.js";

/** §5 statements that no recorded case pins: the detail an HTTPException defaults to. */
function createApp(): App {
  const app = new App({ logger: { error: () => {} } });
  app.get("/null-detail", {}, () => {
    throw new HTTPException(400, null, { "x-error": "yes" });
  });
  app.get("/typed", {}, () => {
    throw new HTTPException(400, "typed", { "Content-Type": "application/problem+json" });
  });
  app.get("/phrase/{status}", {}, ({ status }: { status: string }) => {
    throw new HTTPException(Number(status));
  });
  return app;
}

describeTransports("§5 HTTPException details", createApp, (client) => {
  it("a null detail is the reason phrase, as FastAPI's detail=None", async () => {
    await expectRecorded(await client().request("GET", "/null-detail"), {
      status: 400,
      contentType: JSON_CT,
      body: '{"detail":"Bad Request"}',
      headers: { "x-error": "yes" },
    });
  });

  it.each([
    [401, '{"detail":"Unauthorized"}'],
    [403, '{"detail":"Forbidden"}'],
    [404, '{"detail":"Not Found"}'],
    [405, '{"detail":"Method Not Allowed"}'],
    [409, '{"detail":"Conflict"}'],
    [413, '{"detail":"Content Too Large"}'],
    [422, '{"detail":"Unprocessable Content"}'],
    [429, '{"detail":"Too Many Requests"}'],
    [500, '{"detail":"Internal Server Error"}'],
    [503, '{"detail":"Service Unavailable"}'],
  ])(
    "HTTPException(%i) without a detail answers Python's current reason phrase",
    async (status, body) => {
      await expectRecorded(await client().request("GET", `/phrase/${status}`), {
        status,
        contentType: JSON_CT,
        body,
      });
    },
  );

  it("a content-type among the exception's headers is kept, the body still JSON", async () => {
    await expectRecorded(await client().request("GET", "/typed"), {
      status: 400,
      contentType: "application/problem+json",
      body: '{"detail":"typed"}',
    });
  });
});
