// Two behaviours first met in the inference service: pydantic's singular "1 character", and a
// stream that produces one more item after its client left.
import { describe, expect, it } from "vitest";
import { KEY, makeService } from "../inference/helpers.js";

const { client } = makeService();

describe("string_too_short wording", () => {
  it("says 'at least 1 character' (singular) for an empty prompt, as pydantic does", async () => {
    const r = await client.post("/v1/completions", { json: { prompt: "" }, headers: KEY });
    // the service puts OpenAI's `error` beside FastAPI's `detail`; the wording is in `detail`
    expect(JSON.stringify((await r.json()).detail)).toBe(
      '[{"type":"string_too_short","loc":["body","prompt"],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}}]',
    );
  });
});

describe("a stream that yields after its client disconnected", () => {
  // After `await iterator.next()` the socket may have closed meanwhile: `res.write` then
  // returns false and the loop waits for a "drain" or "close" that already happened, so the
  // iterator is never returned, and background tasks and teardown never run.
  it("still finishes the stream and runs the background tasks", async () => {
    const { App, EventSourceResponse, serve } = await import("tailor");
    const { request } = await import("node:http");
    const events: string[] = [];
    const app = new App();
    app.get("/events", {}, (_args, ctx) => {
      ctx.background.add(() => events.push("background ran"));
      const signal = ctx.signal;
      return new EventSourceResponse(
        (async function* () {
          yield { n: 1 };
          await new Promise((resolve) => signal.addEventListener("abort", resolve));
          yield { n: 2 }; // one more item after the client left
        })(),
      );
    });
    const server = await serve(app, { port: 0 });
    try {
      const req = request(`${server.url}/events`, (res) => res.once("data", () => req.destroy()));
      req.on("error", () => {});
      req.end();
      const deadline = Date.now() + 1000;
      while (!events.includes("background ran")) {
        if (Date.now() > deadline) throw new Error("the background task never ran");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(events).toEqual(["background ran"]);
    } finally {
      await Promise.race([server.close(), new Promise((resolve) => setTimeout(resolve, 500))]);
    }
  });
});
