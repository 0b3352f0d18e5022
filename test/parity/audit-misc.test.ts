import { expect, it } from "vitest";
import { z } from "zod";
import {
  App,
  JSONResponse,
  RedirectResponse,
  RequestValidationError,
  StreamingResponse,
} from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";
import { expectRecorded, JSON_CT, TEXT_CT } from "./recorded.js";

class QuotaExceeded extends Error {
  constructor(readonly who: string) {
    super("quota");
  }
}

/** Mirrors the misc recording app of §12: two header middlewares wrap every answer. */
function createMiscApp(): App {
  const app = new App({ logger: { error: () => {} } });
  for (const name of ["x-first", "x-second"]) {
    app.middleware(async (_ctx, callNext) => {
      const response = await callNext();
      response.headers[name] = "1";
      return response;
    });
  }
  app.exceptionHandler(
    QuotaExceeded,
    (_ctx, error: QuotaExceeded) =>
      new JSONResponse(
        { error: "quota", who: error.who },
        { status: 429, headers: { "Retry-After": "30" } },
      ),
  );
  app.exceptionHandler(
    RequestValidationError,
    (_ctx, error: RequestValidationError) =>
      new JSONResponse({ detail: error.errors }, { status: 400 }),
  );
  app.get("/quota", {}, () => {
    throw new QuotaExceeded("alice");
  });
  app.get("/mw-order", {}, () => ({ ok: true }));
  app.get("/custom422/n/{n}", { params: { n: z.number().int() } }, ({ n }) => ({ n }));
  app.get(
    "/stream",
    {},
    () =>
      new StreamingResponse(
        (function* () {
          for (let i = 0; i < 3; i++) yield `part${i}\n`;
        })(),
        { mediaType: "text/plain" },
      ),
  );
  app.get(
    "/sse",
    {},
    () =>
      new StreamingResponse(
        (async function* () {
          for (let t = 0; t < 2; t++) yield `id: ${t}\nevent: token\ndata: {"t": ${t}}\n\n`;
          yield "data: [DONE]\n\n";
        })(),
        {
          mediaType: "text/event-stream",
          headers: { "Cache-Control": "no-cache", "X-Accel-Buffering": "no" },
        },
      ),
  );
  app.get(
    "/ndjson",
    {},
    () =>
      new StreamingResponse(['{"i": 0}\n', '{"i": 1}\n'], { mediaType: "application/x-ndjson" }),
  );
  app.get("/go", {}, () => new RedirectResponse("/mw-order"));
  app.get("/go-303", { responseClass: RedirectResponse, status: 303 }, () => "/mw-order");
  return app;
}

const MW = { "x-first": "1", "x-second": "1" };

/** A streamed recording: exact status, content type, headers and body, and no content-length. */
async function expectStreamed(
  response: Response,
  contentType: string,
  body: string,
  headers: Record<string, string>,
): Promise<void> {
  expect({ status: response.status, body: await response.text() }).toEqual({ status: 200, body });
  expect(response.headers.get("content-type")).toBe(contentType);
  expect(response.headers.has("content-length")).toBe(false);
  for (const [name, value] of Object.entries(headers)) {
    expect(response.headers.get(name), name).toBe(value);
  }
}

describeTransports("§12 misc recorded cases", createMiscApp, (client) => {
  it("custom-exception-handler: a user error class maps to 429 with retry-after, inside the middleware", async () => {
    await expectRecorded(await client().request("GET", "/quota"), {
      status: 429,
      contentType: JSON_CT,
      body: '{"error":"quota","who":"alice"}',
      headers: { "retry-after": "30", ...MW },
    });
  });

  it("http-middleware-order: both middlewares add their header", async () => {
    await expectRecorded(await client().request("GET", "/mw-order"), {
      status: 200,
      contentType: JSON_CT,
      body: '{"ok":true}',
      headers: MW,
    });
  });

  it("custom-validation-handler: the default 422 body re-sent with status 400", async () => {
    await expectRecorded(await client().request("GET", "/custom422/n/abc"), {
      status: 400,
      contentType: JSON_CT,
      body: '{"detail":[{"type":"int_parsing","loc":["path","n"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}',
      headers: MW,
    });
  });

  it("streaming-response: text/plain gets charset=utf-8 and no content-length", async () => {
    await expectStreamed(
      await client().request("GET", "/stream"),
      TEXT_CT,
      "part0\npart1\npart2\n",
      MW,
    );
  });

  it("sse-by-hand: text/event-stream gets charset=utf-8; cache-control and x-accel-buffering pass through", async () => {
    await expectStreamed(
      await client().request("GET", "/sse"),
      "text/event-stream; charset=utf-8",
      'id: 0\nevent: token\ndata: {"t": 0}\n\nid: 1\nevent: token\ndata: {"t": 1}\n\ndata: [DONE]\n\n',
      { "cache-control": "no-cache", "x-accel-buffering": "no", ...MW },
    );
  });

  it("ndjson-by-hand: application/x-ndjson gets no charset", async () => {
    await expectStreamed(
      await client().request("GET", "/ndjson"),
      "application/x-ndjson",
      '{"i": 0}\n{"i": 1}\n',
      MW,
    );
  });

  it("redirect-response-default: 307 with the relative location as given and no content-type", async () => {
    const response = await client().request("GET", "/go");
    await expectRecorded(response, {
      status: 307,
      contentType: null,
      body: "",
      headers: { location: "/mw-order", "content-length": "0", ...MW },
    });
  });

  it("redirect-response-class-303: the handler's string is the location of a 303", async () => {
    const response = await client().request("GET", "/go-303");
    await expectRecorded(response, {
      status: 303,
      contentType: null,
      body: "",
      headers: { location: "/mw-order", "content-length": "0", ...MW },
    });
    expect(response.headers.has("content-type")).toBe(false);
  });
});
