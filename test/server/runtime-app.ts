import { z } from "zod";
import {
  App,
  Body,
  Depends,
  dependency,
  EventSourceResponse,
  File,
  Form,
  Header,
  HTTPException,
  Path,
  Query,
  StreamingResponse,
} from "../../src/index.js";

/**
 * The app the runtime suite serves on every transport (TestClient, node:http, Bun, Deno):
 * routing, validation errors, dependencies, streaming, forms, lifespan, background work.
 * Everything it records is readable at GET /events, so a test in another process sees it.
 */
export function createRuntimeApp(): App {
  const events: string[] = [];
  const app = new App({
    logger: { error: () => {} },
    lifespan: async function* () {
      events.push("startup");
      yield { greeting: "hi" };
    },
  });

  app.get("/events", {}, () => ({ events }));

  app.get(
    "/items/{item_id}",
    {
      params: {
        item_id: Path(z.number().int()),
        q: Query(z.string().max(5).optional()),
        limit: Query(z.number().int().min(1).max(100).default(10)),
      },
    },
    ({ item_id, q, limit }) => ({ item_id, q: q ?? null, limit }),
  );
  app.get("/slash/", {}, () => ({ slash: true }));
  app.delete("/gone", { status: 204 }, () => undefined);
  app.get("/whoami", {}, (_args, ctx) => ({
    client: ctx.client?.host ?? null,
    scheme: ctx.scheme,
    path: ctx.path,
    greeting: ctx.state.greeting,
  }));

  const Item = z.object({ name: z.string().min(1), price: z.number().gt(0) });
  app.post("/items", { params: { item: Body(Item) }, response: Item, status: 201 }, ({ item }) => ({
    ...item,
    secret: "filtered",
  }));

  const session = dependency({}, async function* () {
    events.push("session open");
    try {
      yield { id: 7 };
    } finally {
      events.push("session closed");
    }
  });
  const apiKey = dependency({ key: Header(z.string(), { alias: "x-api-key" }) }, ({ key }) => {
    if (key !== "secret") throw new HTTPException(401, "Invalid API key");
    return key;
  });
  app.get(
    "/secure",
    { params: { key: Depends(apiKey), session: Depends(session) } },
    ({ key, session }, ctx) => {
      ctx.background.add(() => {
        events.push("background ran");
      });
      ctx.response.setCookie("a", "1");
      ctx.response.setCookie("b", "2");
      return { key, session: session.id };
    },
  );

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
        for (let i = 0; i < 3; i++) yield { i };
      })(),
    );
  });
  app.get("/endless", {}, (_args, ctx) => {
    ctx.signal.addEventListener("abort", () => events.push("endless aborted"));
    return new StreamingResponse(
      (async function* () {
        try {
          for (let i = 0; ; i++) {
            yield `tick ${i}\n`;
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        } finally {
          events.push("endless stopped");
        }
      })(),
      { mediaType: "text/plain" },
    );
  });

  app.post(
    "/login",
    { params: { username: Form(z.string()), password: Form(z.string().min(4)) } },
    ({ username }) => ({ username }),
  );
  app.post(
    "/upload",
    { params: { file: File(), note: Form(z.string().optional()) } },
    async ({ file, note }) => ({
      filename: file.filename,
      content_type: file.contentType,
      size: file.size,
      text: await file.text(),
      note: note ?? null,
    }),
  );
  app.websocket(
    "/ws/echo",
    { params: { name: Query(z.string().min(2)) } },
    async (ws, { name }) => {
      await ws.accept();
      try {
        await ws.sendText(`hello ${name}`);
        for await (const message of ws) {
          if (message === "bye") return ws.close(4000, "bye yourself");
          if (typeof message === "string") await ws.sendText(`echo ${message}`);
          else await ws.sendBytes(message.reverse());
        }
      } finally {
        events.push("ws done");
      }
    },
  );
  // 32 MiB in 64 messages: more than the kernel buffers, so a client that stops reading
  // holds the handler at an awaited send (the flood ends only once the client reads again)
  app.websocket("/ws/flood", {}, async (ws) => {
    await ws.accept();
    const chunk = new Uint8Array(512 * 1024);
    for (let i = 0; i < 64; i++) await ws.sendBytes(chunk);
    events.push("flood sent");
    await ws.close(1000, "");
  });
  app.websocket("/ws/tiny", { maxMessageSize: 8 }, async (ws) => {
    await ws.accept();
    for await (const message of ws) {
      await ws.sendText(`got ${String(message)}`);
      await ws.sendText(""); // an empty frame too (Bun documents "0 bytes written" for one)
    }
  });
  // past the runtimes' own 16 MiB default: the server must let such a message through
  app.websocket("/ws/large", { maxMessageSize: 20 * 1024 * 1024 }, async (ws) => {
    await ws.accept();
    for await (const message of ws)
      await ws.sendText(
        `size ${typeof message === "string" ? message.length : message.byteLength}`,
      );
  });
  app.post("/small", { params: { item: Body(Item) }, bodyLimit: 16 }, ({ item }) => item);
  return app;
}
