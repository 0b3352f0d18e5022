// The WebSocket routes both the in-process and the wire tests run against.

import {
  APIRouter,
  App,
  Cookie,
  Depends,
  dependency,
  Header,
  HTTPBearer,
  Path,
  Query,
  WebSocketDisconnect,
  WebSocketException,
} from "tailor";
import { z } from "zod";

export function makeWebSocketApp() {
  const events: string[] = [];
  const app = new App({ websocket: { pingInterval: 0 } });

  // a middleware that does not understand WebSockets: it would answer every request itself
  app.middleware(() => ({ status: 500, headers: {}, body: "middleware ran" }));

  app.websocket("/echo", { params: { token: Query(z.string()) } }, async (ws, { token }) => {
    await ws.accept();
    const text = await ws.receiveText();
    await ws.sendJson({ echo: text, token });
    await ws.close(1000);
  });

  app.websocket("/denied", {}, () => {
    throw new WebSocketException(1008, "denied");
  });

  app.websocket(
    "/rooms/{room_id}",
    {
      params: {
        room_id: Path(z.number().int()),
        lang: Header(z.enum(["en", "fr"]), { alias: "x-lang" }),
        session: Cookie(z.string().min(3)),
      },
    },
    async (ws, { room_id, lang, session }) => {
      await ws.accept();
      await ws.sendJson({ room_id, lang, session });
    },
  );

  const resource = dependency({}, async function* () {
    events.push("opened");
    try {
      yield "resource";
    } catch (error) {
      events.push(`saw ${(error as Error).name}`);
      throw error;
    } finally {
      events.push("closed");
    }
  });

  app.websocket("/chat", { params: { res: Depends(resource) } }, async (ws, { res }) => {
    await ws.accept();
    await ws.sendText(res);
    try {
      for (;;) await ws.sendText(`got ${await ws.receiveText()}`);
    } catch (error) {
      if (error instanceof WebSocketDisconnect) events.push(`disconnect ${error.code}`);
      throw error;
    }
  });

  app.websocket("/iterate", {}, async (ws, _args, ctx) => {
    await ws.accept();
    ctx.signal.addEventListener("abort", () => events.push("signal aborted"));
    const seen: string[] = [];
    for await (const message of ws) seen.push(String(message));
    events.push(`iterated ${seen.join(",")}`);
  });

  app.websocket("/small", { maxMessageSize: 16 }, async (ws) => {
    await ws.accept();
    try {
      for (;;) await ws.sendText(await ws.receiveText());
    } catch (error) {
      if (error instanceof WebSocketDisconnect) events.push(`small closed ${error.code}`);
    }
  });

  app.websocket("/never-accepts", {}, () => undefined);

  app.websocket("/binary", {}, async (ws) => {
    await ws.accept({ subprotocol: "v2.chat" });
    const bytes = await ws.receiveBytes();
    await ws.sendBytes(bytes.map((byte) => byte + 1));
    const value = await ws.receiveJson();
    await ws.sendJson({ value });
  });

  app.websocket("/crash", {}, async (ws) => {
    await ws.accept();
    throw new Error("boom");
  });

  const bearer = new HTTPBearer();
  const router = new APIRouter({ prefix: "/secure", dependencies: [Depends(bearer)] });
  router.websocket("/feed", {}, async (ws) => {
    await ws.accept();
    await ws.sendText("authorized");
  });
  app.includeRouter(router, { prefix: "/v1" });

  return { app, events };
}
