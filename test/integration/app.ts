import { z } from "zod";
import {
  App,
  Body,
  EventSourceResponse,
  Query,
  ServerSentEvent,
  StreamingResponse,
} from "../../src/index.js";

const Token = z.object({
  index: z.number().int(),
  text: z.string(),
  logprob: z.number().nullable(),
});

/** The app every integration case runs against, on both transports. */
export function createIntegrationApp(hooks: { onAbort?: (reason: unknown) => void } = {}): App {
  const app = new App({ logger: { error: () => {} } });
  app.get("/hello", { params: { q: Query(z.string().optional()) } }, ({ q }) => ({
    hello: q ?? "world",
  }));
  app.delete("/gone", { status: 204 }, () => undefined);
  app.get("/slash/", {}, () => ({ slash: true }));
  app.get("/stream", {}, () => {
    return new StreamingResponse(
      (async function* () {
        yield "one\n";
        await new Promise((resolve) => setTimeout(resolve, 5));
        yield new TextEncoder().encode("two\n");
        yield "three\n";
      })(),
      { mediaType: "text/plain" },
    );
  });
  app.get("/sse", {}, () => {
    return new EventSourceResponse(
      (async function* () {
        yield Token.parse({ index: 0, text: "Hel", logprob: null });
        yield Token.parse({ index: 1, text: "lo", logprob: null });
      })(),
    );
  });
  app.post("/sse-events", {}, (_args, ctx) => {
    const resumedFrom = ctx.header("last-event-id");
    return new EventSourceResponse(
      (async function* () {
        yield new ServerSentEvent({ comment: "start" });
        yield new ServerSentEvent({
          event: "meta",
          data: { resumed_from: resumedFrom },
          id: 1,
          retry: 3000,
        });
        yield new ServerSentEvent({ data: "multi\nline", id: 2 });
        yield new ServerSentEvent({ rawData: "[DONE]" });
      })(),
    );
  });
  const Payload = z.object({ data: z.string() });
  app.post("/upload", { params: { payload: Body(Payload) } }, ({ payload }) => ({
    size: payload.data.length,
  }));
  app.post("/small", { params: { payload: Body(Payload) }, bodyLimit: 16 }, ({ payload }) => ({
    size: payload.data.length,
  }));
  app.post("/any-json", { params: { value: Body(z.unknown()) } }, () => ({ ok: true }));
  app.get("/wait", {}, async (_args, ctx) => {
    await new Promise((_resolve, reject) => {
      ctx.signal.addEventListener("abort", () => {
        hooks.onAbort?.(ctx.signal.reason);
        reject(ctx.signal.reason);
      });
    });
    return { never: true };
  });
  return app;
}
