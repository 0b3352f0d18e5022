import { describe, expectTypeOf, test } from "vitest";
import { z } from "zod";
import {
  APIRouter,
  App,
  Depends,
  dependency,
  EventSourceResponse,
  Header,
  Path,
  Query,
  type RequestContext,
  ServerSentEvent,
  type WebSocket,
  WorkerPool,
} from "../../src/index.js";
import type hashRounds from "../workers/fixtures/cpu-worker.js";

describe("WebSocket handlers", () => {
  test("get the socket, args inferred from the path and params, and the context", () => {
    const user = dependency({ key: Header(z.string(), { alias: "x-key" }) }, ({ key }) => ({
      id: key.length,
    }));
    new App().websocket(
      "/rooms/{room}/{seat}",
      {
        params: {
          seat: Path(z.number().int()),
          token: Query(z.string().optional()),
          user: Depends(user),
        },
      },
      async (ws, args, ctx) => {
        expectTypeOf(ws).toEqualTypeOf<WebSocket>();
        expectTypeOf(args.room).toEqualTypeOf<string>();
        expectTypeOf(args.seat).toEqualTypeOf<number>();
        expectTypeOf(args.token).toEqualTypeOf<string | undefined>();
        expectTypeOf(args.user).toEqualTypeOf<{ id: number }>();
        expectTypeOf(ctx).toEqualTypeOf<RequestContext>();
        expectTypeOf(await ws.receiveJson()).toEqualTypeOf<unknown>();
        expectTypeOf(await ws.receiveText()).toEqualTypeOf<string>();
      },
    );
  });

  test("are declared on an APIRouter the same way", () => {
    new APIRouter({ prefix: "/ws" }).websocket("/{id}", {}, (_ws, { id }) => {
      expectTypeOf(id).toEqualTypeOf<string>();
    });
  });

  test("WebSocket limits are typed options", () => {
    // @ts-expect-error maxMessageSize is a number of bytes
    new App().websocket("/ws", { maxMessageSize: "1mb" }, () => undefined);
  });
});

describe("serving controls and event streams", () => {
  test("concurrency and timeout are route options; null opts out of the app's default", () => {
    new App({ concurrency: { limit: 4 }, timeout: 1_000 })
      .get("/a", { concurrency: { limit: 2, queue: 8, queueTimeout: 500 }, timeout: 200 }, () => 1)
      .get("/b", { concurrency: null, timeout: null }, () => 2);
    // @ts-expect-error limit is required
    new App().get("/c", { concurrency: { queue: 2 } }, () => 3);
  });

  test("an event-stream generator may yield items of the schema or ServerSentEvents", () => {
    const Token = z.object({ text: z.string() });
    new App().get(
      "/s",
      { response: Token, responseClass: EventSourceResponse },
      async function* () {
        yield { text: "a" };
        yield new ServerSentEvent({ event: "end", data: { text: "b" } });
      },
    );
  });
});

describe("WorkerPool", () => {
  test("run takes the task's input and resolves with its result", () => {
    const pool = new WorkerPool<typeof hashRounds>(new URL("file:///w.ts"));
    expectTypeOf(pool.run).parameter(0).toEqualTypeOf<{
      text: string;
      rounds: number;
      spinMs?: number;
    }>();
    expectTypeOf(pool.run({ text: "a", rounds: 1 })).toEqualTypeOf<
      Promise<{ digest: string; thread: number }>
    >();
  });
});
